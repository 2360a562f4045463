package io.pirack.frames;

import io.pirack.concurrent.Background;
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
 * slot when the last frame was less than 16.7 ms ago), which reads the newest state. A change the
 * audience watches for — a node's, a link's or the API's state — does not wait for the slot
 * ({@link #signalNow}). Frames are
 * built on the publisher's own thread — copying 3,000 pods out of the store is not the FX
 * thread's business — and handed over so that the FX thread never has more than one delivery
 * queued: a slow FX thread skips stale frames instead of working through a backlog.
 *
 * <p>Quiet idle (issue 20): between changes the only frames are one per heartbeat tick
 * ({@link LedStates#HEARTBEAT_TICK}, on the whole second of the frames' clock; a rack of more than
 * {@link LedStates#HEARTBEAT_GROUP} Pis ticks in groups spread over the second), which turns the
 * heartbeat LEDs on and off and refreshes clock-based text. A change that only renews Leases is
 * not worth a frame of its own: it waits for that tick ({@link #signalHeartbeat}), so with every Pi
 * renewing the screen is redrawn at most once a tick for them.
 */
public final class FramePublisher extends FrameFanOut implements AutoCloseable {

    /** Built this long after a tick is due, so the frame surely shows it. */
    static final long CLOCK_SLACK_NANOS = 5_000_000L;
    /** Two wakes for one tick closer than this are one wake. */
    static final long TICK_JITTER_NANOS = 50_000_000L;
    /** One frame at 60 Hz. */
    static final long FRAME_NANOS = 16_666_667L;

    /** Where frames are built: one thread, so frames are built in order. */
    public interface Builder {
        /** Runs {@code task} after the delay; may throw {@link RejectedExecutionException} once closed. */
        void schedule(Runnable task, long delayNanos);

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
    /** A tick frame is scheduled: from the first build on, every frame schedules the next tick. */
    private volatile boolean ticking;
    private volatile long lastBuildNanos;
    /** When the wake for the next heartbeat tick is due (builder thread only). */
    private long tickWakeNanos = Long.MIN_VALUE;

    /**
     * Frames of a cluster store and link monitor, built on a {@code frame-builder} thread, refreshed
     * on every heartbeat tick; Lease renewals alone wait for the tick.
     */
    public FramePublisher(ClusterStore store, LinkMonitor links, Supplier<RackSpec> spec,
                          Supplier<Map<String, String>> plugs, Executor fxExecutor) {
        this(store, links, spec, plugs, fxExecutor, Builder.thread("frame-builder"), System::nanoTime);
    }

    /** The same, on a given builder and clock (tests drive both by hand). */
    FramePublisher(ClusterStore store, LinkMonitor links, Supplier<RackSpec> spec, Supplier<Map<String, String>> plugs,
                   Executor fxExecutor, Builder builder, LongSupplier nanoTime) {
        this(() -> new RackFrame(store.snapshot(), links.states(), spec.get(), plugs.get(), store.clock().instant()),
                fxExecutor, builder, nanoTime);
        // Listen only once the builder exists: the store may signal from its own thread at once.
        // Lease renewals and ReplicaSet statuses are routine: they wait for the heartbeat tick. A node's, the API's
        // or a link's state is what the audience watches for: built at once, whatever the pacing.
        Runnable urgent = this::signal;
        Consumer<LinkState> linkSignal = l -> signalNow();
        store.addChangeSignal(this::signalNow, urgent, this::signalHeartbeat);
        links.addListener(linkSignal);
        detach = () -> {
            store.removeChangeSignal(urgent);
            links.removeListener(linkSignal);
        };
        signal();
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

    /**
     * A change the audience watches for (a Pi going NotReady, its link going down, the API going away): built at
     * once, even when the last frame is less than a 60 Hz slot old. Under pod churn at 100 Pis a frame is built
     * in nearly every slot, and waiting out the slot cost such a change up to 16.7 ms of its three frames (issue 20,
     * session 16). These changes are rare beside the churn, so this adds a frame now and then, not a rate; the
     * paced build already scheduled finds nothing left to do and builds nothing.
     */
    public void signalNow() {
        pending.set(true);
        try {
            builder.schedule(this::build, 0);
        } catch (RejectedExecutionException closed) {
            pending.set(false);
        }
    }

    /**
     * A change the next heartbeat tick shows soon enough (a Lease renewal, a ReplicaSet's status):
     * no frame of its own. Every frame schedules the tick after it, so the tick is already due.
     */
    public void signalHeartbeat() {
        if (!ticking) {
            signal();
        }
    }

    private void build() {
        // Clear first: a change arriving while we build the frame schedules the next one. Nothing pending: an
        // earlier build (signalNow's) already showed every change this one was scheduled for.
        if (!pending.getAndSet(false)) {
            return;
        }
        lastBuildNanos = nanoTime.getAsLong();
        RackFrame frame;
        try {
            frame = frames.get();
        } catch (RuntimeException e) {
            wakeAtTick(TimeUnit.MILLISECONDS.toNanos(LedStates.HEARTBEAT_TICK.toMillis()));
            throw e;
        }
        LatencyTrace.frameBuilt(frame.cluster().version());
        Instant now = frame.now();
        wakeAtTick(Duration.between(now, LedStates.nextTick(now, frame.hosts().size())).toNanos() + CLOCK_SLACK_NANOS);
        if (handOver.getAndSet(frame) == null) {
            fxExecutor.execute(this::deliverNewest);
        }
    }

    /**
     * Schedules the frame of the next heartbeat tick, {@code delay} from now, unless it is scheduled
     * already. Builder thread.
     */
    private void wakeAtTick(long delay) {
        long now = nanoTime.getAsLong();
        long at = now + delay;
        // A frame built just before the tick computes the same wake give or take the clocks' jitter.
        if (tickWakeNanos > now && tickWakeNanos <= at + TICK_JITTER_NANOS) {
            return;
        }
        tickWakeNanos = at;
        try {
            builder.schedule(this::signal, delay);
            ticking = true;
        } catch (RejectedExecutionException closed) {
            // closed: nothing to show any more
        }
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
