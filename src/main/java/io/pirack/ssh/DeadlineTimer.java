package io.pirack.ssh;

import io.pirack.concurrent.Background;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs an action once a delay has passed unless it is cancelled first; tests fire it by hand. */
@FunctionalInterface
public interface DeadlineTimer {

    /** @return cancels the pending action (harmless once it ran) */
    Runnable start(Duration delay, Runnable onExpiry);

    /** This timer's clock, for how long ago something happened ({@link System#nanoTime()} unless a test moves it). */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** Real time, on one shared daemon thread (the actions only close sockets). */
    DeadlineTimer REAL_TIME = new DeadlineTimer() {
        private final ScheduledExecutorService scheduler = Background.timer("pirack-ssh-deadline");

        @Override
        public Runnable start(Duration delay, Runnable onExpiry) {
            ScheduledFuture<?> pending = scheduler.schedule(onExpiry, delay.toMillis(), TimeUnit.MILLISECONDS);
            return () -> pending.cancel(false);
        }
    };
}
