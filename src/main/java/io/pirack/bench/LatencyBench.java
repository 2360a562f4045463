package io.pirack.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pirack.app.ClusterSession;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import io.pirack.frames.FramePublisher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Event → pixel: one API write at a time on the rehearsal rack's API server (pod create, pod
 * delete, node cordon/uncordon), timed from just before the write is sent to the end of the first
 * pulse that styled and laid out the view after the FX thread handed it the first frame showing
 * the change (rendering itself happens on the render thread and is not included). Also timed: the
 * hand-over alone, the write's own round trip, and when PiRack's store first held the change.
 */
final class LatencyBench {

    static final String NAMESPACE = "pirack-bench";

    /** One change in flight: what to look for and when the write started. */
    private static final class Expectation {
        final Predicate<ClusterSnapshot> shows;
        final long sentNanos;
        final CountDownLatch seen = new CountDownLatch(1);
        volatile long storeNanos;
        volatile long fxNanos;
        /** When the next pulse had styled and laid out the view after the frame (= fxNanos without a shown scene). */
        volatile long laidOutNanos;

        Expectation(Predicate<ClusterSnapshot> shows, long sentNanos) {
            this.shows = shows;
            this.sentNanos = sentNanos;
        }
    }

    private volatile Expectation pending;

    Map<String, Object> run(int changes, Executor fx, ViewUnderTest view, Consumer<String> progress) throws Exception {
        RackSpec spec = RackSpec.rehearsal(4);
        Samples endToEnd = new Samples();
        Samples writeRoundTrip = new Samples();
        Samples toStore = new Samples();
        Samples toFx = new Samples();
        int missed = 0;
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(spec, SimTimings.demoTuned(), 1.0))) {
            session.start();
            session.store().await(s -> s.api().isLive() && s.nodes().size() == spec.slots().size(), Duration.ofSeconds(30),
                    "the rehearsal rack's nodes");
            String node = spec.slots().get(spec.slots().size() - 1).hostname();
            Runnable storeSignal = () -> {
                Expectation e = pending;
                if (e != null && e.storeNanos == 0 && e.shows.test(session.store().snapshot())) {
                    e.storeNanos = System.nanoTime();
                }
            };
            session.store().addChangeSignal(storeSignal);
            Consumer<RackFrame> instrumented = frame -> {
                view.sink().accept(frame);
                Expectation e = pending;
                if (e != null && e.fxNanos == 0 && e.shows.test(frame.cluster())) {
                    e.fxNanos = System.nanoTime();
                    if (view.pulses() == null) {
                        e.laidOutNanos = e.fxNanos;
                        e.seen.countDown();
                    } else {
                        view.pulses().afterNextLayout(() -> {
                            e.laidOutNanos = System.nanoTime();
                            e.seen.countDown();
                        });
                    }
                }
            };
            try (KubernetesClient writer = ClusterConnection.forUrl(session.rehearsal().orElseThrow().apiUrl());
                 FramePublisher publisher = new FramePublisher(session.store(), session.links(), () -> spec, Map::of, fx)) {
                publisher.subscribe(instrumented);
                for (int i = 0; i < changes; i++) {
                    Expectation e = change(writer, i, node, writeRoundTrip);
                    if (e.seen.await(5, TimeUnit.SECONDS)) {
                        endToEnd.add(e.laidOutNanos - e.sentNanos);
                        toFx.add(e.fxNanos - e.sentNanos);
                        if (e.storeNanos != 0) {
                            toStore.add(e.storeNanos - e.sentNanos);
                        }
                    } else {
                        missed++;
                    }
                    pending = null;
                    if ((i + 1) % 100 == 0) {
                        progress.accept("latency: " + (i + 1) + "/" + changes + " changes");
                    }
                }
            } finally {
                session.store().removeChangeSignal(storeSignal);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "API write on the rehearsal rack's embedded API server -> fabric8 informer -> ClusterStore"
                + " -> FramePublisher -> FX thread -> view '" + view.name() + "'");
        result.put("changes", changes);
        result.put("not_seen_within_5s", missed);
        result.put("event_to_laid_out", endToEnd.summary());
        result.put("event_to_fx_applied", toFx.summary());
        result.put("event_to_store", toStore.summary());
        result.put("api_write_round_trip", writeRoundTrip.summary());
        result.put("target_p99_ms", 50);
        result.put("met", endToEnd.percentileMillis(99) <= 50 && missed == 0);
        return result;
    }

    /** Cycles through pod create, pod delete and a node cordon toggle. */
    private Expectation change(KubernetesClient writer, int i, String node, Samples writeRoundTrip) {
        String pod = "bench-" + (i / 3);
        Expectation e;
        long start;
        switch (i % 3) {
            case 0 -> {
                e = expect(s -> s.pods().containsKey(NAMESPACE + "/" + pod));
                start = e.sentNanos;
                writer.pods().inNamespace(NAMESPACE).resource(pod(pod, node)).create();
            }
            case 1 -> {
                e = expect(s -> !s.pods().containsKey(NAMESPACE + "/" + pod));
                start = e.sentNanos;
                writer.pods().inNamespace(NAMESPACE).withName(pod).withGracePeriod(0).delete();
            }
            default -> {
                boolean cordon = (i / 3) % 2 == 0;
                e = expect(s -> {
                    NodeInfo n = s.nodes().get(node);
                    return n != null && n.unschedulable() == cordon;
                });
                start = e.sentNanos;
                // One request (a JSON patch), like the pod writes; edit() would add a GET first.
                writer.nodes().withName(node).patch(PatchContext.of(PatchType.JSON),
                        "[{\"op\":\"add\",\"path\":\"/spec/unschedulable\",\"value\":" + cordon + "}]");
            }
        }
        writeRoundTrip.add(System.nanoTime() - start);
        return e;
    }

    private Expectation expect(Predicate<ClusterSnapshot> shows) {
        Expectation e = new Expectation(shows, System.nanoTime());
        pending = e;
        return e;
    }

    private static Pod pod(String name, String node) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE).addToLabels("app", "bench").endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .build();
    }
}
