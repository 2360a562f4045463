package io.pirack.bench;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;

/**
 * Times what the JavaFX pulse spends on a shown scene: from the scene's pre-layout listener to its
 * post-layout listener, which brackets the CSS pass and the layout pass for dirty nodes only — the
 * work the view's changes cause on the FX thread beyond the frame hand-over. (Calling
 * {@code applyCss()} by hand instead, as the first harness did, forces CSS on every node of the
 * subtree and measured an artefact.) Rendering is not included: it runs on the render thread.
 * Confined to the FX thread except for the samples, which are thread-safe.
 */
final class PulseMeter {

    /** Hears of each pulse's CSS + layout time, e.g. to add it to the busy time of its 60 Hz window. */
    interface Listener {
        void pulse(long startNanos, long tookNanos, long cpuNanos);
    }

    final Samples cssAndLayout = new Samples();
    /** The same, in FX-thread CPU time. */
    final Samples cssAndLayoutCpu = new Samples();
    private long layoutStartCpu;
    private final List<Runnable> afterLayout = new ArrayList<>();
    private volatile Listener listener = (start, took, cpu) -> { };
    private long layoutStart;

    PulseMeter(Scene scene) {
        scene.addPreLayoutPulseListener(() -> {
            layoutStart = System.nanoTime();
            layoutStartCpu = TimedFxExecutor.cpuNanos();
        });
        scene.addPostLayoutPulseListener(() -> {
            long end = System.nanoTime();
            cssAndLayout.add(end - layoutStart);
            long cpu = TimedFxExecutor.cpuNanos() - layoutStartCpu;
            cssAndLayoutCpu.add(cpu);
            listener.pulse(layoutStart, end - layoutStart, cpu);
            if (!afterLayout.isEmpty()) {
                List<Runnable> due = List.copyOf(afterLayout);
                afterLayout.clear();
                due.forEach(Runnable::run);
            }
        });
    }

    void reportTo(Listener to) {
        listener = to;
    }

    /** Runs {@code task} on the FX thread once the next pulse has laid the scene out. Call on the FX thread. */
    void afterNextLayout(Runnable task) {
        afterLayout.add(task);
    }
}
