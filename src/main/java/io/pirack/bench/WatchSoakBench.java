package io.pirack.bench;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterChangeListener;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.EventDeriver;
import io.pirack.core.timeline.TimelineEvent;
import io.pirack.kube.ClusterConnection;
import io.pirack.kube.ClusterStore;
import io.pirack.kube.ClusterWatcher;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

/**
 * Issue 23's soak: PiRack watching the rehearsal rack (4 Pis, real time) for a long time while one
 * pod changes per second (a bench pod created, the previous one deleted). Counts what a visitor
 * would see go wrong: watch reconnects (expected: fabric8 rotates each of the five watches every
 * 5–10 min), LED flickers to "unknown" (goal 0), false outage events (goal 0; the API never goes
 * down here), and at the end pods the store shows that the API no longer has (goal 0).
 */
final class WatchSoakBench {

    Map<String, Object> run(int seconds, Consumer<String> progress) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "rehearsal rack (4 Pis, demo-tuned, real time), PiRack's ClusterWatcher on its API, "
                + "1 pod change/s (create soak-N, delete soak-N-1)");
        result.put("seconds", seconds);
        AtomicInteger mockWriteStalls = new AtomicInteger();
        java.util.logging.Logger mockLog = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.vertx.VertxMockWebSocket");
        Handler stalls = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    mockWriteStalls.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        mockLog.addHandler(stalls);
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(4), SimTimings.demoTuned(), SimClock.realTime(1));
             KubernetesClient piRack = ClusterConnection.forUrl(rack.apiUrl());
             KubernetesClient writer = ClusterConnection.forUrl(rack.apiUrl())) {
            ClusterStore store = new ClusterStore(Clock.systemUTC(), "soak");
            AtomicInteger flickers = new AtomicInteger();
            AtomicInteger resyncs = new AtomicInteger();
            Map<String, Long> closedAt = new HashMap<>();
            Samples gaps = new Samples();
            AtomicInteger reconnects = new AtomicInteger();
            AtomicInteger outages = new AtomicInteger();
            store.addListener(new ClusterChangeListener() {
                @Override
                public void apiStatusChanged(ApiStatus before, ApiStatus after) {
                    if (before != null && before.isLive() && !after.isLive()) {
                        flickers.incrementAndGet();
                    }
                    if (after instanceof ApiStatus.Reconnecting) {
                        resyncs.incrementAndGet();
                    }
                }
            });
            store.addListener(new EventDeriver(e -> {
                if (e instanceof TimelineEvent.ApiOutage) {
                    outages.incrementAndGet();
                }
            }, Clock.systemUTC()));
            try (ClusterWatcher watcher = new ClusterWatcher(piRack, store, Clock.systemUTC())) {
                watcher.addWatchListener((kind, open) -> {
                    synchronized (closedAt) {
                        if (!open) {
                            closedAt.put(kind, System.nanoTime());
                        } else if (closedAt.containsKey(kind)) {
                            reconnects.incrementAndGet();
                            gaps.add(System.nanoTime() - closedAt.remove(kind));
                        }
                    }
                });
                watcher.start();
                store.await(s -> s.api().isLive() && s.nodes().size() == 4, Duration.ofSeconds(60), "the rack listed");
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                int n = 0;
                long next = System.nanoTime();
                while (System.nanoTime() < end) {
                    writer.pods().inNamespace(LatencyBench.NAMESPACE).resource(new PodBuilder().withNewMetadata()
                            .withName("soak-" + n).withNamespace(LatencyBench.NAMESPACE).endMetadata().withNewSpec()
                            .addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();
                    if (n > 0) {
                        writer.pods().inNamespace(LatencyBench.NAMESPACE).withName("soak-" + (n - 1)).withGracePeriod(0).delete();
                    }
                    n++;
                    if (n % 60 == 0) {
                        progress.accept("soak: " + n + " s, " + reconnects.get() + " reconnects, " + flickers.get() + " flickers, "
                                + outages.get() + " outages");
                    }
                    next += 1_000_000_000L;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                // Settle: every change so far must have reached the store.
                Set<String> api = writer.pods().inAnyNamespace().list().getItems().stream()
                        .map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
                try {
                    store.await(s -> s.pods().keySet().containsAll(api) && api.containsAll(s.pods().keySet()),
                            Duration.ofSeconds(10), "the store to match the API");
                } catch (java.util.concurrent.TimeoutException e) {
                    // reported below
                }
                Set<String> shown = new TreeSet<>(store.snapshot().pods().keySet());
                Set<String> ghosts = new TreeSet<>(shown);
                ghosts.removeAll(api);
                Set<String> missing = new TreeSet<>(api);
                missing.removeAll(shown);
                result.put("pod_changes", n * 2 - 1);
                result.put("watch_reconnects", reconnects.get());
                result.put("watch_reconnect_gap", gaps.summary());
                result.put("resync_states", resyncs.get());
                result.put("unknown_flickers", flickers.get());
                result.put("false_outage_events", outages.get());
                result.put("ghost_pods_at_end", ghosts.size());
                result.put("missing_pods_at_end", missing.size());
                result.put("mock_write_stall_warnings", mockWriteStalls.get());
            }
        } finally {
            mockLog.removeHandler(stalls);
        }
        return result;
    }
}
