package io.pirack.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import io.pirack.trace.LatencyTrace;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Issue 20's external probe: the real app ({@code io.pirack.Main --kubeconfig}) in its own JVM and a
 * real window on the X display, watching this JVM's rehearsal rack. This JVM toggles a node's
 * cordon on the API and reads the screen with {@link Robot#createScreenCapture} (an X11
 * {@code XGetImage} of a few pixels per grab) in a tight loop, so each figure is API write → pixel
 * changed, as a visitor sees it. The pixel is found by calibration under the pod churn and then
 * verified over more toggles ({@link ProbeSpot}): a spot that does not follow the node's state is
 * never timed, and a first grab that already shows the new state is reported as a broken probe. Also: the app
 * process's CPU over 60 idle seconds (heartbeats only) and its resident memory, from /proc.
 */
final class PixelProbeBench {

    private static final int STEADY_GRABS = 9;
    /** Candidate spots kept for verification, at most one per 64×64 cell. */
    private static final int CANDIDATES = 16;

    /** {@code outputDir}: where the spot's crops (or, when none verifies, the two states' screens) are saved. */
    Map<String, Object> run(int changes, Path outputDir, Consumer<String> progress) throws Exception {
        Files.createDirectories(outputDir);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("write", Boolean.getBoolean("bench.pixel.readBeforeWrite") ? "GET + PATCH (fabric8 withName().patch)"
                : "one PATCH (as kubectl cordon)");
        result.put("path", "API write (node cordon toggle) on a rehearsal rack in the bench JVM -> the app in its own JVM"
                + " (--kubeconfig, real window) -> X server pixels read by AWT Robot (XGetImage) in the bench JVM");
        Path home = Files.createTempDirectory("pirack-pixel");
        // Issue 20's scale case from outside: -Dbench.pixel.pis=100 -Dbench.pixel.pods=3000 -Dbench.pixel.podDeletesPerSecond=5
        // (each delete brings a replacement: delete + create + schedule + start ≈ 10 pod changes/s).
        int pis = Integer.getInteger("bench.pixel.pis", 4);
        RehearsalRack.Options defaults = RehearsalRack.Options.defaults();
        RehearsalRack.Options options = new RehearsalRack.Options(Integer.getInteger("bench.pixel.pods", defaults.demoReplicas()),
                defaults.imagesPrePulled(), defaults.externalKubelets(), defaults.seed(), defaults.port());
        double deletesPerSecond = Double.parseDouble(System.getProperty("bench.pixel.podDeletesPerSecond", "0"));
        result.put("pis", pis);
        result.put("demo_pods", options.demoReplicas());
        result.put("pod_deletes_per_second", deletesPerSecond);
        RackSpec spec = RackSpec.rehearsal(pis);
        String node = spec.slots().get(spec.slots().size() - 1).hostname();
        try (RehearsalRack rack = RehearsalRack.start(spec, SimTimings.demoTuned(), SimClock.realTime(1), options);
             KubernetesClient writer = ClusterConnection.forUrl(rack.apiUrl());
             PodChurn churn = new PodChurn(writer, deletesPerSecond)) {
            settle(writer, options.demoReplicas(), result, progress);
            Path kubeconfig = home.resolve("kubeconfig");
            Files.writeString(kubeconfig, kubeconfig(rack.apiUrl()));
            // -Dbench.pixel.launcher=…/bin/PiRack: the packaged app with its own runtime and flags (issue 20: what a
            // runtime choice does to idle CPU and memory); this bench's -D flags then reach it via JAVA_TOOL_OPTIONS.
            String launcher = System.getProperty("bench.pixel.launcher");
            List<String> properties = new ArrayList<>();
            properties.add("-Dpirack.home=" + home.resolve("state"));
            // The app's stage stamps (issue 20's breakdown); -Dbench.pixel.trace=false runs it without.
            Path trace = home.resolve("latency-trace.txt");
            boolean traced = !"false".equals(System.getProperty("bench.pixel.trace"));
            if (traced) {
                properties.add("-D" + LatencyTrace.PROPERTY + "=" + trace);
            }
            // -Dbench.pixel.countRenders=true: JavaFX's pulse logger prints every pulse to the app's log, which
            // is counted per phase (renders, whole-window renders) — see PulseLogCounts. It costs the app some CPU.
            boolean countRenders = Boolean.getBoolean("bench.pixel.countRenders");
            if (countRenders) {
                properties.add("-Djavafx.pulseLogger=true");
                properties.add("-Djavafx.pulseLogger.threshold=-1");
            }
            ProcessBuilder builder = AppProcess.builder(launcher, AppProcess.jvmArgs(), properties, "");
            if (launcher == null) {
                result.put("app_command_jvm_args", String.join(" ", AppProcess.jvmArgs()));
            } else {
                result.put("app_packaged_launcher", launcher);
            }
            List<String> command = builder.command();
            command.add("--kubeconfig");
            command.add(kubeconfig.toString());
            long spawned = System.nanoTime();
            Path appLog = home.resolve("app.log");
            Process app = builder.redirectErrorStream(true).redirectOutput(appLog.toFile()).start();
            try {
                // Plain XGetImage: JDK 17's default GTK capture path returns black frames under Xvfb.
                System.setProperty("awt.robot.gtk", "false");
                Robot robot = new Robot();
                Rectangle screen = new Rectangle(java.awt.Toolkit.getDefaultToolkit().getScreenSize());
                progress.accept("pixel: waiting for the app's window and a pixel that follows the node's state");
                // The churn runs from here on: a spot is calibrated and verified under the load it is measured under.
                churn.start();
                boolean cordon = false;
                ProbeSpot.Candidate spot = null;
                List<ProbeSpot.Candidate> found = List.of();
                ProbeSpot.Verifier verifier = null;
                BufferedImage[] lastA = null;
                BufferedImage[] lastB = null;
                // -Dbench.pixel.area=x,y,w,h: look for the spot only there (e.g. the rack's cards, not the node table).
                Rectangle area = area(System.getProperty("bench.pixel.area"), screen);
                result.put("probe_area", area.x + "," + area.y + "," + area.width + "," + area.height);
                int verifyToggles = Math.max(4, Integer.getInteger("bench.pixel.verifyToggles", 4));
                long deadline = System.nanoTime() + 240_000_000_000L;
                while (spot == null && System.nanoTime() < deadline) {
                    // Nine grabs over 2 s per state: a heartbeat LED (a 400 ms flash every 2 s, demo timings)
                    // lights in some of them, so it is never taken for the node's state chip.
                    BufferedImage[] a = grabs(robot, screen, STEADY_GRABS);
                    toggle(writer, node, cordon = !cordon);
                    Thread.sleep(1_500);
                    BufferedImage[] b = grabs(robot, screen, STEADY_GRABS);
                    toggle(writer, node, cordon = !cordon);
                    Thread.sleep(1_500);
                    BufferedImage[] back = grabs(robot, screen, STEADY_GRABS);
                    // The spot must come back with the state, or it changed for another reason (start-up).
                    BufferedImage[] sameState = java.util.stream.Stream.concat(java.util.Arrays.stream(a), java.util.Arrays.stream(back))
                            .toArray(BufferedImage[]::new);
                    lastA = a;
                    lastB = b;
                    found = ProbeSpot.candidates(sameState, b, CANDIDATES, area);
                    if (found.isEmpty()) {
                        continue;
                    }
                    // Each candidate must show its state's block after every one of several more toggles, in
                    // every grab while the state is held (steady under the churn); the best that does is the spot.
                    progress.accept("pixel: verifying " + found.size() + " candidate spots over " + verifyToggles + " toggles each way");
                    verifier = new ProbeSpot.Verifier(found);
                    for (int t = 0; t < 2 * verifyToggles && !verifier.verified().isEmpty(); t++) {
                        toggle(writer, node, cordon = !cordon);
                        Thread.sleep(1_500);
                        verifier.held(cordon, grabs(robot, screen, 3));
                    }
                    spot = verifier.verified().isEmpty() ? null : verifier.verified().get(0);
                }
                result.put("probe_candidates", found.stream().map(c -> c.at() + " score " + c.score()).toList());
                if (verifier != null) {
                    result.put("probe_candidates_rejected", verifier.rejected());
                    result.put("probe_candidates_verified", verifier.verified().stream().map(ProbeSpot.Candidate::at).toList());
                    result.put("probe_verify_toggles_each_way", verifyToggles);
                }
                if (lastB != null) {
                    markCandidates(lastB[0], found, verifier, spot, area, outputDir.resolve("pixel-candidates.png"));
                    result.put("probe_candidates_image", "pixel-candidates.png (state B; red: the spot, yellow: verified, magenta: rejected)");
                }
                if (spot == null) {
                    if (lastA != null) {
                        javax.imageio.ImageIO.write(lastA[0], "png", outputDir.resolve("pixel-state-a.png").toFile());
                        javax.imageio.ImageIO.write(lastB[0], "png", outputDir.resolve("pixel-state-b.png").toFile());
                    }
                    result.put("error", "no spot on the screen followed the node's state over " + verifyToggles + " toggles each way"
                            + " within 4 min (is the window on DISPLAY?); the two states' screens are pixel-state-a/b.png in " + outputDir);
                    return result;
                }
                result.put("calibrated_after_s", Samples.round((System.nanoTime() - spawned) / 1e9));
                result.put("probe_pixel", spot.at());
                // Where the spot is, for a person to check that it is the node's chip: a crop around it in each state.
                markSpot(robot, screen, spot, outputDir.resolve("pixel-spot-a.png"));
                toggle(writer, node, cordon = !cordon);
                Thread.sleep(1_500);
                markSpot(robot, screen, spot, outputDir.resolve("pixel-spot-b.png"));
                toggle(writer, node, cordon = !cordon);
                Thread.sleep(1_500);
                result.put("probe_spot_crops", "pixel-spot-a.png, pixel-spot-b.png (spot in a red frame)");
                Rectangle patch = new Rectangle(spot.x(), spot.y(), ProbeSpot.PATCH, ProbeSpot.PATCH);

                Samples latency = new Samples();
                Samples warmupLatency = new Samples();
                Samples grabTime = new Samples();
                long worstGap = 0;
                int missed = 0;
                int firstAlreadyMatched = 0;
                int firstLate = 0;
                int sawNeither = 0;
                int shownFromCover = 0;
                List<LatencyBreakdown.Change> written = new ArrayList<>();
                GcPauses benchGc = null;
                // -Dbench.pixel.grabPauseMicros=N rests between grabs. Measured at load 22-28 (session 5): a 1 ms rest
                // cut the sampler's CPU from ~4 % to ~2 % of a core but did not lower the figures, so the default
                // stays the tight loop (each grab waits on the X server anyway) and figures stay comparable.
                long grabPause = Long.getLong("bench.pixel.grabPauseMicros", 0) * 1000L;
                // -Dbench.pixel.warmupChanges=N (default 10): toggles measured the same way first and reported apart, so the
                // first requests of the bench's write client and the mock API server's cold paths are not in the figures.
                int warmup = Integer.getInteger("bench.pixel.warmupChanges", 10);
                java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long samplerCpuBefore = 0;
                long logAtChanges = 0;
                long changesStart = 0;
                java.util.concurrent.ExecutorService writes = java.util.concurrent.Executors.newSingleThreadExecutor();
                for (int i = 0; i < warmup + changes; i++) {
                    boolean counted = i >= warmup;
                    if (i == warmup) {
                        result.put("load_average_before_changes", AppProcess.loadAverage());
                        benchGc = new GcPauses();
                        samplerCpuBefore = threads.getCurrentThreadCpuTime();
                        logAtChanges = Files.size(appLog);
                        changesStart = System.nanoTime();
                    }
                    cordon = !cordon;
                    int[] want = spot.state(cordon);
                    int[] other = spot.state(!cordon);
                    // The write goes out on its own thread and the sampler starts at once: the app may show the change
                    // before the API server's answer reaches the bench (at 100 nodes the answer often came later than
                    // the pixel, and a sampler that waited for it measured the round trip, not the app).
                    boolean cordonNow = cordon;
                    ProbeSpot.Watch watch = new ProbeSpot.Watch();
                    boolean neither = false;
                    long sent = System.nanoTime();
                    java.util.concurrent.CompletableFuture<Answer> write = java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> new Answer(toggle(writer, node, cordonNow), System.nanoTime()), writes);
                    long seen = 0;
                    long last = sent;
                    while (System.nanoTime() - sent < 3_000_000_000L) {
                        long before = System.nanoTime();
                        int[] now = ProbeSpot.pixels(robot.createScreenCapture(patch));
                        long after = System.nanoTime();
                        if (counted) {
                            grabTime.add(after - before);
                            worstGap = Math.max(worstGap, after - last);
                        }
                        last = after;
                        ProbeSpot.Seen state = ProbeSpot.classify(now, want, other);
                        neither |= state == ProbeSpot.Seen.NEITHER;
                        if (watch.grab(state, before - sent)) {
                            seen = before;
                            break;
                        }
                        if (watch.untimed()) {
                            break; // on screen before the first look (a broken probe, or a sampler that waited for a core), or from under a cover
                        }
                        if (grabPause > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(grabPause);
                        }
                    }
                    Answer answer = write.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    if (counted) {
                        firstAlreadyMatched += watch.firstAlreadyWanted() ? 1 : 0;
                        firstLate += watch.firstLate() ? 1 : 0;
                        sawNeither += neither ? 1 : 0;
                        if (seen == 0) {
                            shownFromCover += watch.shownFromCover() ? 1 : 0;
                            missed += watch.untimed() ? 0 : 1;
                        } else {
                            latency.add(seen - sent);
                        }
                        written.add(new LatencyBreakdown.Change(sent, answer.at(), answer.resourceVersion(), seen));
                    } else if (seen != 0) {
                        warmupLatency.add(seen - sent);
                    }
                    Thread.sleep(300 + (i * 37) % 200); // off the 60 Hz grid, so pulse phase is sampled evenly
                    if ((i + 1) % 20 == 0) {
                        progress.accept("pixel: " + (i + 1) + "/" + (warmup + changes) + " changes (" + warmup + " warm-up)");
                    }
                }
                writes.shutdownNow();
                benchGc = benchGc != null ? benchGc : new GcPauses();
                result.put("warmup_changes", warmup);
                result.put("warmup_write_to_pixel", warmupLatency.summary());
                result.put("changes", changes);
                result.put("first_grab_already_matched", firstAlreadyMatched);
                if (firstAlreadyMatched > 0) {
                    result.put("probe_broken", firstAlreadyMatched + " of " + changes + " changes already showed the new state in the"
                            + " first grab, taken within 5 ms of the write: the spot does not follow the node's state, so these"
                            + " changes are not timed and the figures below do not describe the screen");
                }
                // The first look came > 5 ms after the write (the sampler waited for a core) and found the change
                // already shown: not timed, and not a broken probe; a loaded machine's cost, counted here.
                result.put("first_grab_late_and_already_changed", firstLate);
                result.put("changes_with_a_grab_showing_neither_state", sawNeither);
                result.put("shown_from_under_a_cover_untimed", shownFromCover);
                result.put("not_seen_within_3s", missed);
                result.put("write_to_pixel", latency.summary());
                result.put("grab", grabTime.summary());
                result.put("sampler_worst_gap_ms", Samples.round(worstGap / 1e6));
                result.put("sampler_pause_between_grabs_us", grabPause / 1000);
                result.put("sampler_cpu_percent_of_one_core", Samples.round(
                        (threads.getCurrentThreadCpuTime() - samplerCpuBefore) / (double) (System.nanoTime() - changesStart) * 100));
                result.put("target_p99_ms", 50);
                result.put("load_average_after_changes", AppProcess.loadAverage());
                result.put("pods_deleted_by_churn", churn.stop());
                benchGc.close();
                if (traced) {
                    result.put("breakdown", traceHolding(trace, written).report(written, benchGc.pauses(), Math.max(3, changes / 50)));
                }
                if (countRenders) {
                    result.put("renders_during_changes", renders(appLog, logAtChanges, Files.size(appLog)).summary(changes));
                }
                int idleSeconds = Integer.getInteger("bench.pixel.idleSeconds", 60);
                if (idleSeconds <= 0) {
                    return result;
                }

                // -Dbench.pixel.idleAfterSeconds=N: measure the idle minute once the app has run N s (JIT warm).
                long idleAfter = Long.getLong("bench.pixel.idleAfterSeconds", 0) * 1_000_000_000L;
                long wait = spawned + idleAfter - System.nanoTime();
                if (wait > 0) {
                    progress.accept("pixel: waiting " + wait / 1_000_000_000L + " s before the idle minute");
                    Thread.sleep(wait / 1_000_000);
                }
                progress.accept("pixel: " + idleSeconds + " s idle for the app's CPU");
                long cpuBefore = AppProcess.cpuTicks(app.pid());
                Map<String, Long> threadsBefore = AppProcess.threadTicks(app.pid());
                Map<Long, ThreadWakeups.Named> switchesBefore = ThreadWakeups.read(app.pid());
                long logAtIdle = Files.size(appLog);
                long idleStart = System.nanoTime();
                Thread.sleep(idleSeconds * 1000L);
                long cpuAfter = AppProcess.cpuTicks(app.pid());
                // Wake-ups per thread over the same minute (session 11): a count the load does not change.
                result.put("idle_wakeups_by_thread", ThreadWakeups.between(switchesBefore, ThreadWakeups.read(app.pid())));
                if (countRenders) {
                    result.put("renders_during_idle", renders(appLog, logAtIdle, Files.size(appLog)).summary(0));
                }
                double idled = (System.nanoTime() - idleStart) / 1e9;
                result.put("idle_cpu_percent_of_one_core", Samples.round((cpuAfter - cpuBefore) / 100.0 / idled * 100));
                result.put("idle_cpu_by_thread_percent", AppProcess.topThreads(threadsBefore, AppProcess.threadTicks(app.pid()), idled, 8));
                result.put("idle_cpu_target_percent", 2);
                result.put("load_average_after_idle_minute", AppProcess.loadAverage());
                result.put("rss_mb", Samples.round(AppProcess.rssKb(app.pid()) / 1024.0));
                result.put("app_uptime_s", Samples.round((System.nanoTime() - spawned) / 1e9));
                if (traced) {
                    // Every pause of the app's collector, at rest and over the whole run (issue 20: each ≤ ~10 ms).
                    LatencyBreakdown gc = LatencyBreakdown.parse(Files.readAllLines(trace));
                    result.put("app_gc_pauses_during_idle", gc.appPauses(idleStart, System.nanoTime()));
                    result.put("app_gc_pauses_whole_run", gc.appPauses(spawned, System.nanoTime()));
                }
            } finally {
                app.destroy();
                app.waitFor();
            }
        }
        return result;
    }

    /**
     * The app's trace once it holds the last seen change's render, or as it is after 3 s. The trace is a
     * file another JVM appends to (each batch flushed as it comes), so the bench re-reads it every 20 ms
     * until the stamp is there rather than waiting a fixed time.
     */
    private static LatencyBreakdown traceHolding(Path trace, List<LatencyBreakdown.Change> written) throws IOException, InterruptedException {
        LatencyBreakdown.Change last = null;
        for (LatencyBreakdown.Change c : written) {
            last = c.seen() != 0 ? c : last;
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            LatencyBreakdown b = LatencyBreakdown.parse(Files.exists(trace) ? Files.readAllLines(trace) : List.of());
            if (last == null || b.points(last)[LatencyBreakdown.STAGES.size() - 1] >= 0 || System.nanoTime() > deadline) {
                return b;
            }
            Thread.sleep(20);
        }
    }

    /** The pulse logger's blocks the app printed between two sizes of its log. */
    private static PulseLogCounts renders(Path log, long from, long to) throws IOException {
        byte[] all = Files.readAllBytes(log);
        int end = (int) Math.min(to, all.length);
        int start = (int) Math.min(from, end);
        return PulseLogCounts.count(new String(all, start, end - start, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Waits until the workload's pods are all Running and Ready (at most {@code -Dbench.pixel.settleSeconds}, 900):
     * the figure is for a cluster with its pods drawn on the cards. The rehearsal rack writes every scheduling,
     * start and readiness over HTTP, so 3,000 pods on 100 nodes take minutes to settle; measured without this wait,
     * session 8's 100-node runs had most pods still Pending (no tiles on the cards, nothing to animate).
     */
    private static void settle(KubernetesClient client, int demoPods, Map<String, Object> result, Consumer<String> progress)
            throws InterruptedException {
        long start = System.nanoTime();
        long cap = Long.getLong("bench.pixel.settleSeconds", 900);
        progress.accept("pixel: waiting for the rack's " + demoPods + " pods to be Ready (at most " + cap + " s)");
        // Told by a watch (fabric8's informer), not by polling the list. The Ready pods are counted as each one
        // changes: informOnCondition re-checked all 3,000 on every event, ~29 % of this JVM's CPU while it settled,
        // which is the rehearsal rack's JVM too (simfast9).
        java.util.Set<String> ready = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch settled = new java.util.concurrent.CountDownLatch(1);
        try (var informer = client.pods().inNamespace("demo").inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(io.fabric8.kubernetes.api.model.Pod pod) {
                count(pod);
            }

            @Override
            public void onUpdate(io.fabric8.kubernetes.api.model.Pod before, io.fabric8.kubernetes.api.model.Pod pod) {
                count(pod);
            }

            @Override
            public void onDelete(io.fabric8.kubernetes.api.model.Pod pod, boolean finalStateUnknown) {
                ready.remove(pod.getMetadata().getName());
            }

            private void count(io.fabric8.kubernetes.api.model.Pod pod) {
                if (ready(pod)) {
                    ready.add(pod.getMetadata().getName());
                } else {
                    ready.remove(pod.getMetadata().getName());
                }
                if (ready.size() >= demoPods) {
                    settled.countDown();
                }
            }
        })) {
            settled.await(cap, java.util.concurrent.TimeUnit.SECONDS);
        }
        List<io.fabric8.kubernetes.api.model.Pod> pods = client.pods().inNamespace("demo").list().getItems();
        result.put("cluster_settled_after_s", Samples.round((System.nanoTime() - start) / 1e9));
        result.put("demo_pods_ready_before_the_app", pods.stream().filter(PixelProbeBench::ready).count() + " of " + pods.size()
                + " (" + demoPods + " wanted)");
    }

    private static boolean ready(io.fabric8.kubernetes.api.model.Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The API server's answer to a write: the node's new resourceVersion, and when the answer came (nanoTime). */
    private record Answer(String resourceVersion, long at) {
    }

    /**
     * Cordons or uncordons {@code node} with one PATCH, as {@code kubectl cordon} does; the node's new
     * resourceVersion. Until session 10 the write was {@code withName(node).patch(context, String)}, which in
     * fabric8 GETs the node before it patches: a read's round trip timed before the state changed.
     * {@code -Dbench.pixel.readBeforeWrite=true} measures that way again.
     */
    static String toggle(KubernetesClient writer, String node, boolean cordon) {
        return toggle(writer, node, cordon, Boolean.getBoolean("bench.pixel.readBeforeWrite"));
    }

    /** As {@link #toggle(KubernetesClient, String, boolean)}; {@code readFirst}: fabric8's GET, then the PATCH. */
    static String toggle(KubernetesClient writer, String node, boolean cordon, boolean readFirst) {
        String patch = "[{\"op\":\"add\",\"path\":\"/spec/unschedulable\",\"value\":" + cordon + "}]";
        var target = readFirst ? writer.nodes().withName(node)
                : writer.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName(node)
                        .endMetadata().build());
        return target.patch(PatchContext.of(PatchType.JSON), patch).getMetadata().getResourceVersion();
    }

    private static BufferedImage[] grabs(Robot robot, Rectangle screen, int n) throws InterruptedException {
        BufferedImage[] images = new BufferedImage[n];
        for (int i = 0; i < n; i++) {
            images[i] = robot.createScreenCapture(screen);
            Thread.sleep(230);
        }
        return images;
    }

    private static Rectangle area(String spec, Rectangle screen) {
        if (spec == null || spec.isBlank()) {
            return screen;
        }
        String[] f = spec.trim().split("\\s*,\\s*");
        return new Rectangle(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]));
    }

    /** The whole screen with every candidate framed: the spot red, verified yellow, rejected magenta; the area searched in grey. */
    private static void markCandidates(BufferedImage screen, List<ProbeSpot.Candidate> found, ProbeSpot.Verifier verifier,
                                       ProbeSpot.Candidate spot, Rectangle area, Path file) throws IOException {
        BufferedImage copy = new BufferedImage(screen.getWidth(), screen.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = copy.createGraphics();
        g.drawImage(screen, 0, 0, null);
        g.setStroke(new java.awt.BasicStroke(2));
        g.setColor(java.awt.Color.GRAY);
        g.drawRect(area.x, area.y, area.width - 1, area.height - 1);
        for (ProbeSpot.Candidate c : found) {
            boolean verified = verifier != null && verifier.verified().contains(c);
            g.setColor(c == spot ? java.awt.Color.RED : verified ? java.awt.Color.YELLOW : java.awt.Color.MAGENTA);
            int pad = c == spot ? 8 : 4;
            g.drawRect(c.x() - pad, c.y() - pad, ProbeSpot.PATCH + 2 * pad, ProbeSpot.PATCH + 2 * pad);
        }
        g.dispose();
        javax.imageio.ImageIO.write(copy, "png", file.toFile());
    }

    /** A 160×100 crop around the spot, drawn ×3, with the spot in a red frame. */
    private static void markSpot(Robot robot, Rectangle screen, ProbeSpot.Candidate spot, Path file) throws IOException {
        int w = 160;
        int h = 100;
        int x0 = Math.max(0, Math.min(screen.width - w, spot.x() - w / 2));
        int y0 = Math.max(0, Math.min(screen.height - h, spot.y() - h / 2));
        BufferedImage crop = robot.createScreenCapture(new Rectangle(x0, y0, w, h));
        int scale = 3;
        BufferedImage big = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = big.createGraphics();
        g.drawImage(crop, 0, 0, w * scale, h * scale, null);
        g.setColor(java.awt.Color.RED);
        g.setStroke(new java.awt.BasicStroke(2));
        g.drawRect((spot.x() - x0) * scale - 3, (spot.y() - y0) * scale - 3, ProbeSpot.PATCH * scale + 6, ProbeSpot.PATCH * scale + 6);
        g.drawString("probe " + spot.at(), 4, h * scale - 6);
        g.dispose();
        javax.imageio.ImageIO.write(big, "png", file.toFile());
    }

    static String kubeconfig(String apiUrl) {
        return "apiVersion: v1\nkind: Config\ncurrent-context: rehearsal\nclusters:\n- name: rehearsal\n  cluster:\n    server: "
                + apiUrl + "\ncontexts:\n- name: rehearsal\n  context:\n    cluster: rehearsal\n    user: bench\nusers:\n- name: bench\n"
                + "  user:\n    token: bench\n";
    }
}
