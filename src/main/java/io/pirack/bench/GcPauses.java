package io.pirack.bench;

import io.pirack.trace.LatencyTrace;
import java.util.ArrayList;
import java.util.List;

/** This JVM's GC pauses while open, on the {@link System#nanoTime()} scale (from the JDK's GC notifications). */
final class GcPauses implements AutoCloseable {

    private final List<LatencyBreakdown.Pause> pauses = new ArrayList<>();
    private final Runnable stop = LatencyTrace.onGcPause((start, duration, collector) -> add(new LatencyBreakdown.Pause(start, duration, collector)));

    private synchronized void add(LatencyBreakdown.Pause pause) {
        pauses.add(pause);
    }

    synchronized List<LatencyBreakdown.Pause> pauses() {
        return List.copyOf(pauses);
    }

    @Override
    public void close() {
        stop.run();
    }
}
