package io.pirack.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.concurrent.Background;
import io.pirack.kube.ClusterConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One simulated kubelet running on its own, with its own client and watches, against any API
 * endpoint — what {@code pirack sim-kubelet} runs, so that an end-to-end lab can put each fake Pi
 * in its own process or network namespace. Time is real time (scale 1), because separate
 * processes cannot share a compressed clock.
 *
 * <p>Like a real kubelet it does not give up when the API server is slow or not up yet at start:
 * {@link #connect} tries again with back-off ({@link Retry#KUBELET}) until the API answers.
 */
public final class StandaloneKubelet implements AutoCloseable {

    /** How long each start attempt waits for the API, and the pauses between attempts. */
    public record Retry(Duration attempt, List<Duration> backOff) {
        /** 10 s per attempt, then 1, 2, 4, 8 s and every 15 s after that. */
        public static final Retry KUBELET = new Retry(Duration.ofSeconds(10),
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15)));

        public Retry {
            Objects.requireNonNull(attempt);
            if (backOff.isEmpty()) {
                throw new IllegalArgumentException("at least one back-off step");
            }
            backOff = List.copyOf(backOff);
        }

        /** The pause after failed attempt {@code n} (1-based); the last step repeats. */
        Duration pauseAfter(int n) {
            return backOff.get(Math.min(n, backOff.size()) - 1);
        }
    }

    private final KubernetesClient client;
    private final SimCache cache;
    private final ScheduledExecutorService loop;

    private StandaloneKubelet(KubernetesClient client, SimCache cache, String nodeName, SimTimings timings) {
        SimClock clock = SimClock.realTime(1);
        this.client = client;
        this.cache = cache;
        SimWriter writer = new SimWriter(client);
        SimKubelet kubelet = new SimKubelet(nodeName, Math.floorMod(nodeName.hashCode(), 200) + 1, writer, cache, timings,
                new SimEvents(client, clock));
        this.loop = Background.timer("sim-kubelet-" + nodeName);
        loop.scheduleWithFixedDelay(() -> {
            kubelet.heartbeat(clock.instant());
            kubelet.sync(clock.instant());
        }, 0, Duration.ofMillis(100).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts against an API that is already up (one attempt of {@link Retry#KUBELET}'s length). */
    public StandaloneKubelet(String apiUrl, String nodeName, SimTimings timings) {
        this(synced(apiUrl, Retry.KUBELET.attempt()), nodeName, timings);
    }

    private StandaloneKubelet(Synced synced, String nodeName, SimTimings timings) {
        this(synced.client(), synced.cache(), nodeName, timings);
    }

    private record Synced(KubernetesClient client, SimCache cache) {
    }

    /**
     * Starts once the API answers, trying again after each failed attempt as {@code retry} says.
     *
     * @param report one line per failed attempt (what happened, when the next try is)
     * @throws InterruptedException when stopped while waiting (Ctrl-C)
     */
    public static StandaloneKubelet connect(String apiUrl, String nodeName, SimTimings timings, Retry retry,
                                            Consumer<String> report) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return new StandaloneKubelet(synced(apiUrl, retry.attempt()), nodeName, timings);
            } catch (IllegalStateException e) {
                Duration pause = retry.pauseAfter(attempt);
                report.accept("the API at " + apiUrl + " did not answer within " + retry.attempt().toMillis() / 1000.0
                        + " s (attempt " + attempt + "); trying again in " + pause.toMillis() / 1000.0 + " s");
                Thread.sleep(pause.toMillis());
            }
        }
    }

    /** A client and a cache that has listed everything once, or IllegalStateException (both closed). */
    private static Synced synced(String apiUrl, Duration attempt) {
        KubernetesClient client = ClusterConnection.forUrl(apiUrl);
        SimCache cache = new SimCache(client, true);
        try {
            cache.startAndSync(attempt.toMillis());
            return new Synced(client, cache);
        } catch (RuntimeException e) {
            cache.close();
            client.close();
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        loop.shutdownNow();
        cache.close();
        client.close();
    }
}
