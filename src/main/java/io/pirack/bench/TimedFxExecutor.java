package io.pirack.bench;

import java.util.concurrent.Executor;

/** Runs tasks on the FX thread and records how long each one held it: the work per pulse. */
final class TimedFxExecutor implements Executor {

    private final Executor fx;
    final Samples work = new Samples();
    /** FX work summed per 16.7 ms window: what one 60 Hz pulse has to absorb. */
    private final java.util.Map<Long, Long> busyPerWindow = new java.util.HashMap<>();

    TimedFxExecutor(Executor fx) {
        this.fx = fx;
    }

    /** Busy time of every 60 Hz window that had any FX work from us. */
    Samples busyPerPulseWindow() {
        Samples windows = new Samples();
        synchronized (busyPerWindow) {
            busyPerWindow.values().forEach(windows::add);
        }
        return windows;
    }

    @Override
    public void execute(Runnable task) {
        fx.execute(() -> {
            long start = System.nanoTime();
            try {
                task.run();
            } finally {
                long took = System.nanoTime() - start;
                work.add(took);
                synchronized (busyPerWindow) {
                    busyPerWindow.merge(start / ScaleBench.FRAME_NANOS, took, Long::sum);
                }
            }
        });
    }
}
