package io.pirack.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.kube.ClusterConnection;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One simulated kubelet running on its own, with its own client and watches, against any API
 * endpoint — what {@code pirack sim-kubelet} runs, so that an end-to-end lab can put each fake Pi
 * in its own process or network namespace. Time is real time (scale 1), because separate
 * processes cannot share a compressed clock.
 */
public final class StandaloneKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final SimCache cache;
    private final SimKubelet kubelet;
    private final ScheduledExecutorService loop;

    public StandaloneKubelet(String apiUrl, String nodeName, SimTimings timings) {
        SimClock clock = SimClock.realTime(1);
        this.client = ClusterConnection.forUrl(apiUrl);
        this.cache = new SimCache(client, true);
        cache.startAndSync(10_000);
        SimWriter writer = new SimWriter(client);
        this.kubelet = new SimKubelet(nodeName, Math.floorMod(nodeName.hashCode(), 200) + 1, writer, cache, timings,
                new SimEvents(client, clock));
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-kubelet-" + nodeName);
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            kubelet.heartbeat(clock.instant());
            kubelet.sync(clock.instant());
        }, 0, Duration.ofMillis(100).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        loop.shutdownNow();
        cache.close();
        client.close();
    }
}
