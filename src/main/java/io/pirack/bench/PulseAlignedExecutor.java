package io.pirack.bench;

import io.pirack.concurrent.Background;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An experiment, not product code: hands tasks to the FX thread at most once per 60 Hz tick, the
 * way an AnimationTimer-driven publisher would. With it, FramePublisher's pending flag stays set
 * until the tick, so every change in between folds into one frame.
 */
final class PulseAlignedExecutor implements Executor, AutoCloseable {

    private final Executor fx;
    private final List<Runnable> queued = new ArrayList<>();
    private final ScheduledExecutorService ticker = Background.timer("bench-pulse");

    PulseAlignedExecutor(Executor fx) {
        this.fx = fx;
        ticker.scheduleAtFixedRate(this::flush, 0, ScaleBench.FRAME_NANOS, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void execute(Runnable task) {
        queued.add(task);
    }

    private void flush() {
        List<Runnable> batch;
        synchronized (this) {
            if (queued.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(queued);
            queued.clear();
        }
        fx.execute(() -> batch.forEach(Runnable::run));
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
