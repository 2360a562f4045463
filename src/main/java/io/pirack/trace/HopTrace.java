package io.pirack.trace;

import java.util.function.Consumer;

/**
 * Where a write and its watch event go in the rehearsal rack's JVM, thread by thread (issue 20): the front
 * reading a request, the store dispatching it and publishing its event, each watch frame written. A
 * benchmark turns it on ({@link #to}); off, a stamp is one volatile read. Each {@link Hop} carries the
 * thread that reached the point, so a gap between two hops on different threads is a hand-off.
 */
public final class HopTrace {

    /** One point reached: what, on which thread, when ({@link System#nanoTime()}), and about what (a path, a message). */
    public record Hop(String point, String thread, long at, Object detail) {
    }

    private static volatile Consumer<Hop> sink;

    private HopTrace() {
    }

    /** Sends every hop to {@code to} from now on; null turns the trace off. */
    public static void to(Consumer<Hop> to) {
        sink = to;
    }

    public static void stamp(String point, Object detail) {
        Consumer<Hop> s = sink;
        if (s != null) {
            s.accept(new Hop(point, Thread.currentThread().getName(), System.nanoTime(), detail));
        }
    }
}
