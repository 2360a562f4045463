package io.pirack.bench;

import java.util.concurrent.Executor;

/** Runs tasks on the FX thread and records how long each one held it: the work per pulse. */
final class TimedFxExecutor implements Executor {

    private final Executor fx;
    final Samples work = new Samples();

    TimedFxExecutor(Executor fx) {
        this.fx = fx;
    }

    @Override
    public void execute(Runnable task) {
        fx.execute(() -> {
            long start = System.nanoTime();
            try {
                task.run();
            } finally {
                work.add(System.nanoTime() - start);
            }
        });
    }
}
