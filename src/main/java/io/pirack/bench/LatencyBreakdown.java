package io.pirack.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lines up the app's {@code LatencyTrace} stamps with the benchmark's own (write sent, write answered,
 * pixel seen) — all {@link System#nanoTime()} on one machine — and splits each change's write → pixel
 * time into stages. A change is found in the trace by the resourceVersion the write returned; the
 * store version it got there then finds the first frame built, picked up and applied that holds it,
 * the next pulse's start and layout end, and the render after that.
 */
final class LatencyBreakdown {

    /** One write of the benchmark: sent, answered (with the object's new resourceVersion), pixel seen (0: never). */
    record Change(long written, long answered, String resourceVersion, long seen) {
    }

    /** A GC pause on the nanoTime scale. */
    record Pause(long start, long duration, String collector) {
        boolean overlaps(long from, long to) {
            return start < to && start + duration > from;
        }
    }

    /** The stages in order: each is the time from the previous point to this one. */
    static final List<String> STAGES = List.of("write_to_informer_callback", "informer_to_store", "store_to_frame_built",
            "frame_built_to_fx_pickup", "fx_apply", "applied_to_pulse_start", "pulse_css_layout", "layout_to_pulse_over", "pulse_over_to_render_end",
            "render_end_to_pixel_seen");

    private record Stamp(long nanos, long version) {
    }

    private record NodeStamp(long informer, long store, long version) {
    }

    private final Map<String, NodeStamp> nodes = new LinkedHashMap<>();
    private final Map<Character, List<Stamp>> stamps = new LinkedHashMap<>();
    private final List<Pause> appPauses = new ArrayList<>();

    /** Reads the trace's lines (see {@code io.pirack.trace.LatencyTrace}); unknown or broken lines are skipped. */
    static LatencyBreakdown parse(List<String> lines) {
        LatencyBreakdown b = new LatencyBreakdown();
        for (String line : lines) {
            String[] f = line.trim().split(" ");
            try {
                switch (f[0]) {
                    case "N" -> b.nodes.put(f[4], new NodeStamp(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])));
                    case "B", "D", "A" -> b.add(f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[2]));
                    case "P", "L", "S", "R" -> b.add(f[0].charAt(0), Long.parseLong(f[1]), 0);
                    case "G" -> b.appPauses.add(new Pause(Long.parseLong(f[1]), Long.parseLong(f[2]), f.length > 3 ? f[3] : "gc"));
                    default -> {
                    }
                }
            } catch (RuntimeException broken) {
                // a half-written last line
            }
        }
        b.stamps.values().forEach(list -> list.sort(Comparator.comparingLong(Stamp::nanos)));
        return b;
    }

    private void add(char kind, long nanos, long version) {
        stamps.computeIfAbsent(kind, k -> new ArrayList<>()).add(new Stamp(nanos, version));
    }

    List<Pause> appPauses() {
        return appPauses;
    }

    /** The app's GC pauses within [from, to] per collector (p50/p95/p99/max and count). */
    Map<String, Object> appPauses(long from, long to) {
        return pauseSummary(appPauses, from, to);
    }

    /**
     * The points of one change: written, informer, store, built, picked up, applied, pulse start, layout end,
     * pulse over, render end, pixel seen; -1 where the trace has no such point.
     */
    long[] points(Change c) {
        long[] p = new long[STAGES.size() + 1];
        java.util.Arrays.fill(p, -1);
        p[0] = c.written();
        NodeStamp n = nodes.get(c.resourceVersion());
        if (n != null) {
            p[1] = n.informer();
            p[2] = n.store();
            p[3] = first('B', p[2], n.version());
            p[4] = first('D', p[3], n.version());
            p[5] = first('A', p[4], n.version());
            p[6] = first('P', p[5], 0);
            p[7] = first('L', p[6], 0);
            p[8] = first('S', p[7], 0);
            p[9] = first('R', p[8], 0);
        }
        p[10] = c.seen() == 0 ? -1 : c.seen();
        return p;
    }

    /** The earliest stamp of {@code kind} at or after {@code from} whose frame holds {@code version}; -1 if none. */
    private long first(char kind, long from, long version) {
        if (from < 0) {
            return -1;
        }
        for (Stamp s : stamps.getOrDefault(kind, List.of())) {
            if (s.nanos() >= from && s.version() >= version) {
                return s.nanos();
            }
        }
        return -1;
    }

    /**
     * Per stage p50/p95/p99/max over the changes traced from end to end, the GC pauses (app and
     * bench JVM) that fell inside a change, and the slowest changes stage by stage.
     */
    Map<String, Object> report(List<Change> changes, List<Pause> benchPauses, int slowest) {
        Map<String, Samples> byStage = new LinkedHashMap<>();
        byStage.put("write_round_trip", new Samples());
        STAGES.forEach(s -> byStage.put(s, new Samples()));
        Samples total = new Samples();
        int traced = 0;
        int withAppGc = 0;
        int withBenchGc = 0;
        List<Change> seen = new ArrayList<>();
        for (Change c : changes) {
            if (c.seen() == 0) {
                continue;
            }
            seen.add(c);
            total.add(c.seen() - c.written());
            byStage.get("write_round_trip").add(c.answered() - c.written());
            long[] p = points(c);
            if (java.util.Arrays.stream(p).allMatch(v -> v >= 0)) {
                traced++;
                for (int i = 0; i < STAGES.size(); i++) {
                    byStage.get(STAGES.get(i)).add(p[i + 1] - p[i]);
                }
            }
            withAppGc += overlapping(appPauses, c).isEmpty() ? 0 : 1;
            withBenchGc += overlapping(benchPauses, c).isEmpty() ? 0 : 1;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changes_seen", seen.size());
        m.put("changes_traced_end_to_end", traced);
        m.put("write_to_pixel", total.summary());
        Map<String, Object> stages = new LinkedHashMap<>();
        byStage.forEach((name, samples) -> stages.put(name, samples.summary()));
        m.put("stages", stages);
        m.put("changes_with_an_app_gc_pause", withAppGc);
        m.put("changes_with_a_bench_gc_pause", withBenchGc);
        long from = seen.stream().mapToLong(Change::written).min().orElse(0);
        long to = seen.stream().mapToLong(Change::seen).max().orElse(0);
        m.put("app_gc_pauses_during_changes", pauseSummary(appPauses, from, to));
        m.put("bench_gc_pauses_during_changes", pauseSummary(benchPauses, from, to));
        seen.sort(Comparator.comparingLong((Change c) -> c.seen() - c.written()).reversed());
        List<Map<String, Object>> worst = new ArrayList<>();
        for (Change c : seen.subList(0, Math.min(slowest, seen.size()))) {
            worst.add(oneChange(c, benchPauses));
        }
        m.put("slowest", worst);
        List<String> rows = new ArrayList<>();
        for (Change c : changes) {
            rows.add(row(c, benchPauses));
        }
        m.put("per_change_columns", "write_to_pixel write_round_trip " + String.join(" ", STAGES) + " app_gc bench_gc (ms, - = no point)");
        m.put("per_change", rows);
        return m;
    }

    /** One change stage by stage (ms; null where the trace had no point), with the GC pauses inside it. */
    Map<String, Object> oneChange(Change c, List<Pause> benchPauses) {
        Map<String, Object> m = new LinkedHashMap<>();
        long[] p = points(c);
        m.put("write_to_pixel_ms", c.seen() == 0 ? null : ms(c.seen() - c.written()));
        m.put("write_round_trip_ms", ms(c.answered() - c.written()));
        for (int i = 0; i < STAGES.size(); i++) {
            m.put(STAGES.get(i) + "_ms", p[i] < 0 || p[i + 1] < 0 ? null : ms(p[i + 1] - p[i]));
        }
        m.put("app_gc_ms", c.seen() == 0 ? null : ms(overlapping(appPauses, c).stream().mapToLong(Pause::duration).sum()));
        m.put("bench_gc_ms", c.seen() == 0 ? null : ms(overlapping(benchPauses, c).stream().mapToLong(Pause::duration).sum()));
        return m;
    }

    /** One change as a line of milliseconds, in the order of {@code per_change_columns}. */
    String row(Change c, List<Pause> benchPauses) {
        StringBuilder sb = new StringBuilder();
        for (Object v : oneChange(c, benchPauses).values()) {
            sb.append(sb.length() == 0 ? "" : " ").append(v == null ? "-" : v);
        }
        return sb.toString();
    }

    private static List<Pause> overlapping(List<Pause> pauses, Change c) {
        return pauses.stream().filter(p -> p.overlaps(c.written(), c.seen())).toList();
    }

    /** Per collector (e.g. Copy = SerialGC's young, MarkSweepCompact = its full): pauses in [from, to]. */
    private static Map<String, Object> pauseSummary(List<Pause> pauses, long from, long to) {
        Map<String, Samples> byCollector = new java.util.TreeMap<>();
        pauses.stream().filter(p -> p.overlaps(from, to))
                .forEach(p -> byCollector.computeIfAbsent(p.collector(), c -> new Samples()).add(p.duration()));
        Map<String, Object> m = new LinkedHashMap<>();
        byCollector.forEach((collector, samples) -> m.put(collector, samples.summary()));
        return m;
    }

    private static double ms(long nanos) {
        return Samples.round(nanos / 1e6);
    }
}
