package io.pirack.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The startup benchmark's marks ({@code pirack bench --only startup}, issue 20), one format for every
 * part of the app that marks a step of its start — the window (app/StartupMarks), the early thread and
 * the rehearsal rack (sim/): {@code PIRACK_STARTUP <step> <epoch ms>} followed by what the start cost so
 * far as name–value pairs. Printed only with {@code -Dpirack.startupMarks=true}; otherwise nothing.
 */
public final class StartupLine {

    public static final String PROPERTY = "pirack.startupMarks";
    public static final String MARK = "PIRACK_STARTUP ";

    private StartupLine() {
    }

    /** Whether the marks were asked for. */
    public static boolean asked() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** With the property: marks {@code step} now, with the costs so far. Any thread. */
    public static void step(String step) {
        if (asked()) {
            print(System.out, step + " " + System.currentTimeMillis() + costsSoFar(step));
        }
    }

    /** One mark line on {@code out}, whole even when several threads mark at once. */
    public static void print(PrintStream out, String line) {
        synchronized (System.out) {
            out.println(MARK + line);
            out.flush();
        }
    }

    /**
     * Figures the load on a shared machine does not inflate much, for the startup bench: the process's
     * CPU time so far (user + system, all threads), the classes loaded so far and the resident set
     * ({@code " skeleton-cpu-ms 1830 skeleton-classes 9120 skeleton-rss-kb 301234"}), and the CPU by kind of
     * thread ({@link #threadKind}). Linux's /proc for CPU and memory; elsewhere only the class count.
     */
    public static String costsSoFar(String what) {
        StringBuilder line = new StringBuilder();
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15 (clock ticks, 100/s).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            line.append(' ').append(what).append("-cpu-ms ").append((Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
        } catch (IOException | RuntimeException notLinux) {
            // no CPU figure
        }
        threadCpu(what, line);
        line.append(' ').append(what).append("-classes ").append(ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        try {
            Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).findFirst()
                    .ifPresent(l -> line.append(' ').append(what).append("-rss-kb ").append(l.replaceAll("\\D", "")));
        } catch (IOException notLinux) {
            // no memory figure
        }
        return line.toString();
    }

    /**
     * The CPU time so far per kind of thread ({@code " skeleton-cpu-ms-fx 640 skeleton-cpu-ms-early 910 …"}), from
     * /proc/self/task: where the start's CPU went — the FX thread, the early thread (the rack and the client),
     * main, the JIT compilers (C1, C2), the renderer, the VM thread (Serial GC) and everything else. Nothing elsewhere.
     */
    static void threadCpu(String what, StringBuilder line) {
        Map<String, Long> byKind = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byKind.merge(threadKind(name), (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException | RuntimeException notLinux) {
            return;
        }
        byKind.forEach((kind, ms) -> line.append(' ').append(what).append("-cpu-ms-").append(kind).append(' ').append(ms));
    }

    /** The kind of a thread by its (15-character) Linux name. */
    static String threadKind(String name) {
        if (name.startsWith("JavaFX Applicat")) {
            return "fx";
        } else if (name.startsWith("pirack-early")) {
            return "early";
        } else if (name.equals("main") || name.equals("java") || name.equals("PiRack")) {
            return "main";
        } else if (name.startsWith("C1 Compiler")) {
            return "c1";
        } else if (name.startsWith("C2 Compiler")) {
            return "c2";
        } else if (name.startsWith("QuantumRendere")) {
            return "render";
        } else if (name.equals("VM Thread")) {
            return "vm";
        }
        return "other";
    }
}
