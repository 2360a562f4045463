package io.pirack.app;

import io.pirack.trace.LatencyTrace;
import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FX side of {@link LatencyTrace} (on only with {@code -Dpirack.latencyTrace=FILE}): the start of a
 * pulse's scene work and the end of its layout (pre- and post-layout pulse listeners), and the end of
 * the render that follows. For the render, Quantum's per-scene
 * {@code com.sun.javafx.perf.PerformanceTracker} is the one hook JavaFX has: its "rendered frame task" runs on the renderer thread when the paint job — draw and present —
 * is done ({@code PaintCollector.done} → {@code frameRendered}). It is internal API, so it is reached
 * by reflection and left out, with a log line, if unreachable.
 */
final class LatencyStamps {

    private static final Logger LOG = LoggerFactory.getLogger(LatencyStamps.class);

    private LatencyStamps() {
    }

    /** FX thread. */
    static void installIfAsked(Scene scene) {
        if (!LatencyTrace.on()) {
            return;
        }
        scene.addPreLayoutPulseListener(LatencyTrace::pulseStarted);
        // The pulse waits for the previous render only after layout; a runLater runs once the pulse is over.
        scene.addPostLayoutPulseListener(() -> {
            if (LatencyTrace.pulseLaidOut()) {
                Platform.runLater(LatencyTrace::pulseSynced);
            }
        });
        try {
            Class<?> tracker = Class.forName("com.sun.javafx.perf.PerformanceTracker");
            Object sceneTracker = tracker.getMethod("getSceneTracker", Scene.class).invoke(null, scene);
            Runnable rendered = LatencyTrace::frameRendered;
            tracker.getMethod("setOnRenderedFrameTask", Runnable.class).invoke(sceneTracker, rendered);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("latency trace: no render stamps ({})", e.toString());
        }
    }
}
