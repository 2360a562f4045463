package io.pirack.frames;

import io.pirack.concurrent.Background;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.LinkState;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterStore;
import io.pirack.probe.LinkMonitor;
import io.pirack.trace.LatencyTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Hands the FX thread at most one {@link RackFrame} per 60 Hz frame: any number of store and link
 * changes only set a flag; the first one schedules a single build (at once, or at the next frame
 * slot when the last frame was less than 16.7 ms ago), which reads the newest state. Frames are
 * built on the publisher's own thread — copying 3,000 pods out of the store is not the FX
 * thread's business — and handed over so that the FX thread never has more than one delivery
 * queued: a slow FX thread skips stale frames instead of working through a backlog. Between
 * changes nothing is built except a 1 Hz refresh for clock-based text (ages, "since") and one
 * frame when a heartbeat LED's flash ends (issue 20: a quiet rack costs almost nothing).
 */
public final class FramePublisher extends FrameFanOut implements AutoCloseable {

    /** Refresh for clock-based text (ages in seconds) even when nothing changes. */
    public static final long REFRESH_MILLIS = 1000;
    /** Built this long after a clock-driven LED change is due, so the frame surely shows it. */
    static final long CLOCK_SLACK_NANOS = 5_000_000L;
    /** One frame at 60 Hz. */
    static final long FRAME_NANOS = 16_666_667L;

    /** Where frames are built: one thread, so frames are built in order. */
    public interface Builder {
        /** Runs {@code task} after the delay; may throw {@link RejectedExecutionException} once closed. */
        void schedule(Runnable task, long delayNanos);

        void repeat(Runnable task, long periodMillis);

        void close();

        /** A daemon thread of its own. */
        static Builder thread(String name) {
            ScheduledExecutorService executor = Background.timer(name);
            return new Builder() {
                @Override
                public void schedule(Runnable task, long delayNanos) {
                    executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                }

                @Override
                public void repeat(Runnable task, long periodMillis) {
                    executor.scheduleWithFixedDelay(task, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
                }

                @Override
                public void close() {
                    executor.shutdownNow();
                }
            };
        }
    }

    private final Supplier<RackFrame> frames;
    private final Executor fxExecutor;
    private final Builder builder;
    private final LongSupplier nanoTime;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The newest built frame the FX thread has not taken yet; non-null means a delivery is queued. */
    private final AtomicReference<RackFrame> handOver = new AtomicReference<>();
    private volatile Runnable detach = () -> { };
    private volatile long lastBuildNanos;
    /** When the wake for the next clock-driven LED change is due (builder thread only). */
    private long clockWakeNanos = Long.MIN_VALUE;

    /** Frames of a cluster store and link monitor, built on a {@code frame-builder} thread, refreshed at 1 Hz. */
    public FramePublisher(ClusterStore store, LinkMonitor links, Supplier<RackSpec> spec,
                          Supplier<Map<String, String>> plugs, Executor fxExecutor) {
        this(() -> new RackFrame(store.snapshot(), links.states(), spec.get(), plugs.get(), store.clock().instant()),
                fxExecutor, Builder.thread("frame-builder"), System::nanoTime);
        // Listen only once the builder exists: the store may signal from its own thread at once.
        Runnable signal = this::signal;
        Consumer<LinkState> linkSignal = l -> signal();
        store.addChangeSignal(signal);
        links.addListener(linkSignal);
        detach = () -> {
            store.removeChangeSignal(signal);
            links.removeListener(linkSignal);
        };
        builder.repeat(this::signal, REFRESH_MILLIS);
    }

    /**
     * @param frames     builds a frame from the newest state (on the builder)
     * @param fxExecutor where frames are delivered (the FX thread)
     * @param nanoTime   the clock that paces builds to one per {@link #FRAME_NANOS}
     */
    public FramePublisher(Supplier<RackFrame> frames, Executor fxExecutor, Builder builder, LongSupplier nanoTime) {
        this.frames = frames;
        this.fxExecutor = fxExecutor;
        this.builder = builder;
        this.nanoTime = nanoTime;
        this.lastBuildNanos = nanoTime.getAsLong() - FRAME_NANOS;
    }

    @Override
    public void signal() {
        if (pending.compareAndSet(false, true)) {
            // At most one frame per display refresh: a burst of changes waits for the next 60 Hz slot.
            long wait = Math.max(0, lastBuildNanos + FRAME_NANOS - nanoTime.getAsLong());
            try {
                builder.schedule(this::build, wait);
            } catch (RejectedExecutionException closed) {
                pending.set(false);
            }
        }
    }

    private void build() {
        // Clear first: a change arriving while we build the frame schedules the next one.
        pending.set(false);
        lastBuildNanos = nanoTime.getAsLong();
        RackFrame frame = frames.get();
        LatencyTrace.frameBuilt(frame.cluster().version());
        wakeForClock(frame);
        if (handOver.getAndSet(frame) == null) {
            fxExecutor.execute(this::deliverNewest);
        }
    }

    /**
     * Schedules a frame for when a heartbeat LED changes by the clock alone (its flash ends), unless
     * the 1 Hz refresh or an earlier wake comes first. Builder thread.
     */
    private void wakeForClock(RackFrame frame) {
        Instant next = nextClockChange(frame);
        if (next == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(frame.now(), next).toNanos()) + CLOCK_SLACK_NANOS;
        if (delay >= TimeUnit.MILLISECONDS.toNanos(REFRESH_MILLIS)) {
            return;
        }
        long now = nanoTime.getAsLong();
        long at = now + delay;
        if (clockWakeNanos > now && clockWakeNanos <= at) {
            return;
        }
        clockWakeNanos = at;
        try {
            builder.schedule(this::signal, delay);
        } catch (RejectedExecutionException closed) {
            // closed: nothing to show any more
        }
    }

    /** The earliest instant at which a heartbeat LED of {@code frame} changes with no new event; null if none. */
    static Instant nextClockChange(RackFrame frame) {
        Instant earliest = null;
        for (LeaseInfo lease : frame.cluster().leases().values()) {
            Instant next = LedStates.nextHeartbeatChange(lease, frame.cluster().api(), frame.now()).orElse(null);
            if (next != null && (earliest == null || next.isBefore(earliest))) {
                earliest = next;
            }
        }
        return earliest;
    }

    private void deliverNewest() {
        RackFrame frame = handOver.getAndSet(null);
        if (frame != null) {
            LatencyTrace.frameDequeued(frame.cluster().version());
            deliver(frame);
            LatencyTrace.frameApplied(frame.cluster().version());
        }
    }

    @Override
    public void close() {
        builder.close();
        detach.run();
        unsubscribeAll();
    }
}
