package io.pirack.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The app as a separate process, the way the launcher starts it, and what /proc says about it. */
final class AppProcess {

    /**
     * The packaged launcher's JVM flags (packaging/jpackage.sh, pom.xml's javafx:run), Linux's trim included.
     * The heap starts big enough and Metaspace's first GC late enough that the start makes no full GC
     * (issue 20's 94 ms pause); young survivors of 5 MB stop early promotion (packaging/jpackage.sh says more).
     */
    static final String LAUNCHER_FLAGS = "-XX:+UseSerialGC -Xms192m -Xmn32m -XX:SurvivorRatio=4 -XX:MetaspaceSize=96m"
            + " -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
            + " -XX:TieredStopAtLevel=1"
            + " -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=10000"
            + " -XX:AsyncDeflationInterval=10000"
            + " -XX:TrimNativeHeapInterval=10000";

    private AppProcess() {
    }

    /** {@code -Dbench.app.jvmArgs="…"} if given (empty for the JVM's defaults), else the launcher's flags. */
    static List<String> jvmArgs() {
        String args = System.getProperty("bench.app.jvmArgs", LAUNCHER_FLAGS).trim();
        return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
    }

    /**
     * The app's process, its arguments still to be added to {@code command()}: {@code java <jvmArgs> <properties> -cp
     * <this class path> io.pirack.Main} when {@code launcher} is null, else that packaged launcher with its own runtime
     * and flags, the properties and {@code extraLauncherOptions} reaching its JVM through {@code JAVA_TOOL_OPTIONS}
     * (which the JVM reads before the launcher's own options, so those win; it says so on stderr).
     */
    static ProcessBuilder builder(String launcher, List<String> jvmArgs, List<String> properties, String extraLauncherOptions) {
        List<String> command = new ArrayList<>();
        ProcessBuilder builder = new ProcessBuilder(command);
        if (launcher == null) {
            command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            command.addAll(jvmArgs);
            command.addAll(properties);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("io.pirack.Main");
        } else {
            command.add(launcher);
            builder.environment().put("JAVA_TOOL_OPTIONS", (String.join(" ", properties) + " " + extraLauncherOptions).strip());
        }
        return builder;
    }

    /** CPU ticks (1/100 s) per thread name of a process; threads of one name are summed. */
    static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        eachThread(pid, (task, name) -> ticks.merge(name, cpuTicks(Files.readString(task.resolve("stat"))), Long::sum));
        return ticks;
    }

    /** What {@link #eachThread} does with one thread's /proc folder. */
    interface ThreadReader {
        void read(Path task, String name) throws IOException;
    }

    /**
     * Each live thread of a process: its {@code /proc/PID/task/TID} folder and its name as the kernel keeps it
     * ({@code comm}, the Java name cut to 15 characters) without a trailing number, so a pool's threads share one.
     */
    static void eachThread(long pid, ThreadReader reader) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    reader.read(task, Files.readString(task.resolve("comm")).trim().replaceAll("[-_]?\\d+$", ""));
                } catch (IOException gone) {
                    // the thread ended between the listing and the read
                }
            }
        }
    }

    /** The threads that used the most CPU between two {@link #threadTicks} readings, as % of one core. */
    static Map<String, Object> topThreads(Map<String, Long> before, Map<String, Long> after, double seconds, int n) {
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        after.forEach((name, t) -> used.add(Map.entry(name, t - before.getOrDefault(name, 0L))));
        used.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        Map<String, Object> top = new LinkedHashMap<>();
        used.stream().limit(n).filter(e -> e.getValue() > 0)
                .forEach(e -> top.put(e.getKey(), Samples.round(e.getValue() / 100.0 / seconds * 100)));
        return top;
    }

    static long cpuTicks(long pid) throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
    }

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** The 1-, 5- and 15-minute load averages, so every figure carries the machine's state with it. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
