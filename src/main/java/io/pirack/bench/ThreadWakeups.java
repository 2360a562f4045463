package io.pirack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This JVM's threads' wake-ups ({@code voluntary_ctxt_switches}) and CPU ticks (utime + stime) from
 * {@code /proc/self/task}, grouped by thread name with the digits taken out ({@code vert.x-eventloop-thread-#}):
 * a hand-off is a wake-up, which the machine's load does not change (issue 20). Linux only; elsewhere empty.
 */
final class ThreadWakeups {

    private record Counts(String group, long wakeups, long ticks) {
    }

    private final Map<String, Counts> before;

    private ThreadWakeups(Map<String, Counts> before) {
        this.before = before;
    }

    static ThreadWakeups start() {
        return new ThreadWakeups(read());
    }

    /**
     * Per thread group, since {@link #start}: wake-ups and CPU ms, each divided by {@code per} (the changes);
     * threads born meanwhile count from zero.
     */
    Map<String, Map<String, Double>> perChange(int per) {
        Map<String, Counts> now = read();
        Map<String, long[]> sums = new TreeMap<>();
        now.forEach((tid, c) -> {
            Counts b = before.get(tid);
            long[] sum = sums.computeIfAbsent(c.group(), g -> new long[2]);
            sum[0] += c.wakeups() - (b == null ? 0 : b.wakeups());
            sum[1] += c.ticks() - (b == null ? 0 : b.ticks());
        });
        Map<String, Map<String, Double>> out = new TreeMap<>();
        long hz = 100; // USER_HZ on Linux
        sums.forEach((group, s) -> {
            if (s[0] > 0 || s[1] > 0) {
                out.put(group, Map.of("wakeups", round((double) s[0] / per), "cpu_ms", round(s[1] * 1000.0 / hz / per)));
            }
        });
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static Map<String, Counts> read() {
        Map<String, Counts> counts = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return counts;
        }
        try (Stream<Path> list = Files.list(tasks)) {
            list.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    long wakeups = 0;
                    for (String line : Files.readAllLines(task.resolve("status"))) {
                        if (line.startsWith("voluntary_ctxt_switches:")) {
                            wakeups = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    counts.put(task.getFileName().toString(), new Counts(name.replaceAll("\\d+", "#"), wakeups, ticks));
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return counts;
        }
        return counts;
    }
}
