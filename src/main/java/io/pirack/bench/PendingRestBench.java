package io.pirack.bench;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.rack.RackSpec;
import io.pirack.frames.FramePublisher;
import io.pirack.kube.ClusterStore;
import io.pirack.probe.LinkMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A rack at rest with one pod stuck Pending (no node can take it, as after a pull): what the FX thread
 * and the renderer do per second when nothing changes but the Pending tile's blink (issue 20). The
 * rack screen in its window, fed by a {@link FramePublisher} whose only frames are its heartbeat ticks;
 * counted over {@code seconds} after a warm-up: pulses the scene saw, FX-thread and renderer CPU, and
 * the FX thread's wake-ups ({@code voluntary_ctxt_switches}, Linux). {@code -Dbench.rest.pis=N} (4).
 */
final class PendingRestBench {

    Map<String, Object> run(int pis, int seconds, Executor fxThread, ViewUnderTest view, Consumer<String> progress)
            throws Exception {
        Clock clock = Clock.systemUTC();
        ScaleBench pieces = new ScaleBench();
        RackSpec spec = RackSpec.rehearsal(pis);
        ClusterStore store = new ClusterStore(clock, "synthetic");
        store.setApiStatus(new ApiStatus.Connected(clock.instant()));
        for (int i = 0; i < pis; i++) {
            String host = spec.slots().get(i).hostname();
            store.putNode(pieces.node(host, i == 0 ? NodeRole.CONTROL_PLANE : NodeRole.WORKER));
            store.putPod(pieces.pod("web-" + i + "-a", host, PodPhase.RUNNING, true));
            store.putPod(pieces.pod("web-" + i + "-b", host, PodPhase.RUNNING, true));
        }
        // Bound to the last Pi (as the scheduler had it) but never started: Pending for good.
        store.putPod(pieces.pod("stuck-1", spec.slots().get(pis - 1).hostname(), PodPhase.PENDING, false));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "a settled rack with one pod Pending for good -> FramePublisher (heartbeat ticks only)"
                + " -> FX thread -> view '" + view.name() + "'");
        result.put("pis", pis);
        result.put("seconds", seconds);
        try (LinkMonitor links = new LinkMonitor(clock);
             FramePublisher publisher = new FramePublisher(store, links, () -> spec, Map::of, fxThread)) {
            publisher.subscribe(view.sink());
            ScaleBench.awaitShown(publisher, fxThread, store.version());
            ScaleBench.awaitLaidOut(fxThread, view);
            long[] pulses = {0};
            long[] pulseCpu = {0};
            view.pulses().reportTo((start, took, cpu) -> {
                pulses[0]++;
                pulseCpu[0] += cpu;
            });
            progress.accept("pending-rest: warming up 5 s");
            TimeUnit.SECONDS.sleep(5);
            long fxId = ScaleBench.onFx(fxThread, () -> Thread.currentThread().getId());
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long pulses0 = ScaleBench.onFx(fxThread, () -> pulses[0]);
            long pulseCpu0 = ScaleBench.onFx(fxThread, () -> pulseCpu[0]);
            long fx0 = threads.getThreadCpuTime(fxId);
            long renderer0 = ScaleBench.rendererCpuNanos();
            long wakeups0 = fxWakeUps();
            long start = System.nanoTime();
            progress.accept("pending-rest: measuring " + seconds + " s");
            TimeUnit.SECONDS.sleep(seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long fx = threads.getThreadCpuTime(fxId) - fx0;
            long renderer = ScaleBench.rendererCpuNanos() - renderer0;
            long wakeups = fxWakeUps() - wakeups0;
            long counted = ScaleBench.onFx(fxThread, () -> pulses[0]) - pulses0;
            long countedCpu = ScaleBench.onFx(fxThread, () -> pulseCpu[0]) - pulseCpu0;
            view.pulses().reportTo((s, t, c) -> { });
            result.put("pulses_per_second", Samples.round(counted / elapsed));
            result.put("fx_cpu_percent_of_one_core", Samples.round(fx / elapsed / 1e7));
            result.put("fx_css_layout_cpu_percent_of_one_core", Samples.round(countedCpu / elapsed / 1e7));
            result.put("renderer_cpu_percent_of_one_core", Samples.round(renderer / elapsed / 1e7));
            result.put("fx_wake_ups_per_second", wakeups < 0 ? "unknown (not Linux)" : Samples.round(wakeups / elapsed));
        }
        return result;
    }

    /** The FX thread's voluntary context switches so far (each a wake-up), or -1 where /proc cannot tell. */
    private static long fxWakeUps() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).startsWith("JavaFX Applicat")) {
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
