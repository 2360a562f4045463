package io.pirack.bench;

import io.pirack.core.rack.RackSpec;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
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
 * Twice: with the probe starting its own rehearsal rack (what {@code pirack --sim} does), and with
 * the probe connecting to a rack that is already running (what a real cluster costs).
 */
final class StartupBench {

    /** JavaFX settings passed on, so a headless run starts the child headless too. */
    private static final List<String> FX_PROPERTIES = List.of("glass.platform", "monocle.platform", "prism.order", "prism.text",
            "java.awt.headless", "headless.geometry");

    Map<String, Object> run(int runs) throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "fresh JVM running io.pirack.bench.StartupProbe (JavaFX started in parallel with the cluster"
                + " connection, FramePublisher, the rack screen in a shown window) on this class path; timed from before"
                + " the spawn to the end of the pulse that laid out the first frame with all 4 nodes");
        result.put("runs", runs);
        Map<String, Object> ownRack = series(runs, List.of());
        result.put("with_own_rehearsal_rack", ownRack);
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(4), SimTimings.demoTuned(), SimClock.realTime(1))) {
            result.put("connecting_to_running_api_server", series(runs, List.of(rack.apiUrl())));
        }
        result.put("target_ms", 2500);
        result.put("met", (Boolean) ownRack.get("met"));
        return result;
    }

    private Map<String, Object> series(int runs, List<String> probeArgs) throws Exception {
        Samples toFirstFrame = new Samples();
        Samples jvmStartToMain = new Samples();
        Samples connect = new Samples();
        Samples fxReady = new Samples();
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
            command.addAll(probeArgs);
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
            long mainEntered = Long.parseLong(parts[2]);
            toFirstFrame.add(millis(firstFrame - spawned));
            jvmStartToMain.add(millis(mainEntered - spawned));
            connect.add(millis(Long.parseLong(parts[3]) - mainEntered));
            fxReady.add(millis(Long.parseLong(parts[4]) - mainEntered));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spawn_to_first_frame", toFirstFrame.summary());
        m.put("spawn_to_main", jvmStartToMain.summary());
        m.put("main_to_connection_started", connect.summary());
        m.put("main_to_javafx_ready", fxReady.summary());
        m.put("failures", failures);
        m.put("met", failures.isEmpty() && toFirstFrame.percentileMillis(100) <= 2500);
        return m;
    }

    private static long millis(long ms) {
        return TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
