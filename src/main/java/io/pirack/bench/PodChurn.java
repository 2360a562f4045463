package io.pirack.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.concurrent.Background;
import io.pirack.sim.SimWorkload;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Background pod changes for the pixel probe's scale case: deletes a random pod of the demo
 * workload at a fixed rate; its ReplicaSet brings a replacement (create, schedule, start), so each
 * delete is several pod changes on the watch. Off at rate 0.
 */
final class PodChurn implements AutoCloseable {

    private final KubernetesClient client;
    private final double perSecond;
    private final Random random = new Random(20);
    private final AtomicInteger deleted = new AtomicInteger();
    /** Demo pods not deleted yet (timer thread only). */
    private final List<String> names = new ArrayList<>();
    private ScheduledExecutorService timer;

    PodChurn(KubernetesClient client, double perSecond) {
        this.client = client;
        this.perSecond = perSecond;
    }

    void start() {
        if (perSecond <= 0) {
            return;
        }
        timer = Background.timer("pod-churn");
        timer.scheduleAtFixedRate(this::deleteOne, 0, Math.round(1e9 / perSecond), TimeUnit.NANOSECONDS);
    }

    private void deleteOne() {
        try {
            if (names.isEmpty()) {
                // Listed once (3,000 pods is megabytes of JSON), again only when every listed pod is gone.
                client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems().forEach(p -> names.add(p.getMetadata().getName()));
            }
            if (!names.isEmpty()) {
                String victim = names.remove(random.nextInt(names.size()));
                client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).withName(victim).delete();
                deleted.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // the next tick tries again; a bench, not a test
        }
    }

    /** Stops the churn; how many pods it deleted. */
    int stop() {
        close();
        return deleted.get();
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
