package io.pirack.bench;

import io.pirack.core.rack.RackSpec;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Process start → the app's own window (issue 20): spawns {@code io.pirack.Main} — the real app, with
 * {@code -Dpirack.startupMarks=true} and the launcher's JVM flags ({@code -Dbench.app.jvmArgs}) — in a
 * fresh JVM and settings folder, and times from just before the spawn to the app's marks: the end of
 * the pulse that laid out the first frame (the skeleton of the last known rack, LEDs "unknown") and
 * of the one that laid out the first frame with the API live and every Pi known. Twice: the app
 * starting its own rehearsal rack ({@code --sim}), and the app connecting to a rack already running
 * in this JVM ({@code --kubeconfig}, what a real cluster costs). With
 * {@code -Dbench.startup.launcher=…/bin/PiRack} a third series times the packaged app's own launcher
 * (its jlinked runtime, its flags and AppCDS archive), the marks asked for through
 * {@code JAVA_TOOL_OPTIONS} ({@code -Dbench.startup.launcherOnly=true}: that series alone). Each mark also carries what the start cost by then — process CPU time,
 * classes loaded, resident memory — figures a shared machine's load inflates far less than wall time.
 */
final class StartupBench {

    static final String MARK = "PIRACK_STARTUP ";
    /** One start may take this long on a loaded machine before it counts as failed. */
    private static final long TIMEOUT_S = 300;
    /** JavaFX settings passed on, so a headless run starts the child headless too. */
    private static final List<String> FX_PROPERTIES = List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
            "java.awt.headless", "headless.geometry");

    Map<String, Object> run(int runs) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        List<String> jvmArgs = AppProcess.jvmArgs();
        result.put("path", "fresh JVM running the app (io.pirack.Main, -Dpirack.startupMarks=true) in its own window and"
                + " settings folder; timed from before the spawn to the end of the pulse that laid out (a) the first frame"
                + " (skeleton, LEDs unknown) and (b) the first frame with the API live and every Pi known");
        result.put("app_jvm_args", String.join(" ", jvmArgs));
        result.put("load_average_at_start", AppProcess.loadAverage());
        result.put("runs", runs);
        String launcher = System.getProperty("bench.startup.launcher");
        if (launcher != null) {
            result.put("packaged_launcher", launcher);
            result.put("packaged_launcher_extra_jvm_args", System.getProperty("bench.startup.launcherJvmArgs", ""));
            result.put("packaged_launcher_own_rehearsal_rack", series(runs, List.of(), List.of("--sim"), launcher));
            if (Boolean.getBoolean("bench.startup.launcherOnly")) {
                result.put("load_average_at_end", AppProcess.loadAverage());
                return result;
            }
        }
        Map<String, Object> ownRack = series(runs, jvmArgs, List.of("--sim"));
        result.put("with_own_rehearsal_rack", ownRack);
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(4), SimTimings.demoTuned(), SimClock.realTime(1))) {
            Path kubeconfig = Files.createTempFile("pirack-startup", ".kubeconfig");
            Files.writeString(kubeconfig, PixelProbeBench.kubeconfig(rack.apiUrl()));
            result.put("connecting_to_running_api_server", series(runs, jvmArgs, List.of("--kubeconfig", kubeconfig.toString())));
            Files.deleteIfExists(kubeconfig);
        }
        result.put("target_skeleton_ms", 1000);
        result.put("target_live_ms", 2500);
        result.put("load_average_at_end", AppProcess.loadAverage());
        result.put("met", ownRack.get("met"));
        return result;
    }

    private Map<String, Object> series(int runs, List<String> jvmArgs, List<String> appArgs) throws Exception {
        return series(runs, jvmArgs, appArgs, null);
    }

    /** {@code launcher} null: {@code java … io.pirack.Main} from this class path; else that native launcher. */
    private Map<String, Object> series(int runs, List<String> jvmArgs, List<String> appArgs, String launcher) throws Exception {
        Samples skeleton = new Samples();
        Samples live = new Samples();
        Samples toJvm = new Samples();
        Samples toFxStart = new Samples();
        Samples toOpened = new Samples();
        Samples toEntered = new Samples();
        Samples toShown = new Samples();
        Map<String, List<Long>> costs = new java.util.TreeMap<>();
        // Steps between the session's opening and live (the rack's start, the attach, the first frames), spawn → step.
        Map<String, Samples> steps = new LinkedHashMap<>();
        STEPS.forEach(step -> steps.put(step, new Samples()));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            Path home = Files.createTempDirectory("pirack-startup");
            List<String> properties = new ArrayList<>();
            FX_PROPERTIES.forEach(p -> {
                if (System.getProperty(p) != null) {
                    properties.add("-D" + p + "=" + System.getProperty(p));
                }
            });
            properties.add("-Dpirack.startupMarks=true");
            properties.add("-Dpirack.home=" + home);
            // -Dbench.startup.launcherJvmArgs="…": flags to try on the packaged app (e.g. the JIT's), added with the properties.
            ProcessBuilder builder = AppProcess.builder(launcher, jvmArgs, properties,
                    System.getProperty("bench.startup.launcherJvmArgs", "")).redirectErrorStream(true);
            builder.command().addAll(appArgs);
            long spawned = System.currentTimeMillis();
            // Everything the app printed, kept for a run that fails (named in the failure).
            Path output = home.resolve("app-output.txt");
            Process process = builder.start();
            // A run that never gets there is ended (and counted as a failure) instead of stalling the bench.
            java.util.concurrent.CompletableFuture.delayedExecutor(TIMEOUT_S, TimeUnit.SECONDS).execute(process::destroy);
            Map<String, Long> marks;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 java.io.Writer kept = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                marks = readMarks(out, kept);
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            if (!marks.containsKey("live")) {
                failures.add("run " + (i + 1) + ": no live frame (marks " + marks + ", exit " + process.exitValue() + ", output " + output + ")");
                continue;
            }
            skeleton.add(millis(marks.get("skeleton") - spawned));
            live.add(millis(marks.get("live") - spawned));
            toJvm.add(millis(marks.get("jvm") - spawned));
            toFxStart.add(millis(marks.get("fx-start") - spawned));
            if (marks.containsKey("start-entered")) {
                toEntered.add(millis(marks.get("start-entered") - spawned));
            }
            if (marks.containsKey("shown")) {
                toShown.add(millis(marks.get("shown") - spawned));
            }
            if (marks.containsKey("session-opened")) {
                toOpened.add(millis(marks.get("session-opened") - spawned));
            }
            steps.forEach((step, samples) -> {
                if (marks.containsKey(step)) {
                    samples.add(millis(marks.get(step) - spawned));
                }
            });
            marks.forEach((name, value) -> {
                if (name.contains("-cpu-ms") || name.contains("-classes") || name.contains("-rss-kb")) {
                    costs.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                }
            });
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spawn_to_skeleton_laid_out", skeleton.summary());
        m.put("spawn_to_all_pis_live_laid_out", live.summary());
        m.put("spawn_to_jvm_start", toJvm.summary());
        m.put("spawn_to_javafx_start_method_entered", toEntered.summary());
        m.put("spawn_to_window_built_and_shown", toShown.summary());
        // The marks' install, at the end of start(): the window built, its first pulse still to come.
        m.put("spawn_to_javafx_start_method", toFxStart.summary());
        m.put("spawn_to_session_opened_off_fx_thread", toOpened.summary());
        Map<String, Object> stepSummary = new LinkedHashMap<>();
        steps.forEach((step, samples) -> {
            if (samples.count() > 0) {
                stepSummary.put(step, samples.summary());
            }
        });
        m.put("spawn_to_step", stepSummary);
        // p50 and max of each: CPU ms, classes and resident KB at the skeleton and live marks.
        Map<String, Object> costSummary = new LinkedHashMap<>();
        costs.forEach((name, values) -> costSummary.put(name, medianAndMax(values)));
        m.put("costs_at_marks", costSummary);
        m.put("failures", failures);
        m.put("met", failures.isEmpty() && skeleton.percentileMillis(100) <= 1000 && live.percentileMillis(100) <= 2500);
        return m;
    }

    /**
     * The app's marks ({@code PIRACK_STARTUP name millis …}) from its output, copied to {@code kept},
     * read until the {@code live} mark and no further: the app prints nothing after it, so one more
     * read would wait until the run's time-out ended the app (every run took 5 min that way).
     */
    /** The steps towards live that the app and its rehearsal rack mark, in the order they usually come. */
    static final List<String> STEPS = List.of("rack-serving", "rack-seeded", "rack-synced", "session-opened", "attached",
            "informers-started", "frame-nodes-known", "frame-api-live");

    static Map<String, Long> readMarks(BufferedReader out, java.io.Writer kept) throws java.io.IOException {
        Map<String, Long> marks = new HashMap<>();
        String line;
        while (!marks.containsKey("live") && (line = out.readLine()) != null) {
            kept.write(line + System.lineSeparator());
            kept.flush();
            if (line.startsWith(MARK)) {
                String[] words = line.substring(MARK.length()).split(" ");
                for (int w = 0; w + 1 < words.length; w += 2) {
                    marks.put(words[w], Long.parseLong(words[w + 1]));
                }
            }
        }
        return marks;
    }

    static Map<String, Long> medianAndMax(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("p50", sorted.get((sorted.size() - 1) / 2));
        m.put("max", sorted.get(sorted.size() - 1));
        return m;
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
