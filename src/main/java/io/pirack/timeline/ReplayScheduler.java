package io.pirack.timeline;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; injected into the {@link Replayer} so tests can drive time by hand. */
@FunctionalInterface
public interface ReplayScheduler {

    /** @return a handle that cancels the task if it has not run yet */
    Runnable schedule(Duration delay, Runnable task);

    static ReplayScheduler of(ScheduledExecutorService executor) {
        return (delay, task) -> {
            ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
