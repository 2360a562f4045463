package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pirack.core.cluster.ApiStatus;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How often the API health thread wakes (issue 20: on a small machine every wake-up costs tens of µs of
 * CPU): at rest once per endpoint check, not on a faster tick, without noticing an outage any later; and
 * no check goes out while the watches bring changes more often than the checks would.
 */
class HealthTickTest {

    private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");
    private static final ApiStatus CONNECTED = new ApiStatus.Connected(T0);

    @Test
    void connectedTheThreadSleepsUntilTheNextCheckIsDue() {
        Instant due = T0.plus(EndpointCheck.EVERY);
        Instant outageAt = T0.plusSeconds(2);

        assertEquals(EndpointCheck.EVERY, ClusterWatcher.nextTick(CONNECTED, T0, due, outageAt));
    }

    @Test
    void connectedButSilentTheThreadWakesWhenTheLastAnswerGrowsTooOld() {
        // The last answered check was sent 1.9 s ago: the threshold passes before the next check is due.
        Instant due = T0.plus(EndpointCheck.EVERY);
        Instant outageAt = T0.plusMillis(101);

        assertEquals(Duration.ofMillis(101), ClusterWatcher.nextTick(CONNECTED, T0, due, outageAt));
        assertEquals(Duration.ZERO, ClusterWatcher.nextTick(CONNECTED, T0, T0.minusMillis(5), outageAt),
                "a check overdue (a late wake-up) goes out at once");
    }

    @Test
    void inEveryOtherStateTheThreadTicksFast() {
        Instant due = T0.plus(EndpointCheck.EVERY);
        for (ApiStatus status : List.<ApiStatus>of(new ApiStatus.Connecting(T0, null),
                new ApiStatus.Reconnecting(T0, "a watch is being re-established"), new ApiStatus.Unreachable(T0, "connection refused"))) {
            assertEquals(ClusterWatcher.TICK, ClusterWatcher.nextTick(status, T0, due, T0.plusSeconds(2)), status.toString());
        }
        assertEquals(ClusterWatcher.TICK, ClusterWatcher.nextTick(null, T0, due, null), "a tick that failed");
    }

    /** What a test does with PiRack's watcher connected to a CRUD mock API server that has one node, "rpi1". */
    private interface OnConnected {
        void run(KubernetesClient direct, ClusterStore store, ClusterWatcher watcher) throws Exception;
    }

    /** Runs {@code test} once the watcher is connected; {@code web} is the server's HTTP side (it records the requests). */
    private static void connected(MockWebServer web, OnConnected test) throws Exception {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), web, new HashMap<>(),
                new KubernetesCrudDispatcher(List.of()), false);
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("32").build());
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient direct = server.createClient()) {
            direct.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi1").endMetadata().build()).create();
            ClusterStore store = new ClusterStore(Clock.systemUTC(), "mock");
            try (KubernetesClient client = ClusterConnection.forUrl(direct.getMasterUrl().toString());
                    // A lenient threshold: on a starved CI machine one slow check must not make it unreachable (100 ms ticks).
                    ClusterWatcher watcher = new ClusterWatcher(client, store, Clock.systemUTC(), Clock.systemUTC(), Duration.ofSeconds(20))) {
                watcher.start();
                store.await(s -> s.api() instanceof ApiStatus.Connected, Duration.ofSeconds(60), "connected");
                test.run(direct, store, watcher);
                assertTrue(store.snapshot().api() instanceof ApiStatus.Connected);
            }
        } finally {
            server.destroy();
        }
    }

    @Test
    void atRestTheHealthThreadWakesOncePerCheck() throws Exception {
        connected(new MockWebServer(), (direct, store, watcher) -> {
            long from = watcher.ticks();
            long start = System.nanoTime();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> watcher.ticks() >= from + 10);
            Duration tenTicks = Duration.ofNanos(System.nanoTime() - start);

            // Ten ticks span about nine check periods (2.7 s); a 100 ms tick took ~1 s for them. The bound leaves
            // room for a tick or two more (a watch being re-established ticks fast while it lasts).
            assertTrue(tenTicks.compareTo(Duration.ofSeconds(2)) >= 0,
                    "ten ticks at rest in " + tenTicks.toMillis() + " ms");
        });
    }

    @Test
    void whileTheWatchesDeliverTheEndpointIsNotAsked() throws Exception {
        MockWebServer web = new MockWebServer();
        connected(web, (direct, store, watcher) -> {
            assertTrue(versionChecks(web) > 0, "the endpoint was checked while connecting");

            // The node changes one write after another for 1.5 s (five check periods): the watch brings each change.
            long start = System.nanoTime();
            int writes = 0;
            while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
                long before = store.version();
                boolean cordon = writes++ % 2 == 0;
                direct.nodes().withName("rpi1").edit(n -> new NodeBuilder(n).editOrNewSpec().withUnschedulable(cordon).endSpec().build());
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> store.version() > before);
            }

            int checks = versionChecks(web);
            // One may go out if a write took longer than a check period on a starved machine; a check every 300 ms is five.
            assertTrue(checks <= 1, checks + " checks in 1.5 s while the watch brought " + writes + " changes");
        });
    }

    /** The {@code GET /version} requests the server got since the last call (it keeps every request until taken). */
    private static int versionChecks(MockWebServer web) throws InterruptedException {
        int checks = 0;
        for (var request = web.takeRequest(0, TimeUnit.MILLISECONDS); request != null; request = web.takeRequest(0, TimeUnit.MILLISECONDS)) {
            if (request.getPath().startsWith("/version")) {
                checks++;
            }
        }
        return checks;
    }
}
