package io.pirack.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Durations in nanoseconds, summarised as millisecond percentiles (nearest-rank). */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    synchronized long countAbove(long nanos) {
        return Arrays.stream(values, 0, size).filter(v -> v > nanos).count();
    }

    /** Nearest-rank percentile in milliseconds; NaN when empty. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /** count, p50, p95, p99, max (ms), ready for the JSON results. */
    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count());
        m.put("p50_ms", round(percentileMillis(50)));
        m.put("p95_ms", round(percentileMillis(95)));
        m.put("p99_ms", round(percentileMillis(99)));
        m.put("max_ms", round(percentileMillis(100)));
        return m;
    }

    static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 100.0) / 100.0;
    }
}
