package io.pirack.plug;

import io.pirack.concurrent.Background;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where each Pi's plug work runs. {@link #threadPerPi} gives every Pi its own serial lane, so a Pi
 * whose SSH never answers holds up only its own actions — never another Pi's, never the app's pool.
 */
@FunctionalInterface
public interface PiExecutors {

    Executor forPi(String node);

    /** Everything on one executor (tests with a same-thread executor; single-Pi CLI commands). */
    static PiExecutors shared(Executor executor) {
        return node -> executor;
    }

    /** One daemon thread per Pi, named {@code <prefix>-<node>}, made on first use; {@link PerPi#close()} ends them. */
    static PerPi threadPerPi(String prefix) {
        return new PerPi(prefix);
    }

    /** A serial lane per Pi. */
    final class PerPi implements PiExecutors, AutoCloseable {
        private final String prefix;
        private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
        private volatile boolean closed;

        private PerPi(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Executor forPi(String node) {
            if (closed) {
                throw new IllegalStateException("plug work has stopped");
            }
            return lanes.computeIfAbsent(node, n -> Executors.newSingleThreadExecutor(Background.daemon(prefix + "-" + n)));
        }

        /**
         * Stops every lane and waits briefly for idle ones to end; a lane blocked in SSH is left to its
         * connect deadline (a daemon thread, so it never holds the JVM).
         */
        @Override
        public void close() {
            closed = true;
            lanes.values().forEach(ExecutorService::shutdownNow);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            try {
                for (ExecutorService lane : lanes.values()) {
                    lane.awaitTermination(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
