package io.pirack.bench;

import io.pirack.app.ClusterSession;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.rack.RackSpec;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimTimings;
import io.pirack.frames.FramePublisher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Pull/restore cycles on the rehearsal rack at a high time scale with the whole pipeline attached
 * (informers, store, frames, view): heap after GC after a warm-up, and again after the cycles.
 * Each cycle waits for PiRack to see the node go NotReady and come back Ready.
 */
final class CycleMemoryBench {

    static final int WARM_UP = 5;

    Map<String, Object> run(int cycles, double timeScale, Executor fx, ViewUnderTest view, Consumer<String> progress)
            throws Exception {
        RackSpec spec = RackSpec.rehearsal(4);
        String node = spec.slots().get(spec.slots().size() - 1).hostname();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "rehearsal rack (4 Pis, demo-tuned timings, time x" + timeScale + ") -> informers -> store"
                + " -> FramePublisher -> view '" + view.name() + "'; heap of the whole JVM, rack included");
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(spec, SimTimings.demoTuned(), timeScale))) {
            session.start();
            RehearsalRack rack = session.rehearsal().orElseThrow();
            try (FramePublisher publisher = new FramePublisher(session.store(), session.links(), () -> spec, Map::of, fx)) {
                publisher.subscribe(view.sink());
                await(session, node, ConditionStatus.TRUE);
                for (int i = 0; i < WARM_UP; i++) {
                    cycle(session, rack, node);
                }
                double before = Memory.heapAfterGcMb();
                Map<String, Long> histogramBefore = Memory.classHistogram();
                long started = System.nanoTime();
                for (int i = 0; i < cycles; i++) {
                    cycle(session, rack, node);
                    if ((i + 1) % 20 == 0) {
                        progress.accept("cycles: " + (i + 1) + "/" + cycles);
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double after = Memory.heapAfterGcMb();
                Map<String, Long> histogramAfter = Memory.classHistogram();
                result.put("top_growth_kb_by_class", Memory.topGrowth(histogramBefore, histogramAfter, 15));
                result.put("io_pirack_classes_growth_kb", Memory.growthKb(histogramBefore, histogramAfter, "io.pirack."));
                result.put("mock_server_recorded_requests_growth_kb",
                        Memory.growthKb(histogramBefore, histogramAfter, "io.fabric8.mockwebserver.http.RecordedRequest"));
                result.put("warm_up_cycles", WARM_UP);
                result.put("cycles", cycles);
                result.put("seconds_per_cycle", Samples.round(seconds / cycles));
                result.put("heap_after_gc_before_mb", before);
                result.put("heap_after_gc_after_mb", after);
                double growth = (after - before) / before * 100;
                result.put("growth_percent", Samples.round(growth));
                result.put("target_growth_percent", 10);
                result.put("met", growth <= 10);
                result.put("store_events_kept", session.store().snapshot().recentEvents().size());
                result.put("store_pods", session.store().snapshot().pods().size());
            }
        }
        return result;
    }

    private static void cycle(ClusterSession session, RehearsalRack rack, String node) throws Exception {
        rack.unplug(node);
        await(session, node, ConditionStatus.UNKNOWN);
        rack.plugIn(node);
        await(session, node, ConditionStatus.TRUE);
    }

    private static ClusterSnapshot await(ClusterSession session, String node, ConditionStatus ready) throws Exception {
        return session.store().await(s -> {
            NodeInfo n = s.nodes().get(node);
            return n != null && n.ready() == ready;
        }, Duration.ofSeconds(60), node + " Ready=" + ready);
    }
}
