package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StandaloneKubeletTest {

    @Test
    void aKubeletRunningOnItsOwnKeepsItsNodeAliveAndStartsItsPods() throws Exception {
        RehearsalRack.Options options = new RehearsalRack.Options(6, true, Set.of("rpi3"), 7L, 0);
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(3), SimTimings.demoTuned(), 1, options);
             StandaloneKubelet external = new StandaloneKubelet(t.rack.apiUrl(), "rpi3", SimTimings.demoTuned())) {
            ClusterSnapshot s = t.await("pods Ready on the external kubelet's node", Duration.ofSeconds(40),
                    snap -> snap.podsOn("rpi3").stream().filter(p -> "demo".equals(p.namespace())).count() >= 2
                            && snap.podsOn("rpi3").stream().allMatch(p -> p.ready()));
            assertTrue(s.node("rpi3").orElseThrow().ready() == ConditionStatus.TRUE);
            assertTrue(s.lease("rpi3").orElseThrow().renewTime() != null);
        }
    }
}
