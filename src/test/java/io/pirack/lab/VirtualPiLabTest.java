package io.pirack.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.Taint;
import io.pirack.core.rack.LinkState;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.app.JsonFileStore;
import io.pirack.kube.ClusterConnection;
import io.pirack.kube.ClusterStore;
import io.pirack.kube.ClusterWatcher;
import io.pirack.plug.ApiEndpoint;
import io.pirack.plug.ApiPartitionStrategy;
import io.pirack.concurrent.Background;
import io.pirack.core.plug.PlugState;
import io.pirack.frames.FramePublisher;
import io.pirack.plug.PiExecutors;
import io.pirack.plug.PlugController;
import io.pirack.core.net.ApplyStage;
import io.pirack.core.net.CheckResult;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.net.DoctorChecks;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.net.BoothNetwork;
import io.pirack.net.RemoteChecks;
import io.pirack.net.NetworkApplyService;
import io.pirack.net.PrivilegedRunner;
import io.pirack.net.SshPiDhcpRebinder;
import io.pirack.net.StaticLeaseWriter;
import io.pirack.net.SystemProcessRunner;
import io.pirack.plug.PlugException;
import io.pirack.plug.PlugListener;
import io.pirack.plug.PlugStatus;
import io.pirack.plug.PlugStrategies;
import io.pirack.plug.StopAgentStrategy;
import io.pirack.probe.LinkMonitor;
import io.pirack.probe.TcpProbe;
import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SudoersSnippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The failover story end to end on the virtual Pi lab: real namespaces, a real link, real sshd, sudo,
 * DHCP and iptables, PiRack's own link monitor, informers and plug strategies. Each scenario prints one
 * {@code LAB PASS|FAIL|SKIP <scenario> <seconds> s <detail>} line. Run with {@code ./mvnw -Plab verify}.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VirtualPiLabTest {

    static final int PIS = 4;
    /**
     * The rack's dead-man delay: longer than the lab's whole failover (grace 10 s + toleration 5 s + the
     * replacements) plus a slow pull on a lossy Pi. With 15 s, rpi2's timer restored it before the lossy
     * rpi3's pull had made rpi3 NotReady (silent-and-lossy never saw both down at once).
     */
    static final int DEAD_MAN_SECONDS = 60;
    /** The delay the killed PiRack process arms in stop-agent, so the dead-man's restore is seen quickly. */
    static final int KILLED_DEAD_MAN_SECONDS = 15;
    static final SimTimings TIMINGS = SimTimings.demoTuned();
    static final Duration STEP = Duration.ofSeconds(90);
    /** Lab vs rehearsal rack, from the last heartbeat: a lease renewal + a monitor period, plus process start-up. */
    static final double DRILL_TOLERANCE_SECONDS = 6;
    static final int DRILL_TIMEOUT_SECONDS = 150;
    /** A generous liveness bound for the UI thread (no speed claim): a click or a frame gap longer than this is a hang. */
    static final double UI_LIVENESS_SECONDS = 2.0;
    /** A lossy but connected Pi's link LED may go dark this often in the silent-and-lossy scenario, no more. */
    static final long MAX_LOSSY_FLICKERS = 2;

    private String skip;
    private LabApi api;
    private VirtualLab lab;
    private KubernetesClient client;
    private ClusterStore store;
    private ClusterWatcher watcher;
    private LinkMonitor links;
    private SshRemoteShell shell;
    private SshConfigResolver targets;
    private RackSpec rack;
    private StopAgentStrategy stopAgent;
    private ApiPartitionStrategy partition;
    private final List<LinkState> linkChanges = new CopyOnWriteArrayList<>();
    private final Map<String, String> results = new ConcurrentHashMap<>();

    @BeforeAll
    void bringUpTheLab() throws Exception {
        skip = VirtualLab.unavailable().orElse(null);
        if (skip != null) {
            return;
        }
        VirtualLab.downQuietly();
        List<PiSlot> slots = new ArrayList<>();
        for (int i = 1; i <= PIS; i++) {
            slots.add(new PiSlot("rpi" + i, i == 1 ? NodeRole.CONTROL_PLANE : NodeRole.WORKER,
                    String.format("b8:27:eb:77:00:%02x", i), "10.77.0." + (10 + i), "pi", 22, null,
                    PlugMethod.STOP_AGENT, null, 0, 0));
        }
        rack = new RackSpec("lab", slots, "10.77.0.0/24", PlugMethod.STOP_AGENT, null, DEAD_MAN_SECONDS);
        Path sudoers = Files.createTempDirectory("lab-sudoers");
        // Strategies only to render the sudoers snippet first (no SSH needed for that).
        SshConfigResolver none = SshConfigResolver.parse("", sudoers, "root");
        StopAgentStrategy snippetStop = new StopAgentStrategy((t, c, d) -> null, none, () -> DEAD_MAN_SECONDS, Duration.ofSeconds(30));
        ApiEndpoint endpoint = ApiEndpoint.fromServerUrl(LabApi.url()).orThrow();
        ApiPartitionStrategy snippetPartition = new ApiPartitionStrategy((t, c, d) -> null, none, endpoint,
                () -> DEAD_MAN_SECONDS, Duration.ofSeconds(30));
        for (PiSlot slot : slots) {
            List<RemoteCommand> commands = new ArrayList<>(snippetStop.sudoCommands(slot));
            commands.addAll(snippetPartition.sudoCommands(slot));
            // pirack drill arms its own dead-man delay (timeout + 60 s), not the rack's, so the rack's snippet
            // alone makes sudo ask for a password (found by the drill scenario); allow the drill's delay too.
            commands.addAll(new StopAgentStrategy((t, c, d) -> null, none, () -> DRILL_TIMEOUT_SECONDS + 60,
                    Duration.ofSeconds(30)).sudoCommands(slot));
            // Only PiRack's snippet: it allows the rebind helper the static-ips scenario runs (sudo -n pirack-rebind eth0).
            Files.writeString(sudoers.resolve(slot.hostname()), SudoersSnippet.render("pi", commands));
        }
        lab = VirtualLab.up(PIS, VirtualLab.pirackCommand(), List.of("--api", LabApi.url(), "--sudoers", sudoers.toString()));
        api = LabApi.start(PIS, VirtualLab.LOGS.resolve("rehearse-kubeconfig.yaml").toAbsolutePath());

        client = ClusterConnection.forUrl(LabApi.url());
        store = new ClusterStore(Clock.systemUTC(), "lab");
        watcher = new ClusterWatcher(client, store, Clock.systemUTC());
        watcher.start();
        links = new LinkMonitor(Clock.systemUTC());
        links.addListener(linkChanges::add);
        for (PiSlot slot : slots) {
            links.probe(slot.hostname(), slot.ip(), 22, TcpProbe.socket());
        }
        shell = SshRemoteShell.forHome(lab.home(), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE);
        targets = SshConfigResolver.load(lab.home().resolve(".ssh/config"), lab.home(), "root");
        stopAgent = new StopAgentStrategy(shell, targets, () -> DEAD_MAN_SECONDS, Duration.ofSeconds(30));
        partition = new ApiPartitionStrategy(shell, targets, endpoint, () -> DEAD_MAN_SECONDS, Duration.ofSeconds(30));
        awaitSteady(Duration.ofSeconds(180));
    }

    @AfterAll
    void tearDown() throws Exception {
        if (skip != null) {
            return;
        }
        closeQuietly(links);
        closeQuietly(watcher);
        closeQuietly(shell);
        closeQuietly(client);
        closeQuietly(api);
        if (lab != null) {
            VirtualLab.downQuietly();
        }
    }

    // ---- scenarios ---------------------------------------------------------------------------

    @Test
    @Order(1)
    void cablePullDarkensTheLinkAtOnceAndKubernetesMovesThePods() throws Exception {
        scenario("cable-pull", () -> {
            String pi = "rpi3";
            Instant pulled = lab.cable(pi, false);
            try {
                return cablePull(pi, pulled);
            } finally {
                lab.cable(pi, true);
            }
        });
    }

    private String cablePull(String pi, Instant pulled) throws Exception {
        LinkState dark = awaitLink(pi, false, pulled);
        double darkAfter = seconds(pulled, dark.since());
        assertTrue(darkAfter <= 1.0, "link LED dark after " + darkAfter + " s, more than 1 s");
        await(pi + " NotReady", s -> notReady(s, pi));
        Instant notReadyAt = Instant.now();
        double graceSeen = seconds(pulled, notReadyAt);
        double grace = TIMINGS.nodeMonitorGracePeriod().toSeconds();
        double renew = TIMINGS.leaseRenewInterval().toSeconds();
        assertTrue(graceSeen >= grace - renew - 0.5, pi + " went NotReady " + graceSeen + " s after the pull, before the grace period");
        await(pi + " tainted NoExecute", s -> s.node(pi).orElseThrow().taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).isPresent());
        double noExecuteAt = seconds(pulled, Instant.now());
        await("the demo pods replaced off " + pi, s -> demoReadyOff(s, pi));
        double replacedAt = seconds(pulled, Instant.now());
        Instant back = lab.cable(pi, true);
        awaitLink(pi, true, back);
        await(pi + " Ready again", s -> s.node(pi).orElseThrow().ready() == ConditionStatus.TRUE);
        double readyAgain = seconds(back, Instant.now());
        return String.format("link dark %.2f s, NotReady %.1f s, NoExecute %.1f s, pods replaced %.1f s, Ready %.1f s after cable back",
                darkAfter, graceSeen, noExecuteAt, replacedAt, readyAgain);
    }

    @Test
    @Order(2)
    void stopAgentOverRealSshStopsTheKubeletAndTheDeadManBringsItBack() throws Exception {
        scenario("stop-agent", () -> {
            String pi = "rpi2";
            PiSlot slot = slot(pi);
            Instant pulled = Instant.now();
            stopAgent.pull(slot);
            try {
                return stopAgent(pi, slot, pulled);
            } finally {
                stopAgent.restore(slot);
            }
        });
    }

    private String stopAgent(String pi, PiSlot slot, Instant pulled) throws Exception {
        assertFalse(kubeletRunning(pi), "the kubelet process still runs after the pull");
        await(pi + " NotReady", s -> notReady(s, pi));
        double notReadyAt = seconds(pulled, Instant.now());
        assertEquals(Boolean.TRUE, links.states().get(pi).up(), "SSH (the link LED) stays up with the agent stopped");
        PlugStatus pulledStatus = stopAgent.status(slot);
        assertTrue(pulledStatus.unplugged() && pulledStatus.deadManArmed(), "status after the pull: " + pulledStatus);
        stopAgent.restore(slot);
        await(pi + " Ready after restore", s -> s.node(pi).orElseThrow().ready() == ConditionStatus.TRUE);
        double restoredAt = seconds(pulled, Instant.now());
        assertFalse(stopAgent.status(slot).deadManArmed(), "restore leaves the dead-man timer armed");

        // PiRack dies right after a pull: the Pi's own dead-man timer restarts the kubelet.
        Instant pulledAgain = Instant.now();
        Process pirack = pirackCli(List.of("plug", "pull", pi, "--method", "stop-agent", "--dead-man", Integer.toString(KILLED_DEAD_MAN_SECONDS)));
        awaitTrue("the kubelet on " + pi + " stopped by the PiRack process", () -> !kubeletRunning(pi));
        pirack.destroyForcibly();  // kill -9
        pirack.waitFor();
        await(pi + " NotReady with PiRack gone", s -> notReady(s, pi));
        await(pi + " Ready again by its dead-man timer", s -> s.node(pi).orElseThrow().ready() == ConditionStatus.TRUE);
        double deadManAt = seconds(pulledAgain, Instant.now());
        assertTrue(deadManAt >= KILLED_DEAD_MAN_SECONDS - 1, "Ready again " + deadManAt + " s after the pull, before the dead-man delay");
        String status = cliOutput(List.of("plug", "status", pi, "--method", "stop-agent"));
        assertTrue(status.contains(pi + ": plugged in"), "a restarted PiRack shows: " + status);
        return String.format("NotReady %.1f s, restored and Ready %.1f s after the pull; PiRack killed: dead-man restored it at %.1f s; restarted PiRack: %s",
                notReadyAt, restoredAt, deadManAt, status.strip());
    }

    @Test
    @Order(3)
    void apiPartitionRejectsOnlyTheApiWhileTheLinkStaysGreen() throws Exception {
        scenario("api-partition", () -> {
            String pi = "rpi4";
            PiSlot slot = slot(pi);
            String before = iptablesRules(pi);
            Instant pulled = Instant.now();
            partition.pull(slot);
            try {
                return partitioned(pi, slot, before, pulled);
            } finally {
                partition.restore(slot);
            }
        });
    }

    private String partitioned(String pi, PiSlot slot, String before, Instant pulled) throws Exception {
        String during = iptablesRules(pi);
        assertTrue(during.contains("-j REJECT") && during.contains(ApiPartitionStrategy.RULE_COMMENT), "no REJECT rule: " + during);
        await(pi + " NotReady", s -> notReady(s, pi));
        double notReadyAt = seconds(pulled, Instant.now());
        assertEquals(Boolean.TRUE, links.states().get(pi).up(), "the link LED stays green during an API partition");
        assertTrue(linkChanges.stream().noneMatch(l -> l.node().equals(pi) && Boolean.FALSE.equals(l.up())
                && l.since().isAfter(pulled)), "the link went dark during the partition");
        partition.restore(slot);
        assertEquals(before, iptablesRules(pi), "restore must leave exactly the rules that were there before");
        await(pi + " Ready after restore", s -> s.node(pi).orElseThrow().ready() == ConditionStatus.TRUE);
        return String.format("REJECT rule in the Pi, NotReady %.1f s with the link green, Ready %.1f s after the pull; rules restored exactly",
                notReadyAt, seconds(pulled, Instant.now()));
    }

    @Test
    @Order(4)
    void aSilentPiAndALossyPiDoNotStopTheOthersAndTheSilentOneFailsInOneSentence() throws Exception {
        scenario("silent-and-lossy", () -> {
            lab.silent("rpi4", true);
            lab.netem("rpi3", "loss 30%");
            Instant start = Instant.now();
            try {
                return silentAndLossy(start);
            } finally {
                lab.silent("rpi4", false);
                lab.netem("rpi3", "clear");
            }
        });
    }

    /**
     * The app's own wiring: a {@link PlugController} with one serial lane per Pi ({@link PiExecutors#threadPerPi}),
     * clicked from a UI thread, and a {@link FramePublisher} delivering frames to it. "The UI stays responsive"
     * is measured there: each click returns to the UI thread at once, and frames keep arriving while rpi4 hangs.
     */
    private String silentAndLossy(Instant start) throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor(Background.daemon("lab-ui"));  // stands in for the FX thread
        List<Long> frameNanos = new CopyOnWriteArrayList<>();
        List<Long> clickNanos = new CopyOnWriteArrayList<>();
        try (PiExecutors.PerPi lanes = PiExecutors.threadPerPi("lab-plug")) {
            PlugController controller = new PlugController(() -> rack, List.of(stopAgent), lanes, Clock.systemUTC(), PlugListener.NONE);
            try (FramePublisher frames = new FramePublisher(store, links, () -> rack, () -> plugWords(controller), ui::execute)) {
                frames.subscribe(frame -> frameNanos.add(System.nanoTime()));
                CompletableFuture<PlugState> silent = click(ui, clickNanos, () -> controller.pull("rpi4"));
                Instant[] silentEnded = new Instant[1];
                long[] silentEndedNanos = new long[1];
                silent.whenComplete((state, failure) -> {
                    silentEndedNanos[0] = System.nanoTime();
                    silentEnded[0] = Instant.now();
                });
                List<String> pullTimes = new ArrayList<>();
                Map<String, CompletableFuture<PlugState>> pulls = new java.util.LinkedHashMap<>();
                for (String pi : List.of("rpi2", "rpi3")) {
                    pulls.put(pi, click(ui, clickNanos, () -> controller.pull(pi)));
                }
                for (Map.Entry<String, CompletableFuture<PlugState>> pull : pulls.entrySet()) {
                    PlugState state = pull.getValue().get(60, TimeUnit.SECONDS);
                    assertTrue(state instanceof PlugState.Unplugged, pull.getKey() + " after its pull: " + state.describe());
                    pullTimes.add(String.format("%s %.1f s", pull.getKey(), seconds(start, Instant.now())));
                    assertFalse(kubeletRunning(pull.getKey()), "the kubelet on " + pull.getKey() + " still runs after its pull");
                }
                await("rpi2 and rpi3 NotReady while rpi4 is silent", s -> notReady(s, "rpi2") && notReady(s, "rpi3"));
                double pulledAt = seconds(start, Instant.now());
                List<CompletableFuture<PlugState>> restores = new ArrayList<>();
                for (String pi : List.of("rpi2", "rpi3")) {
                    restores.add(click(ui, clickNanos, () -> controller.restore(pi)));
                }
                for (CompletableFuture<PlugState> restore : restores) {
                    restore.get(60, TimeUnit.SECONDS);
                }
                await("rpi2 and rpi3 Ready after restore", s -> !notReady(s, "rpi2") && !notReady(s, "rpi3"));
                double restoredAt = seconds(start, Instant.now());

                String error;
                try {
                    silent.get(PlugStrategies.COMMAND_TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
                    throw new AssertionError("pulling the silent rpi4 did not fail");
                } catch (java.util.concurrent.ExecutionException e) {
                    error = e.getCause().getMessage();
                }
                double silentAt = seconds(start, silentEnded[0]);
                assertEquals(1, error.strip().lines().count(), "the silent Pi's error is one sentence: " + error);
                assertTrue(error.contains("rpi4") && !error.contains("Exception") && !error.contains("\tat "),
                        "the silent Pi's error names it, without a stack trace: " + error);
                assertTrue(controller.state("rpi4") instanceof PlugState.Failed, "rpi4 shows its failure: " + controller.state("rpi4"));
                assertTrue(kubeletRunning("rpi4"), "the silent Pi's kubelet was touched");

                // The UI: every click came back at once, and frames kept coming while rpi4 hung.
                double slowestClick = clickNanos.stream().mapToLong(Long::longValue).max().orElseThrow() / 1e9;
                assertTrue(slowestClick < UI_LIVENESS_SECONDS, "a click held the UI thread for " + slowestClick + " s");
                long startNanos = frameNanos.get(0);
                double widestGap = 0;
                long previous = startNanos;
                int framesWhileSilent = 0;
                for (long at : frameNanos) {
                    if (at > silentEndedNanos[0]) {
                        break;
                    }
                    widestGap = Math.max(widestGap, (at - previous) / 1e9);
                    previous = at;
                    framesWhileSilent++;
                }
                assertTrue(widestGap < UI_LIVENESS_SECONDS, "no frame reached the UI for " + widestGap + " s while rpi4 hung");
                long lossyFlaps = linkChanges.stream().filter(l -> l.node().equals("rpi3") && l.since().isAfter(start)
                        && Boolean.FALSE.equals(l.up())).count();
                // Before the confirmed-miss check: 8-16 dark spells in such a run. A rare one is the price of "dark within 1 s".
                assertTrue(lossyFlaps <= MAX_LOSSY_FLICKERS, "rpi3's link LED went dark " + lossyFlaps + " times at 30 % loss");
                return String.format("rpi2 + lossy rpi3 pulled (%s; NotReady %.1f s) and restored (Ready %.1f s) while rpi4 was silent; "
                        + "rpi4 failed after %.1f s: \"%s\"; UI: slowest click %.3f s, %d frames, widest gap %.2f s; "
                        + "rpi3's link LED went dark %d times at 30 %% loss",
                        String.join(", ", pullTimes), pulledAt, restoredAt, silentAt, error.strip(), slowestClick,
                        framesWhileSilent, widestGap, lossyFlaps);
            }
        } finally {
            ui.shutdownNow();
        }
    }

    /** The fingerprint of a lab Pi's host key, as the presenter reads it off the Pi ({@code ssh-keygen -lf}). */
    private String hostKeyFingerprint(String pi) {
        try {
            return VirtualLab.exec(List.of("ssh-keygen", "-lf", lab.piDir(pi).resolve("ssh_host_ed25519_key.pub").toString()),
                    Duration.ofSeconds(20)).strip().split(" ")[1];
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Runs a click on the UI thread and records how long the UI thread was held. */
    private static CompletableFuture<PlugState> click(ExecutorService ui, List<Long> held,
                                                      java.util.function.Supplier<CompletableFuture<PlugState>> action) throws Exception {
        return ui.submit(() -> {
            long t0 = System.nanoTime();
            CompletableFuture<PlugState> started = action.get();
            held.add(System.nanoTime() - t0);
            return started;
        }).get(30, TimeUnit.SECONDS);
    }

    /** What the app's status words show per Pi ({@code PlugService.stateWords}): every Pi not plugged in. */
    private static Map<String, String> plugWords(PlugController controller) {
        Map<String, String> words = new java.util.TreeMap<>();
        controller.states().forEach((node, state) -> {
            if (!(state instanceof PlugState.Plugged)) {
                words.put(node, state.describe());
            }
        });
        return words;
    }

    @Test
    @Order(5)
    void drillOnTheLabRecoversWithTheRehearsalRacksMilestones() throws Exception {
        scenario("drill", () -> {
            spreadDemoPodsOnto("rpi3");
            Path home = Files.createTempDirectory("lab-pirack-home");
            new JsonFileStore<>(home.resolve("rack.json"), RackSpec.class, () -> rack, Clock.systemUTC()).save(rack);
            Path kubeconfig = home.resolve("kubeconfig");
            Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\ncurrent-context: lab\n"
                    + "clusters:\n- name: lab\n  cluster:\n    server: " + LabApi.url() + "\n"
                    + "contexts:\n- name: lab\n  context:\n    cluster: lab\n    user: lab\n"
                    + "users:\n- name: lab\n  user:\n    token: lab\n");
            JsonNode onLab = drillJson(List.of("-Dpirack.home=" + home), List.of("drill", "--kubeconfig", kubeconfig.toString(),
                    "--context", "lab", "--node", "rpi3", "--strategy", "stop-agent", "--timeout", Integer.toString(DRILL_TIMEOUT_SECONDS), "--json"));
            JsonNode onRack = drillJson(List.of("-Dpirack.home=" + home.resolve("sim")), List.of("drill", "--sim", "--node", "rpi3",
                    "--tuning", "demo", "--time-scale", "4", "--timeout", Integer.toString(DRILL_TIMEOUT_SECONDS), "--json"));
            assertTrue(onLab.path("recovered").asBoolean(), "the drill on the lab did not recover: " + onLab.path("failureReason"));
            // Offsets from the last heartbeat: the lab's drill starts its clock before the SSH round trips of the
            // pull, the rehearsal rack's at the simulated power cut. linkLost is the rehearsal rack's power strategy
            // only: stop-agent keeps the link (and SSH) up.
            double labBase = onLab.path("milestones").path("lastHeartbeat").path("offsetSeconds").asDouble();
            double rackBase = onRack.path("milestones").path("lastHeartbeat").path("offsetSeconds").asDouble();
            List<String> compared = new ArrayList<>();
            for (Map.Entry<String, JsonNode> m : onRack.path("milestones").properties()) {
                if (m.getKey().equals("linkLost") || m.getKey().equals("lastHeartbeat")) {
                    continue;
                }
                JsonNode labMilestone = onLab.path("milestones").path(m.getKey());
                // A milestone not seen is written as "offsetSeconds": null — not a 0 to compare (found when the lab's
                // pull took 5.5 s under load: nodeBack, unseen on both racks, compared as -5.5 s against 1.3 s).
                boolean onRackSeen = m.getValue().path("offsetSeconds").isNumber();
                assertEquals(onRackSeen, labMilestone.path("offsetSeconds").isNumber(), "milestone " + m.getKey() + " seen on one rack only");
                if (onRackSeen) {
                    double rackAt = m.getValue().path("offsetSeconds").asDouble() - rackBase;
                    double labAt = labMilestone.path("offsetSeconds").asDouble() - labBase;
                    assertTrue(Math.abs(labAt - rackAt) <= DRILL_TOLERANCE_SECONDS, String.format(
                            "milestone %s %.1f s after the last heartbeat on the lab, %.1f s on the rehearsal rack", m.getKey(), labAt, rackAt));
                    compared.add(String.format("%s %.1f/%.1f", m.getKey(), labAt, rackAt));
                }
            }
            return "recovered; milestones after the last heartbeat, lab/rehearsal s: " + String.join(", ", compared);
        });
    }

    @Test
    @Order(6)
    void powerPullKillsThePiAndPowerBackBootsItIntoTheRack() throws Exception {
        scenario("power-pull", () -> {
            String pi = "rpi4";
            Instant off = Instant.now();
            lab.power(pi, false);
            try {
                awaitLink(pi, false, off);
                double darkAt = seconds(off, Instant.now());
                await(pi + " NotReady with its power off", s -> notReady(s, pi));
                double notReadyAt = seconds(off, Instant.now());
                assertEquals("", lab.pids(pi), "processes left in the Pi after the power cut");
                Instant on = Instant.now();
                lab.power(pi, true);
                awaitLink(pi, true, on);
                double sshAt = seconds(on, Instant.now());
                await(pi + " Ready after booting", s -> s.node(pi).orElseThrow().ready() == ConditionStatus.TRUE);
                double readyAt = seconds(on, Instant.now());
                assertTrue(lab.inPi(pi, "ip", "-4", "-o", "addr", "show", "eth0").contains(lab.ip(pi) + "/24"),
                        pi + " did not get its address back from DHCP");
                return String.format("link dark %.1f s and NotReady %.1f s after the cut; after power on: SSH up %.1f s, "
                        + "DHCP address back, Ready %.1f s", darkAt, notReadyAt, sshAt, readyAt);
            } finally {
                if (lab.pids(pi).isEmpty()) {
                    lab.power(pi, true);
                }
            }
        });
    }

    /**
     * Scenario 4, on the running lab, with the lab's own dhcp-host lines gone (as on a booth laptop) and rpi3's
     * DHCP client sending a DUID client identifier, so it lands on a dynamic address: PiRack discovers the Pis
     * (the lab dnsmasq's lease file + the neighbour table, read by PiRack's own Linux collector), the live
     * doctor FAILs rpi3's client identifier, the presenter plans rpi4 on a new address, PiRack writes its
     * {@code dhcp-host} file ({@code id:*}) through its NetworkManager-shared path (pointed at the lab's
     * conf-dir; the lab's dnsmasq restarted as NetworkManager would) and releases/rebinds rpi3 and rpi4 over
     * SSH: busybox udhcpc gets each planned address. Runs last: rpi4 stays on its new address.
     */
    @Test
    @Order(7)
    void staticIpsArePlannedWrittenAndEveryPiEndsOnItsPlannedAddress() throws Exception {
        scenario("static-ips", () -> {
            Path root = Files.createTempDirectory("lab-booth-root");
            Files.createDirectories(root.resolve("etc/NetworkManager"));
            Files.createDirectories(root.resolve("var/lib"));
            // The booth laptop's NetworkManager paths, here the lab's: its leases and its dnsmasq conf-dir.
            Files.createSymbolicLink(root.resolve("etc/NetworkManager/dnsmasq-shared.d"), VirtualLab.DIR.resolve("dnsmasq-shared.d"));
            Files.createSymbolicLink(root.resolve("var/lib/NetworkManager"), VirtualLab.DIR);
            // The lab dnsmasq's own --conf-dir, where the doctor reads the dhcp-host lines of a dnsmasq started by hand.
            Files.createDirectories(root.resolve("run"));
            Files.createSymbolicLink(root.resolve(VirtualLab.DIR.toString().substring(1)), VirtualLab.DIR);
            // PiRack's file is the only static configuration, as on a booth laptop (the lab's own entries go).
            lab.clearStaticEntries();
            BoothNetwork booth = new BoothNetwork(new SystemProcessRunner(), root, HostSnapshot.Platform.LINUX, Optional.of(shell),
                    TcpProbe.socket(), Clock.systemUTC(), NetworkApplyService.Pause.sleeping(), BoothNetwork.configured(targets));
            // rpi3's DHCP client now sends a DUID client identifier (dhcpcd's default): no MAC entry matches it any more.
            lab.duidClientId("rpi3", true);
            try {
                HostSnapshot snapshot = booth.capture(Optional.of(rack));
                List<DiscoveredPi> found = booth.discover(snapshot);
                Map<String, Ipv4Address> current = new java.util.TreeMap<>();
                for (DiscoveredPi pi : found) {
                    rack.slots().stream().filter(sl -> pi.mac().canonical().equalsIgnoreCase(sl.mac())).findFirst()
                            .ifPresent(sl -> pi.currentIp().ifPresent(ip -> current.put(sl.hostname(), ip)));
                }
                assertEquals(PIS, current.size(), "PiRack discovered " + found);
                assertEquals("10.77.0.14", current.get("rpi4").toString());
                // The doctor, live on the same snapshot, catches it.
                DoctorReport doctor = booth.report(snapshot, true);
                List<CheckResult> clientIds = doctor.checks().stream().filter(c -> c.id().startsWith(DoctorChecks.CLIENT_ID)).toList();
                CheckResult caught = clientIds.stream().filter(c -> c.id().equals(DoctorChecks.CLIENT_ID + ":rpi3")).findFirst()
                        .orElseThrow(() -> new AssertionError("the doctor did not name rpi3's client identifier: " + clientIds));
                assertEquals(CheckStatus.FAIL, caught.status(), caught.toString());

                String planned = "10.77.0.34";
                List<PiSlot> slots = rack.slots().stream().map(sl -> sl.hostname().equals("rpi4") ? sl.withIp(planned) : sl).toList();
                RackSpec plan = rack.withSlots(slots);
                StaticLeaseWriter writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.DNSMASQ_HOSTS,
                        PrivilegedRunner.pkexec(new SystemProcessRunner(), "/usr/bin/env", Duration.ofSeconds(60)), Clock.systemUTC(),
                        lab.dhcpReloadCommand());
                // At its dynamic address rpi3 is a new host to SSH: the presenter compares the fingerprint and accepts.
                SshRemoteShell presenterShell = SshRemoteShell.forHome(lab.home(),
                        (alias, host, type, fingerprint) -> fingerprint.equals(hostKeyFingerprint(alias)), PassphrasePrompt.NONE);
                NetworkApplyService apply = new NetworkApplyService(writer, new SshPiDhcpRebinder(presenterShell, "eth0",
                        Duration.ofSeconds(30)), TcpProbe.socket(), BoothNetwork.configured(targets),
                        Clock.systemUTC(), NetworkApplyService.Pause.sleeping(), Duration.ofSeconds(90));
                List<String> progress = new CopyOnWriteArrayList<>();
                NetworkApplyService.Result result;
                try (presenterShell) {
                    result = apply.apply(plan, current, io.pirack.core.net.ConflictPolicy.REFUSE, (host, stage, message) -> progress.add(message));
                }
                for (NetworkApplyService.PiOutcome outcome : result.pis()) {
                    assertTrue(outcome.stage() == ApplyStage.ALREADY_THERE || outcome.stage() == ApplyStage.AT_NEW_ADDRESS,
                            outcome.message() + "; progress: " + progress);
                }
                String written = Files.readString(writer.targetPath());
                assertTrue(written.contains("b8:27:eb:77:00:04") && written.contains(planned), "PiRack's dhcp-host file: " + written);
                for (PiSlot slot : plan.slots()) {
                    assertTrue(lab.inPi(slot.hostname(), "ip", "-4", "-o", "addr", "show", "eth0").contains(slot.ip() + "/24"),
                            slot.hostname() + " is not on its planned address " + slot.ip());
                }
                List<String> rebinds = progress.stream().filter(m -> m.contains("is rebinding")).toList();
                assertEquals(2, rebinds.size(), "rpi3 and rpi4 rebind: " + progress);
                assertTrue(rebinds.stream().allMatch(m -> m.contains("busybox udhcpc")), "the rebinder used: " + progress);
                // With PiRack's id:* lines written, the live doctor finds no failure on the booth: the lab's dnsmasq is
                // "dnsmasq by hand", its --conf-dir lines pass, every Pi is at its planned address, rpi3's DUID no longer
                // matters. Check 5's api-server and pi-internet cannot pass in the lab (the API runs on the lab host, not on
                // rpi1; the lab has no uplink), and rpi4's SSH alias still names its old address; they are listed, not judged.
                DoctorReport after = booth.report(booth.capture(Optional.of(plan)), true);
                List<String> remoteIds = List.of(RemoteChecks.API_SERVER, RemoteChecks.PI_INTERNET, RemoteChecks.PI_SSH + ":rpi4");
                java.util.function.Predicate<CheckResult> labBound = c -> remoteIds.stream().anyMatch(id -> c.id().startsWith(id));
                // The one FAIL the presenter has left to fix: ~/.ssh/config still sends 'ssh rpi4' (and PiRack's pulls) to
                // rpi4's old address; the doctor names the line to write.
                String staleAlias = RemoteChecks.SSH_CONFIG + ":rpi4";
                CheckResult stale = after.checks().stream().filter(c -> c.id().equals(staleAlias)).findFirst().orElseThrow(
                        () -> new AssertionError("no " + staleAlias + " check after rpi4 moved: " + after.checks()));
                assertEquals(CheckStatus.FAIL, stale.status(), stale.line());
                assertTrue(stale.fix().contains("HostName " + lab.ip("rpi4")) && stale.fix().contains("HostName " + planned), stale.fix());
                List<String> failed = after.checks().stream().filter(c -> c.status() == CheckStatus.FAIL && !labBound.test(c)
                                && !c.id().equals(staleAlias))
                        .map(CheckResult::line).toList();
                assertEquals(List.of(), failed, "the live doctor after the static entries were written: " + after.checks());
                assertTrue(after.host().contains("dnsmasq by hand"), after.host());
                // dnsmasq ignores rpi3's DUID for an id:* entry (its new lease records no client id): client-id passes.
                List<String> idsAfter = after.checks().stream().filter(c -> c.id().startsWith(DoctorChecks.CLIENT_ID))
                        .map(c -> c.id() + " " + c.status()).toList();
                long passes = after.checks().stream().filter(c -> c.status() == CheckStatus.PASS).count();
                String doctorAfter = "doctor live after: only " + staleAlias + " FAILs (" + passes + " PASS, "
                        + after.checks().stream().filter(c -> c.status() == CheckStatus.WARN).count() + " WARN; " + idsAfter + "; lab-bound "
                        + after.checks().stream().filter(labBound).map(c -> c.id() + " " + c.status()).toList() + ")";
                return "discovered " + current + " from leases + neighbours; doctor live: " + caught.status() + " " + caught.id()
                        + "; wrote " + writer.targetPath().getFileName() + " (id:* lines) through the NM-shared path; "
                        + String.join(", ", rebinds) + "; every Pi on its planned address (rpi4 -> " + planned
                        + ", rpi3 with its DUID back on " + lab.ip("rpi3") + "); " + doctorAfter;
            } finally {
                lab.duidClientId("rpi3", false);
            }
        });
    }

    @Test
    @Order(99)
    void teardownLeavesNoNamespaceLinkDnsmasqOrRule() throws Exception {
        scenario("teardown", () -> {
            closeQuietly(links);
            lab.close();
            String left = lab.cleanCheck();
            assertEquals("clean", left);
            return "no namespace, veth, bridge, dnsmasq or iptables rule left";
        });
    }

    // ---- helpers -----------------------------------------------------------------------------

    interface Body {
        String run() throws Exception;
    }

    private void scenario(String name, Body body) throws Exception {
        if (skip != null) {
            System.out.println("LAB SKIP " + name + " 0 s " + skip);
            Assumptions.abort(skip);
        }
        long start = System.nanoTime();
        try {
            String detail = body.run();
            line("PASS", name, start, detail);
        } catch (Exception | AssertionError e) {
            line("FAIL", name, start, String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            throw e;
        }
    }

    private void line(String verdict, String name, long start, String detail) {
        String text = String.format("LAB %s %s %.1f s %s", verdict, name, (System.nanoTime() - start) / 1e9, detail);
        System.out.println(text);
        results.put(name, text);
        try {
            Path out = Path.of("target", "lab");
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.txt"), text + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // The console line is the record.
        }
    }

    private PiSlot slot(String pi) {
        return rack.slots().stream().filter(s -> s.hostname().equals(pi)).findFirst().orElseThrow();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    private ClusterSnapshot await(String what, Predicate<ClusterSnapshot> condition) throws Exception {
        try {
            return store.await(condition, STEP, what);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; " + describe(store.snapshot()), e);
        }
    }

    private void awaitSteady(Duration timeout) throws Exception {
        store.await(s -> s.api().isLive() && s.readyNodeCount() == PIS && demoReadyOff(s, null), timeout, "the lab rack steady");
    }

    private static boolean notReady(ClusterSnapshot s, String pi) {
        return s.node(pi).map(n -> n.ready() != ConditionStatus.TRUE).orElse(false);
    }

    /** Six Ready demo pods, none of them on {@code pi} (null: anywhere). */
    private static boolean demoReadyOff(ClusterSnapshot s, String pi) {
        List<PodInfo> pods = s.podsSorted().stream()
                .filter(p -> SimWorkload.DEMO_DEPLOYMENT.equals(p.app()) && !p.terminating()).toList();
        return pods.size() == 6 && pods.stream().allMatch(p -> p.ready() && (pi == null || !pi.equals(p.nodeName())));
    }

    private LinkState awaitLink(String pi, boolean up, Instant after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<LinkState> seen = linkChanges.stream()
                    .filter(l -> l.node().equals(pi) && Boolean.valueOf(up).equals(l.up()) && !l.since().isBefore(after)).findFirst();
            if (seen.isPresent()) {
                return seen.get();
            }
            Thread.sleep(20);  // polling PiRack's own monitor, not syncing with it
        }
        throw new AssertionError("the link LED of " + pi + " never turned " + (up ? "on" : "off"));
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private boolean kubeletRunning(String pi) throws IOException {
        Path pid = lab.piDir(pi).resolve("units/kubelet.pid");
        return Files.exists(pid) && Files.isDirectory(Path.of("/proc", Files.readString(pid).strip()));
    }

    private String iptablesRules(String pi) throws Exception {
        return lab.inPi(pi, "iptables", "-S", "OUTPUT");
    }

    private Process pirackCli(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(VirtualLab.pirackCommand().split(" ")));
        command.add(1, "-Duser.home=" + lab.home());
        command.add(1, "-Duser.name=presenter");
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private String cliOutput(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(VirtualLab.pirackCommand().split(" ")));
        command.add(1, "-Duser.home=" + lab.home());
        command.addAll(args);
        return VirtualLab.exec(command, Duration.ofSeconds(60));
    }

    /**
     * Deletes the demo Deployment's pods so the scheduler spreads fresh ones over the Ready workers, and waits
     * until {@code pi} runs some: earlier scenarios leave their Pi empty (Kubernetes never moves pods back).
     */
    private void spreadDemoPodsOnto(String pi) throws Exception {
        client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).withLabel("app", SimWorkload.DEMO_DEPLOYMENT).delete();
        await("demo pods on " + pi + " again", s -> demoReadyOff(s, null) && s.podsOn(pi).stream()
                .anyMatch(p -> SimWorkload.DEMO_DEPLOYMENT.equals(p.app()) && p.ready() && !p.terminating()));
    }

    /** Runs a PiRack CLI process as the presenter (the lab's ~/.ssh) and reads the JSON it prints. */
    private JsonNode drillJson(List<String> jvmOptions, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(VirtualLab.pirackCommand().split(" ")));
        command.addAll(1, jvmOptions);
        command.add(1, "-Duser.home=" + lab.home());
        command.addAll(args);
        Path out = Files.createTempFile("drill", ".json");
        Path err = Files.createTempFile("drill", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish in 300 s");
        }
        String printed = Files.readString(out);
        Files.createDirectories(VirtualLab.LOGS);
        Files.writeString(VirtualLab.LOGS.resolve(args.get(1).replace("-", "") + "-drill.out"), printed + Files.readString(err));
        // The run is the JSON object; log lines (the test class path's console logging) may come before it.
        int start = printed.indexOf("\n{");
        String json = printed.startsWith("{") ? printed : start < 0 ? "" : printed.substring(start + 1);
        if (json.isBlank()) {
            throw new AssertionError(String.join(" ", args) + " printed no run: " + Files.readString(err).strip());
        }
        return JsonFileStore.MAPPER.readTree(json);
    }

    private String describe(ClusterSnapshot s) {
        StringBuilder sb = new StringBuilder("api " + s.api());
        s.nodes().values().forEach(n -> sb.append("; ").append(n.name()).append(' ').append(n.ready())
                .append(n.taints().stream().map(t -> t.key() + ":" + t.effect()).toList()));
        sb.append("; links ").append(links.states().values().stream().map(l -> l.node() + "=" + l.up()).toList());
        return sb.toString();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Teardown goes on.
            }
        }
    }
}
