package io.pirack.ui.common;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.LinkState;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterStore;
import io.pirack.probe.LinkMonitor;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Hands the FX thread at most one {@link RackFrame} per 60 Hz frame: any number of store and link
 * changes only set a flag; the first one schedules a single build (at once, or at the next frame
 * slot when the last frame was less than 16.7 ms ago), which reads the newest state. Frames are
 * built on the publisher's own thread — copying 3,000 pods out of the store is not the FX
 * thread's business — and handed over so that the FX thread never has more than one delivery
 * queued: a slow FX thread skips stale frames instead of working through a backlog. A slow 5 Hz
 * refresh keeps clock-based text (ages, "since") current between changes.
 */
public final class FramePublisher implements FrameSource, AutoCloseable {

    /** Refresh for ages and blinking even when nothing changes. */
    public static final long REFRESH_MILLIS = 200;

    private final ClusterStore store;
    private final LinkMonitor links;
    private final Supplier<RackSpec> spec;
    private final Supplier<Map<String, String>> plugs;
    private final Executor fxExecutor;
    private final AtomicBoolean pending = new AtomicBoolean();
    /** The newest built frame the FX thread has not taken yet; non-null means a delivery is queued. */
    private final AtomicReference<RackFrame> handOver = new AtomicReference<>();
    private final CopyOnWriteArrayList<Consumer<RackFrame>> sinks = new CopyOnWriteArrayList<>();
    private final Runnable signal = this::signal;
    private final Consumer<LinkState> linkSignal = l -> signal();
    /** Builds frames and runs the refresh; one thread, so frames are built in order. */
    private final ScheduledExecutorService builder;
    private volatile RackFrame last;
    /** One frame at 60 Hz. */
    static final long FRAME_NANOS = 16_666_667L;
    private volatile long lastBuildNanos = System.nanoTime() - FRAME_NANOS;

    public FramePublisher(ClusterStore store, LinkMonitor links, Supplier<RackSpec> spec,
                          Supplier<Map<String, String>> plugs, Executor fxExecutor) {
        this.store = store;
        this.links = links;
        this.spec = spec;
        this.plugs = plugs;
        this.fxExecutor = fxExecutor;
        builder = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "frame-builder");
            t.setDaemon(true);
            return t;
        });
        // Listen only once the builder exists: the store may signal from its own thread at once.
        store.addChangeSignal(signal);
        links.addListener(linkSignal);
        builder.scheduleWithFixedDelay(this::signal, REFRESH_MILLIS, REFRESH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void subscribe(Consumer<RackFrame> sink) {
        sinks.add(sink);
        signal();
    }

    @Override
    public void unsubscribe(Consumer<RackFrame> sink) {
        sinks.remove(sink);
    }

    @Override
    public RackFrame lastFrame() {
        return last;
    }

    @Override
    public void signal() {
        if (pending.compareAndSet(false, true)) {
            // At most one frame per display refresh: a burst of changes waits for the next 60 Hz slot.
            long wait = Math.max(0, lastBuildNanos + FRAME_NANOS - System.nanoTime());
            try {
                builder.schedule(this::build, wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                pending.set(false);
            }
        }
    }

    private void build() {
        // Clear first: a change arriving while we build the frame schedules the next one.
        pending.set(false);
        lastBuildNanos = System.nanoTime();
        RackFrame frame = new RackFrame(store.snapshot(), links.states(), spec.get(), plugs.get(), store.clock().instant());
        if (handOver.getAndSet(frame) == null) {
            fxExecutor.execute(this::deliver);
        }
    }

    private void deliver() {
        RackFrame frame = handOver.getAndSet(null);
        if (frame == null) {
            return;
        }
        last = frame;
        for (Consumer<RackFrame> sink : sinks) {
            sink.accept(frame);
        }
    }

    @Override
    public void close() {
        builder.shutdownNow();
        store.removeChangeSignal(signal);
        links.removeListener(linkSignal);
        sinks.clear();
    }
}
