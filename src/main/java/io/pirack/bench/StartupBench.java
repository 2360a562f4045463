package io.pirack.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Process start → first rack frame: spawns {@link StartupProbe} in a fresh JVM on this JVM's class
 * path and times from just before the spawn to the probe's report (same machine, same wall clock).
 */
final class StartupBench {

    /** JavaFX settings passed on, so a headless run starts the child headless too. */
    private static final List<String> FX_PROPERTIES = List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
            "java.awt.headless", "headless.geometry");

    Map<String, Object> run(int runs) throws Exception {
        Samples toFirstFrame = new Samples();
        Samples jvmStartToFirstFrame = new Samples();
        Samples jvmStartToMain = new Samples();
        Samples rackStart = new Samples();
        Samples jvmStartToFxReady = new Samples();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            List<String> command = new ArrayList<>();
            command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
            FX_PROPERTIES.forEach(p -> {
                if (System.getProperty(p) != null) {
                    command.add("-D" + p + "=" + System.getProperty(p));
                }
            });
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(StartupProbe.class.getName());
            long spawned = System.currentTimeMillis();
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String mark = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(StartupProbe.MARK)) {
                        mark = line.substring(StartupProbe.MARK.length());
                        break;
                    }
                }
            } finally {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            if (mark == null) {
                failures.add("run " + (i + 1) + ": no first frame (exit " + process.exitValue() + ")");
                continue;
            }
            String[] parts = mark.split(" ");
            long firstFrame = Long.parseLong(parts[0]);
            toFirstFrame.add(TimeUnit.MILLISECONDS.toNanos(firstFrame - spawned));
            long jvmStart = Long.parseLong(parts[1]);
            long mainEntered = Long.parseLong(parts[2]);
            jvmStartToFirstFrame.add(TimeUnit.MILLISECONDS.toNanos(firstFrame - jvmStart));
            jvmStartToMain.add(TimeUnit.MILLISECONDS.toNanos(mainEntered - jvmStart));
            rackStart.add(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(parts[3]) - mainEntered));
            jvmStartToFxReady.add(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(parts[4]) - jvmStart));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "fresh JVM running io.pirack.bench.StartupProbe (JavaFX + rehearsal rack session + FramePublisher"
                + " + view, no window) on this class path; timed from before the spawn to the first frame with all nodes");
        result.put("runs", runs);
        result.put("spawn_to_first_frame", toFirstFrame.summary());
        result.put("jvm_start_to_first_frame", jvmStartToFirstFrame.summary());
        result.put("jvm_start_to_main", jvmStartToMain.summary());
        result.put("rehearsal_rack_and_session_open", rackStart.summary());
        result.put("jvm_start_to_javafx_ready", jvmStartToFxReady.summary());
        result.put("failures", failures);
        result.put("target_ms", 2500);
        result.put("met", failures.isEmpty() && toFirstFrame.percentileMillis(100) <= 2500);
        return result;
    }
}
