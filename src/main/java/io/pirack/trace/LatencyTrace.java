package io.pirack.trace;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.pirack.concurrent.Background;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Issue 20's cross-process stage breakdown: with {@code -Dpirack.latencyTrace=FILE} the app writes a
 * {@link System#nanoTime()} stamp for each step a node change takes to the screen — the informer
 * callback and the store applying it, the frame built, picked up and applied on the FX thread, the
 * end of the next pulse's layout and the end of that pulse's render — plus the app's GC pauses.
 * On Linux nanoTime is CLOCK_MONOTONIC, shared by every JVM on the machine, so the benchmark
 * ({@code pirack bench --only pixel}) lines these up with its own write and pixel-seen stamps.
 *
 * <p>Off by default: then every method returns after one static read. On, a stamp is a queue
 * append; a daemon thread blocked on the queue writes each batch as soon as it arrives and flushes it
 * (nothing polls: an idle app's trace thread sleeps in {@link BlockingQueue#take}). Line format, space separated:
 * {@code N informerNanos storeNanos storeVersion resourceVersion name}, {@code B|D|A nanos frameVersion},
 * {@code P nanos} (pulse start), {@code L nanos} (layout end), {@code S nanos} (pulse over), {@code R nanos} (render end), {@code G startNanos durationNanos collector}.
 */
public final class LatencyTrace {

    public static final String PROPERTY = "pirack.latencyTrace";

    private static final LatencyTrace ON = open(System.getProperty(PROPERTY));

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final AtomicBoolean layoutDue = new AtomicBoolean();
    private final AtomicBoolean renderDue = new AtomicBoolean();

    LatencyTrace() {
    }

    /** Queues one line, as every stamp does. */
    void record(String line) {
        lines.add(line);
    }

    /** Whether the trace is on in this JVM. */
    public static boolean on() {
        return ON != null;
    }

    /**
     * The store took a change as {@code version}: stamped on the writing thread before the store signals
     * the frame builder, which may build on another core before the informer callback returns.
     */
    public static void storeChanged(long version) {
        if (ON != null) {
            ON.stored(System.nanoTime(), version);
        }
    }

    /**
     * A node object from the informer: callback entered at {@code informerNanos}, applied to the store
     * by this thread's last {@link #storeChanged} (or now, at {@code storeVersion}, if there was none).
     */
    public static void nodeApplied(long informerNanos, long storeVersion, String resourceVersion, String name) {
        if (ON != null) {
            ON.record(ON.nodeLine(informerNanos, storeVersion, resourceVersion, name));
        }
    }

    /** This thread's last store change: {nanos, version}; nanos 0 when taken by a node line. */
    private final ThreadLocal<long[]> lastStored = ThreadLocal.withInitial(() -> new long[2]);

    void stored(long nanos, long version) {
        long[] last = lastStored.get();
        last[0] = nanos;
        last[1] = version;
    }

    /**
     * The node line: its store stamp and version are those of the change this thread made, not the
     * store's state when the callback returns — by then the frame holding the change may be built
     * (before the stamp), and other threads may have moved the version on (after the frame).
     */
    String nodeLine(long informerNanos, long storeVersion, String resourceVersion, String name) {
        long[] last = lastStored.get();
        long storeNanos = last[0] != 0 ? last[0] : System.nanoTime();
        long version = last[0] != 0 ? last[1] : storeVersion;
        last[0] = 0;
        return "N " + informerNanos + " " + storeNanos + " " + version + " " + resourceVersion + " " + name;
    }

    /** A frame of store version {@code version} was built (on the frame builder). */
    public static void frameBuilt(long version) {
        if (ON != null) {
            ON.lines.add("B " + System.nanoTime() + " " + version);
        }
    }

    /** The FX thread picked up a frame (before the views get it). */
    public static void frameDequeued(long version) {
        if (ON != null) {
            ON.lines.add("D " + System.nanoTime() + " " + version);
        }
    }

    /** Every view has the frame; the next pulse lays it out. */
    public static void frameApplied(long version) {
        if (ON != null) {
            ON.lines.add("A " + System.nanoTime() + " " + version);
            ON.layoutDue.set(true);
        }
    }

    /** A pulse's scene work begins (before CSS and layout); recorded only while a frame waits for its pulse. */
    public static void pulseStarted() {
        if (ON != null && ON.layoutDue.get()) {
            ON.lines.add("P " + System.nanoTime());
        }
    }

    /**
     * End of a pulse's layout; recorded only for the first pulse after a frame was applied.
     *
     * @return whether it was recorded: then {@link #pulseSynced} is due once the pulse is over
     */
    public static boolean pulseLaidOut() {
        if (ON != null && ON.layoutDue.getAndSet(false)) {
            ON.lines.add("L " + System.nanoTime());
            return true;
        }
        return false;
    }

    /**
     * The pulse after a stamped layout is over (FX thread, run after it): it has waited for the
     * previous render and handed its own to the renderer, so the next render to end is this pulse's.
     */
    public static void pulseSynced() {
        if (ON != null) {
            ON.lines.add("S " + System.nanoTime());
            ON.renderDue.set(true);
        }
    }

    /** A frame was rendered and presented (renderer thread); recorded only for the first after a synced pulse. */
    public static void frameRendered() {
        if (ON != null && ON.renderDue.getAndSet(false)) {
            ON.lines.add("R " + System.nanoTime());
        }
    }

    private static LatencyTrace open(String file) {
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            Writer out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8);
            LatencyTrace trace = new LatencyTrace();
            trace.listenToGc();
            trace.writeTo(out);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> trace.drain(out), "latency-trace-flush"));
            return trace;
        } catch (IOException e) {
            System.err.println("latency trace off: cannot write " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** Starts the writer: a daemon thread that waits for lines and writes each batch to {@code out} at once. */
    Thread writeTo(Writer out) {
        Thread writer = Background.daemon("latency-trace").newThread(() -> {
            try {
                while (true) {
                    String first = lines.take();
                    write(out, first);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        return writer;
    }

    /** Writes {@code first} and every line queued behind it, then flushes, so a reader of the file sees them now. */
    private synchronized void write(Writer out, String first) {
        List<String> batch = new ArrayList<>();
        batch.add(first);
        lines.drainTo(batch);
        try {
            for (String line : batch) {
                out.write(line);
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            lines.clear();
        }
    }

    /** Writes what is queued now (the shutdown hook: the writer thread may be waiting). */
    void drain(Writer out) {
        String first = lines.poll();
        if (first != null) {
            write(out, first);
        }
    }

    /** Told of each GC pause of this JVM, on the nanoTime scale. */
    public interface PauseListener {
        void pause(long startNanos, long durationNanos, String collector);
    }

    /**
     * Listens to this JVM's GC pauses until the returned action runs. The JDK's notification gives
     * start and duration in JVM-uptime milliseconds; they are shifted by the offset between uptime
     * and nanoTime read once here.
     */
    public static Runnable onGcPause(PauseListener listener) {
        long offset = System.nanoTime() - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        NotificationListener relay = (notification, handback) -> {
            if (notification.getUserData() instanceof CompositeData data) {
                CompositeData info = (CompositeData) data.get("gcInfo");
                listener.pause(offset + (Long) info.get("startTime") * 1_000_000L, (Long) info.get("duration") * 1_000_000L,
                        String.valueOf(data.get("gcName")).replace(' ', '_'));
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(relay, n -> "com.sun.management.gc.notification".equals(n.getType()), null);
                emitters.add(emitter);
            }
        }
        return () -> emitters.forEach(e -> {
            try {
                e.removeNotificationListener(relay);
            } catch (ListenerNotFoundException gone) {
                // already removed
            }
        });
    }

    private void listenToGc() {
        onGcPause((start, duration, collector) -> lines.add("G " + start + " " + duration + " " + collector));
    }
}
