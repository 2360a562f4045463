package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.rack.RackSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** Found by the virtual Pi lab: sim-kubelet exited ("did not answer: null") when the API was slow at start. */
    @Test
    void aKubeletStartedBeforeTheApiKeepsTryingAndJoinsOnceTheApiAnswers() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        List<String> reports = new CopyOnWriteArrayList<>();
        CountDownLatch failedOnce = new CountDownLatch(1);
        StandaloneKubelet.Retry quick = new StandaloneKubelet.Retry(Duration.ofMillis(500), List.of(Duration.ofMillis(100)));
        CompletableFuture<StandaloneKubelet> started = CompletableFuture.supplyAsync(() -> {
            try {
                return StandaloneKubelet.connect("http://127.0.0.1:" + port + "/", "rpi3", SimTimings.demoTuned(), quick, line -> {
                    reports.add(line);
                    failedOnce.countDown();
                });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(failedOnce.await(60, TimeUnit.SECONDS), "the first attempt against a closed port failed and was reported");
        RehearsalRack.Options options = new RehearsalRack.Options(6, true, Set.of("rpi3"), 7L, port);
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(3), SimTimings.demoTuned(), 1, options);
             StandaloneKubelet external = started.get(60, TimeUnit.SECONDS)) {
            // Node and Lease come through two informers: wait for both, not for whichever lands first.
            ClusterSnapshot s = t.await("the late kubelet's node Ready and its Lease", Duration.ofSeconds(40),
                    snap -> snap.node("rpi3").map(n -> n.ready() == ConditionStatus.TRUE).orElse(false)
                            && snap.lease("rpi3").isPresent());
            assertTrue(s.lease("rpi3").orElseThrow().renewTime() != null);
            assertTrue(reports.get(0).startsWith("the API at http://127.0.0.1:" + port + "/ did not answer within"), reports.get(0));
        }
    }
}
