package io.pirack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Context switches per thread of another process, from {@code /proc/PID/task/TID/status}: how often each
 * thread went to sleep (voluntary: it parked, waited or blocked, and so was woken again) or was taken off
 * its core (nonvoluntary). On a machine where a wake-up costs tens of µs of CPU (session 11), wake-ups
 * are the idle figure that does not depend on the load, beside the CPU time.
 *
 * <p>Threads are grouped by name as the kernel keeps it ({@code comm}: the Java name cut to 15
 * characters) with a trailing number dropped, like {@link AppProcess#threadTicks}; a thread that started
 * or ended between two readings counts with what it did while it was there.
 */
final class ThreadWakeups {

    /** One thread's two counters, and its CPU time in clock ticks (1/100 s) to set beside them. */
    record Switches(long voluntary, long nonvoluntary, long cpuTicks) {
        Switches plus(Switches other) {
            return new Switches(voluntary + other.voluntary, nonvoluntary + other.nonvoluntary, cpuTicks + other.cpuTicks);
        }

        Switches minus(Switches other) {
            return new Switches(voluntary - other.voluntary, nonvoluntary - other.nonvoluntary, cpuTicks - other.cpuTicks);
        }
    }

    private static final Switches NONE = new Switches(0, 0, 0);

    private ThreadWakeups() {
    }

    /** The counters of each live thread of {@code pid}, by thread id. */
    static Map<Long, Named> read(long pid) throws IOException {
        Map<Long, Named> threads = new HashMap<>();
        AppProcess.eachThread(pid, (task, name) -> threads.put(Long.parseLong(task.getFileName().toString()),
                new Named(name, parse(Files.readString(task.resolve("status")), Files.readString(task.resolve("stat"))))));
        return threads;
    }

    /** A thread's name and counters at one reading. */
    record Named(String name, Switches switches) {
    }

    /** The two counters of a {@code status} file and the CPU ticks (utime + stime) of a {@code stat} file. */
    static Switches parse(String status, String stat) {
        long voluntary = 0;
        long nonvoluntary = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
                voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
                nonvoluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return new Switches(voluntary, nonvoluntary, AppProcess.cpuTicks(stat));
    }

    /**
     * Per thread name, the switches between two readings, most voluntary first, with the total under
     * {@code "total"}: {@code {"name": {"voluntary": v, "nonvoluntary": n, "cpu_ms": c, "threads": t}}}; names
     * that did not switch at all are left out.
     */
    static Map<String, Object> between(Map<Long, Named> before, Map<Long, Named> after) {
        Map<String, Switches> byName = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        after.forEach((tid, now) -> {
            Named then = before.get(tid);
            byName.merge(now.name(), now.switches().minus(then == null ? NONE : then.switches()), Switches::plus);
            count.merge(now.name(), 1, Integer::sum);
        });
        List<Map.Entry<String, Switches>> rows = new ArrayList<>(byName.entrySet());
        rows.sort(Comparator.comparingLong((Map.Entry<String, Switches> e) -> e.getValue().voluntary()).reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Object> out = new LinkedHashMap<>();
        Switches total = NONE;
        for (Map.Entry<String, Switches> row : rows) {
            Switches s = row.getValue();
            total = total.plus(s);
            if (s.voluntary() + s.nonvoluntary() > 0) {
                out.put(row.getKey(), row(s, count.get(row.getKey())));
            }
        }
        out.put("total", row(total, after.size()));
        return out;
    }

    /**
     * This JVM's wake-ups (voluntary switches) and CPU ms per change since {@code before}, per thread name:
     * the hand-offs of a path that a benchmark drove {@code changes} times (WatchPathBench).
     */
    static Map<String, Map<String, Double>> perChangeOfThisJvm(Map<Long, Named> before, int changes) throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        between(before, read(ProcessHandle.current().pid())).forEach((name, row) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) row;
            out.put(name, Map.of("wakeups", perChange((Long) counts.get("voluntary"), changes),
                    "cpu_ms", perChange((Long) counts.get("cpu_ms"), changes)));
        });
        return out;
    }

    private static double perChange(long total, int changes) {
        return Math.round(total * 100.0 / changes) / 100.0;
    }

    private static Map<String, Object> row(Switches s, int threads) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("voluntary", s.voluntary());
        row.put("nonvoluntary", s.nonvoluntary());
        row.put("cpu_ms", s.cpuTicks() * 10);
        row.put("threads", threads);
        return row;
    }
}
