package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.rack.LedStates;
import io.pirack.sim.RackUnderTest;
import io.pirack.sim.SimTimings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A vanished API server turns the state to unreachable, and LEDs to unknown — never stale green. */
class ApiOutageTest {

    @Test
    void apiServerVanishingIsShownAsUnreachableAndEveryKubernetesLedAsUnknown() throws Exception {
        try (RackUnderTest t = new RackUnderTest(2, SimTimings.demoTuned(), 1)) {
            ClusterSnapshot live = t.await("connected with nodes", Duration.ofSeconds(30),
                    s -> s.api().isLive() && s.nodes().size() == 2);
            assertTrue(live.nodes().values().stream().allMatch(n -> LedStates.node(n, live.api()) == LedStates.NodeLed.READY
                    || LedStates.node(n, live.api()) == LedStates.NodeLed.TAINTED));

            t.rack.close();

            ClusterSnapshot down = t.await("API unreachable", Duration.ofSeconds(30),
                    s -> s.api() instanceof ApiStatus.Unreachable);
            assertFalse(down.api().isLive());
            assertFalse(down.nodes().isEmpty(), "the last known objects are kept for when the API returns");
            assertTrue(down.nodes().values().stream().allMatch(n -> LedStates.node(n, down.api()) == LedStates.NodeLed.API_UNKNOWN));
            assertTrue(down.pods().values().stream().allMatch(p -> LedStates.pod(p, down.api()) == LedStates.PodLed.UNKNOWN));
        }
    }
}
