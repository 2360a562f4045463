package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterChangeListener;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Found by the virtual Pi lab (cable pull, API partition): a kubelet that kept running must report Ready again. */
class KubeletReportsReadyAfterPartitionTest {

    @Test
    void aRunningKubeletReportsReadyAgainAfterTheControllerMarkedItsNodeUnknown() throws Exception {
        RehearsalRack.Options options = new RehearsalRack.Options(6, true, Set.of("rpi3"), 7L, 0);
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(3), SimTimings.demoTuned(), 1, options);
             StandaloneKubelet external = new StandaloneKubelet(t.rack.apiUrl(), "rpi3", SimTimings.demoTuned())) {
            t.await("rpi3 Ready", Duration.ofSeconds(40), s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.TRUE).orElse(false));
            // The kubelet answers the Unknown within one sync (100 ms), so the Unknown may be in the store for less
            // time than a waiter needs to wake up and look: hear every change instead of sampling snapshots.
            CountDownLatch markedUnknown = new CountDownLatch(1);
            t.store.addListener(new ClusterChangeListener() {
                @Override
                public void nodeChanged(NodeInfo before, NodeInfo after) {
                    if (after != null && after.name().equals("rpi3") && after.ready() == ConditionStatus.UNKNOWN) {
                        markedUnknown.countDown();
                    }
                }
            });
            // What the node lifecycle controller writes when heartbeats stopped getting through for a while.
            new SimWriter(t.client).set(SimObjects.nodeNamed("rpi3"), Map.of("/status/conditions", List.of(Map.of(
                    "type", "Ready", "status", "Unknown", "reason", "NodeStatusUnknown",
                    "message", "Kubelet stopped posting node status.",
                    "lastHeartbeatTime", "2026-01-01T00:00:00Z", "lastTransitionTime", "2026-01-01T00:00:00Z"))));
            assertTrue(markedUnknown.await(20, TimeUnit.SECONDS), "the store never heard rpi3 marked Unknown");
            var back = t.await("rpi3 Ready again from its still-running kubelet", Duration.ofSeconds(20),
                    s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.TRUE).orElse(false));
            assertEquals(ConditionStatus.TRUE, back.node("rpi3").orElseThrow().ready());
        }
    }
}
