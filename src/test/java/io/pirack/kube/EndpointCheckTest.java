package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiHealth;
import io.pirack.core.cluster.ApiStatus;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The API check on an injected clock and executor: a stalled endpoint is an outage within the
 * threshold (issue 23's bound) even though its checks never come back, and answers keep it live;
 * the checks wait for their answers on a fixed pool, not on a thread per answer, and a real endpoint
 * is asked on one kept connection without the {@code java.net.http} client's selector thread, and no
 * check goes out while the watches bring something more often than the checks would (issue 20).
 */
class EndpointCheckTest {

    private static final Instant T0 = Instant.parse("2026-12-06T11:00:00Z");
    private static final ApiHealth.Watches WATCHING = new ApiHealth.Watches(true, true, null);

    /** Runs what it is given only when the test says so: checks "in flight" are the queued ones. */
    private static final class HeldExecutor extends AbstractExecutorService {
        final Queue<Runnable> queued = new ArrayDeque<>();

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }

        @Override
        public void execute(Runnable command) {
            queued.add(command);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void aStalledEndpointIsAnOutageWithinTheThresholdAndAnsweringAgainIsLive() {
        ApiHealth health = new ApiHealth(T0);
        HeldExecutor pool = new HeldExecutor();
        AtomicInteger asked = new AtomicInteger();
        EndpointCheck check = new EndpointCheck(asked::incrementAndGet, pool, health, () -> { });

        // Answering: a caller ticking every 100 ms sends a check every 300 ms, each answered at once.
        for (double t = 0; t <= 1.0 + 1e-9; t += 0.1) {
            check.sendIfDue(at(t));
            pool.runAll();
        }
        assertEquals(4, asked.get(), "sent at 0, 0.3, 0.6 and 0.9 s: one per 300 ms");
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(1.0), WATCHING));

        // Stalled from 1.1 s: nothing comes back, yet checks keep going out — up to the in-flight bound.
        for (double t = 1.1; t <= 3.1 + 1e-9; t += 0.1) {
            check.sendIfDue(at(t));
        }
        assertEquals(EndpointCheck.MAX_IN_FLIGHT, pool.queued.size(), "a stalled endpoint does not pile up requests");
        Duration silent = Duration.between(at(0.9), at(3.0));
        assertTrue(silent.compareTo(ApiHealth.DEFAULT_THRESHOLD) > 0);
        assertInstanceOf(ApiStatus.Unreachable.class, health.evaluate(at(3.0), WATCHING),
                "last answered check sent at 0.9 s: unreachable by 3.0 s");

        // The endpoint answers again: the waiting checks come back and the next ones go out.
        pool.runAll();
        check.sendIfDue(at(3.2));
        pool.runAll();
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(3.3), WATCHING));
    }

    @Test
    void whileTheWatchesDeliverNoCheckGoesOutAndSilenceIsStillAnOutageWithinTheThreshold() {
        ApiHealth health = new ApiHealth(T0);
        HeldExecutor pool = new HeldExecutor();
        AtomicInteger asked = new AtomicInteger();
        EndpointCheck check = new EndpointCheck(asked::incrementAndGet, pool, health, () -> { });
        check.sendIfDue(at(0));
        pool.runAll();

        // A watch brings something every 200 ms from 0.2 s to 1.8 s: the server is there, no check is needed.
        for (double t = 0.1; t <= 1.8 + 1e-9; t += 0.1) {
            if (Math.round(t * 10) % 2 == 0) {
                check.heard(at(t));
            }
            check.sendIfDue(at(t));
            pool.runAll();
        }
        assertEquals(1, asked.get(), "only the first check went out");
        assertEquals(at(1.8).plus(EndpointCheck.EVERY), check.due());
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(1.8), WATCHING));

        // Then silence (a pulled control-plane Pi: the watch connection stays open, nothing comes): checks go out
        // again 300 ms after the last delivery, nothing answers them, and the API is unreachable 2 s after it.
        for (double t = 1.9; t <= 4.0 + 1e-9; t += 0.1) {
            check.sendIfDue(at(t));
        }
        assertEquals(EndpointCheck.MAX_IN_FLIGHT, pool.queued.size(), "checks resumed at 2.1 s");
        assertInstanceOf(ApiStatus.Connected.class, health.evaluate(at(3.8), WATCHING));
        assertInstanceOf(ApiStatus.Unreachable.class, health.evaluate(at(3.801), WATCHING),
                "last heard from at 1.8 s: unreachable past 3.8 s");
    }

    @Test
    void aRefusedConnectionIsSaidInWords() {
        ApiHealth health = new ApiHealth(T0);
        HeldExecutor pool = new HeldExecutor();
        EndpointCheck check = new EndpointCheck(() -> {
            throw new ConnectException("Connection refused");
        }, pool, health, () -> { });
        health.answered(at(0));
        health.evaluate(at(0.1), WATCHING);
        for (double t = 0.5; t <= 3 + 1e-9; t += 0.1) {
            check.sendIfDue(at(t));
            pool.runAll();
        }
        ApiStatus down = health.evaluate(at(3), WATCHING);
        assertInstanceOf(ApiStatus.Unreachable.class, down);
        assertEquals("connection refused", ((ApiStatus.Unreachable) down).reason());
    }

    @Test
    void aHundredAnswersStartNoMoreThreadsThanChecksCanBeInFlight() throws Exception {
        Set<Thread> started = ConcurrentHashMap.newKeySet();
        ExecutorService pool = EndpointCheck.pool(task -> {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            started.add(thread);
            return thread;
        });
        CountDownLatch answered = new CountDownLatch(100);
        EndpointCheck check = new EndpointCheck(answered::countDown, pool, new ApiHealth(T0), () -> { });
        try {
            // One check per period of the health clock; a check the pool has not answered yet holds the next back.
            for (int i = 0; answered.getCount() > 0; i++) {
                check.sendIfDue(T0.plus(EndpointCheck.EVERY.multipliedBy(i)));
                Thread.onSpinWait();
            }
            assertTrue(started.size() <= EndpointCheck.MAX_IN_FLIGHT, started.size() + " threads for 100 answers");
        } finally {
            check.close();
        }
    }

    /**
     * A loopback server whose {@code /version} answers the first {@code atOnce} checks at once and the
     * rest only when {@code release} opens; {@code clients} gets each check's client port.
     */
    private static HttpServer versionServer(int atOnce, CountDownLatch release, List<Integer> clients) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger asked = new AtomicInteger();
        server.createContext("/version", exchange -> {
            clients.add(exchange.getRemoteAddress().getPort());
            try {
                if (asked.incrementAndGet() > atOnce) {
                    release.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"major\":\"1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "version-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }

    private static io.fabric8.kubernetes.client.Config configOf(HttpServer server) {
        return new io.fabric8.kubernetes.client.ConfigBuilder()
                .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
    }

    /** Checks sent one after another on the health clock, each awaited until the health counts it live. */
    private static void answeredChecks(EndpointCheck check, ApiHealth health, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Instant sent = T0.plus(EndpointCheck.EVERY.multipliedBy(i));
            check.sendIfDue(sent);
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                    () -> health.evaluate(sent.plus(health.threshold()), WATCHING) instanceof ApiStatus.Connected);
        }
    }

    /** Unreachable just past the threshold after the last answered check was sent, saying why once the failure is back. */
    private static void awaitUnreachableAfterTheThreshold(ApiHealth health, Instant lastAnswered, String reason) throws Exception {
        Instant past = lastAnswered.plus(health.threshold()).plusMillis(1);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> health.evaluate(past, WATCHING) instanceof ApiStatus.Unreachable u && reason.equals(u.reason()));
    }

    private static Set<Long> selectorThreads() {
        Set<Long> ids = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().endsWith("SelectorManager")).forEach(t -> ids.add(t.getId()));
        return ids;
    }

    @Test
    void aRealEndpointIsAskedOnOneKeptConnectionWithNoSelectorThread() throws Exception {
        List<Integer> clients = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpServer server = versionServer(Integer.MAX_VALUE, new CountDownLatch(0), clients);
        Set<Long> selectorsBefore = selectorThreads();
        ApiHealth health = new ApiHealth(T0);
        EndpointCheck check = EndpointCheck.of(configOf(server), health);
        try {
            answeredChecks(check, health, 4);
            assertEquals(4, clients.size());
            assertEquals(1, Set.copyOf(clients).size(), "one connection kept for every check, not one each: " + clients);
            // The JDK's java.net.http client answers through a selector thread of its own ("HttpClient-N-SelectorManager").
            Set<Long> started = selectorThreads();
            started.removeAll(selectorsBefore);
            assertEquals(Set.of(), started, "the check started a selector thread");
        } finally {
            check.close();
            server.stop(0);
        }
    }

    @Test
    void aServerThatStopsAnsweringOnTheKeptConnectionIsUnreachableWithinTheThreshold() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = versionServer(2, release, new java.util.concurrent.CopyOnWriteArrayList<>());
        ApiHealth health = new ApiHealth(T0);
        EndpointCheck check = EndpointCheck.of(configOf(server), health);
        try {
            answeredChecks(check, health, 2);
            // The third check meets a server that hangs — a pulled cable or a frozen API server — and
            // its read timeout fails it after TIMEOUT.
            check.sendIfDue(T0.plus(EndpointCheck.EVERY.multipliedBy(2)));
            awaitUnreachableAfterTheThreshold(health, T0.plus(EndpointCheck.EVERY), "no answer within 1.5 s");
        } finally {
            release.countDown();
            check.close();
            server.stop(0);
        }
    }

    @Test
    void aServerThatWentAwayIsConnectionRefusedInWords() throws Exception {
        HttpServer server = versionServer(Integer.MAX_VALUE, new CountDownLatch(0), new java.util.concurrent.CopyOnWriteArrayList<>());
        ApiHealth health = new ApiHealth(T0);
        EndpointCheck check = EndpointCheck.of(configOf(server), health);
        try {
            answeredChecks(check, health, 2);
            server.stop(0);
            // The kept connection is closed and the port refuses: the next check fails at once, in words.
            check.sendIfDue(T0.plus(EndpointCheck.EVERY.multipliedBy(2)));
            awaitUnreachableAfterTheThreshold(health, T0.plus(EndpointCheck.EVERY), "connection refused");
        } finally {
            check.close();
        }
    }

    @Test
    void anHttpsEndpointIsAskedWithTheTlsTheConnectionsConfigSays() throws Exception {
        io.fabric8.kubernetes.client.server.mock.KubernetesMockServer server =
                new io.fabric8.kubernetes.client.server.mock.KubernetesMockServer(true);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try {
            io.fabric8.kubernetes.client.Config trusting = server.createClient().getConfiguration();
            ApiHealth health = new ApiHealth(T0);
            EndpointCheck check = EndpointCheck.of(trusting, health);
            try {
                answeredChecks(check, health, 2);
            } finally {
                check.close();
            }
            // The same server with the JVM's default trust: its self-signed certificate is refused, no answer counts.
            ApiHealth untrusting = new ApiHealth(T0);
            EndpointCheck refused = EndpointCheck.of(new io.fabric8.kubernetes.client.ConfigBuilder()
                    .withMasterUrl(trusting.getMasterUrl()).build(), untrusting);
            try {
                refused.sendIfDue(T0);
                WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> untrusting.evaluate(at(0.1), WATCHING)
                        instanceof ApiStatus.Connecting c && c.reason() != null && c.reason().contains("certification path"));
            } finally {
                refused.close();
            }
        } finally {
            server.destroy();
        }
    }
}
