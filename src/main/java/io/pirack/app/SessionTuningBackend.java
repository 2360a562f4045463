package io.pirack.app;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.Taint;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.images.ImageArchitectureService;
import io.pirack.images.PlatformCache;
import io.pirack.images.RegistryClient;
import io.pirack.core.preflight.PreflightInputs.ClockSample;
import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.core.preflight.PreflightInputs.NetworkResult;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.ConfigEditPlan;
import io.pirack.core.tuning.ConfigEditPlans;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.DistributionDetector;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.RehearsalPreset;
import io.pirack.core.tuning.TuningChange;
import io.pirack.core.validate.Validation;
import io.pirack.net.BoothNetwork;
import io.pirack.core.net.DoctorReport;

import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.tuning.AppliedEdit;
import io.pirack.tuning.ClockSkewProbe;
import io.pirack.tuning.ClusterSettingsReader;
import io.pirack.tuning.ConfigEditException;
import io.pirack.tuning.DeadManProbe;
import io.pirack.tuning.DeploymentTolerationPatcher;
import io.pirack.tuning.ImagePrePuller;
import io.pirack.tuning.PreparedEdit;
import io.pirack.tuning.RemoteConfigEditor;
import io.pirack.tuning.RemoteFiles;
import io.pirack.tuning.SnakeYamlParser;
import io.pirack.tuning.TolerationPatchPlan;
import io.pirack.ui.tuning.TuningBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Tuning screen's and {@code pirack preflight}'s view of one {@link ClusterSession}: effective
 * settings (the preset on the rehearsal rack), toleration patches, control-plane edits over SSH,
 * image pre-pull and the preflight inputs. SSH is opened only when a real cluster needs it.
 */
public final class SessionTuningBackend implements TuningBackend {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionTuningBackend.class);

    /** Where the pre-pull DaemonSet lives: a namespace every cluster has. */
    public static final String PREPULL_NAMESPACE = "default";
    private static final Duration SSH_TIMEOUT = Duration.ofSeconds(20);
    /** {@code microk8s start} on a Pi takes a minute or more. */
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    private final ClusterSession session;
    private final Supplier<RemoteShell> shell;
    private final SshTargetResolver targets;
    private final Clock clock;
    private final SnakeYamlParser yaml = new SnakeYamlParser();
    private final DeploymentTolerationPatcher patcher;
    private final ImagePrePuller prePuller;

    /**
     * @param shell   opened on first use, and only for a real cluster (it may ask for a passphrase)
     * @param targets how to reach each Pi of the rack over SSH
     */
    public SessionTuningBackend(ClusterSession session, Supplier<RemoteShell> shell, SshTargetResolver targets, Clock clock) {
        this.session = session;
        this.shell = shell;
        this.targets = targets;
        this.clock = clock;
        this.patcher = new DeploymentTolerationPatcher(session.client());
        this.prePuller = new ImagePrePuller(session.client(), PREPULL_NAMESPACE);
    }

    /** The settings the rehearsal rack simulates, in the shape of a real cluster's. */
    public static RehearsalPreset preset(SimTimings timings) {
        RehearsalPreset defaults = RehearsalPreset.upstreamDefaults(KubeVersion.parse(SimWorkload.KUBELET_VERSION));
        return new RehearsalPreset(defaults.version(), timings.nodeMonitorGracePeriod(), timings.nodeMonitorPeriod(),
                defaults.nodeStatusUpdateFrequency(), timings.leaseDurationSeconds(), timings.defaultTolerationSeconds(),
                timings.defaultTolerationSeconds());
    }

    @Override
    public String describe() {
        return session.source().describe();
    }

    @Override
    public boolean rehearsal() {
        return session.rehearsal().isPresent();
    }

    @Override
    public EffectiveSettings settings() {
        if (session.rehearsal().isPresent()) {
            return preset(session.rehearsal().get().timings()).toSettings();
        }
        Optional<RemoteFiles> files = controlPlaneTarget().map(t -> editor().filesOn(t));
        return new ClusterSettingsReader(session.client(), yaml).read(session.store().snapshot(), files);
    }

    @Override
    public List<String> deployments() {
        return session.client().apps().deployments().inAnyNamespace().list().getItems().stream()
                .map(Deployment::getMetadata)
                .filter(m -> !m.getNamespace().startsWith("kube-"))
                .map(m -> m.getNamespace() + "/" + m.getName())
                .sorted()
                .toList();
    }

    @Override
    public List<String> suggestedDeployments(List<String> all) {
        String demo = SimWorkload.DEMO_NAMESPACE + "/" + SimWorkload.DEMO_DEPLOYMENT;
        return all.contains(demo) ? List.of(demo) : all;
    }

    @Override
    public List<DemoWorkload> workloads(List<String> keys) throws ConfigEditException {
        List<DemoWorkload> out = new ArrayList<>();
        for (String key : keys) {
            String[] parts = split(key);
            out.add(patcher.demoWorkload(parts[0], parts[1]));
        }
        return out;
    }

    @Override
    public TolerationPatchPlan prepareTolerations(String key, long seconds) throws ConfigEditException {
        String[] parts = split(key);
        return patcher.prepare(parts[0], parts[1], seconds);
    }

    @Override
    public TolerationPatchPlan prepareTolerationRevert(String key) throws ConfigEditException {
        String[] parts = split(key);
        return patcher.prepareRevert(parts[0], parts[1]);
    }

    @Override
    public void applyTolerations(TolerationPatchPlan plan) throws ConfigEditException {
        patcher.apply(plan);
    }

    @Override
    public ControlPlanePlan prepareControlPlane(TuningChange change) throws Exception {
        if (rehearsal()) {
            throw new ConfigEditException("The rehearsal rack has no control-plane files; these edits are for real clusters only.");
        }
        ClusterSnapshot snapshot = session.store().snapshot();
        Validation<ConfigEditPlans> plans = ConfigEditPlans.forDistribution(DistributionDetector.detect(snapshot).distribution(),
                DistributionDetector.version(snapshot), change, yaml);
        if (!plans.isValid()) {
            throw new ConfigEditException(plans.message());
        }
        List<PreparedEdit> edits = new ArrayList<>();
        if (!plans.orThrow().controlPlane().isEmpty()) {
            SshTarget target = controlPlaneTarget().orElseThrow(() -> new ConfigEditException(
                    "No SSH target for the control-plane Pi: give it an IP address in the rack (Rack screen) or a Host entry in ~/.ssh/config."));
            for (ConfigEditPlan plan : plans.orThrow().controlPlane()) {
                edits.add(editor().prepare(target, plan));
            }
        }
        for (ConfigEditPlan plan : plans.orThrow().everyNode()) {
            for (PiSlot slot : rack().slots()) {
                edits.add(editor().prepare(target(slot), plan));
            }
        }
        return new ControlPlanePlan(edits, plans.orThrow().notes());
    }

    @Override
    public AppliedEdit applyEdit(PreparedEdit edit) throws Exception {
        return editor().apply(edit);
    }

    @Override
    public Optional<String> revertEdit(AppliedEdit applied) throws Exception {
        return editor().revert(applied);
    }

    @Override
    public List<AppliedEdit> findBackups() throws Exception {
        if (rehearsal()) {
            return List.of();
        }
        ClusterSnapshot snapshot = session.store().snapshot();
        // Every file PiRack may edit on this distribution; the values only decide which files.
        TuningChange everything = TuningChange.none().withGraceAndLease(TuningChange.MIN_GRACE, TuningChange.MIN_LEASE_SECONDS)
                .withDefaultTolerations(0, 0);
        Validation<ConfigEditPlans> plans = ConfigEditPlans.forDistribution(DistributionDetector.detect(snapshot).distribution(),
                DistributionDetector.version(snapshot), everything, yaml);
        List<AppliedEdit> found = new ArrayList<>();
        if (!plans.isValid()) {
            return found;
        }
        Optional<SshTarget> controlPlane = controlPlaneTarget();
        if (controlPlane.isPresent()) {
            for (ConfigEditPlan plan : plans.orThrow().controlPlane()) {
                oldestBackup(controlPlane.get(), plan).ifPresent(found::add);
            }
        }
        for (ConfigEditPlan plan : plans.orThrow().everyNode()) {
            for (PiSlot slot : rack().slots()) {
                oldestBackup(target(slot), plan).ifPresent(found::add);
            }
        }
        return found;
    }

    private Optional<AppliedEdit> oldestBackup(SshTarget target, ConfigEditPlan plan) throws Exception {
        List<String> backups = editor().backups(target, plan);
        return backups.isEmpty() ? Optional.empty() : Optional.of(editor().fromBackup(target, plan, backups.get(0)));
    }

    @Override
    public List<String> images(List<String> keys) throws ConfigEditException {
        Map<String, List<String>> byNamespace = new LinkedHashMap<>();
        for (String key : keys) {
            String[] parts = split(key);
            byNamespace.computeIfAbsent(parts[0], n -> new ArrayList<>()).add(parts[1]);
        }
        List<String> images = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byNamespace.entrySet()) {
            prePuller.imagesOf(e.getKey(), e.getValue()).stream().filter(i -> !images.contains(i)).forEach(images::add);
        }
        return images;
    }

    @Override
    public ImagePresence imagePresence(List<String> keys, List<String> images) throws ConfigEditException {
        return onNodesTheDemoCanUse(prePuller.progress(images), session.store().snapshot(), workloads(keys));
    }

    @Override
    public void startPrePull(List<String> images) {
        prePuller.start(images);
    }

    @Override
    public void cleanUpPrePull() {
        prePuller.cleanup();
    }

    @Override
    public boolean prePullRunning() {
        return prePuller.running();
    }

    @Override
    public List<ImageVerdict> imageArchitectures(List<String> keys) {
        Set<String> namespaces = new java.util.TreeSet<>();
        keys.forEach(k -> namespaces.add(k.substring(0, Math.max(0, k.indexOf('/')))));
        namespaces.remove("");
        PlatformCache cache = new PlatformCache(AppPaths.detect().dataDir().resolve(PlatformCache.FILE_NAME));
        return new ImageArchitectureService(session.client(), credentials -> RegistryClient.standard(credentials, Clock.systemUTC()), cache)
                .check(namespaces, List.of()).verdicts();
    }

    @Override
    public PreflightInputs preflightInputs(List<String> chosen) throws Exception {
        List<String> keys = chosen.isEmpty() ? suggestedDeployments(deployments()) : chosen;
        ClusterSnapshot snapshot = session.store().snapshot();
        List<NodeReadiness> nodes = snapshot.nodes().values().stream().map(SessionTuningBackend::readiness).toList();
        List<String> images = images(keys);
        List<DemoWorkload> workloads = workloads(keys);
        Optional<ImagePresence> presence = images.isEmpty() ? Optional.empty() : Optional.of(imagePresence(keys, images));
        List<NetworkResult> network = new ArrayList<>();
        List<DeadManSwitch> deadMen = new ArrayList<>();
        List<ClockSample> clocks = new ArrayList<>();
        if (session.rehearsal().isPresent()) {
            network.add(new NetworkResult("booth-network", CheckStatus.SKIP, io.pirack.core.net.DoctorReport.NOT_NEEDED, ""));
            for (PiSlot slot : rack().slots()) {
                deadMen.add(new DeadManSwitch(slot.hostname(), true, "simulated restore timer"));
                // The simulated kubelets run in this process on the simulation's clock: there is no second clock to drift.
                clocks.add(new ClockSample(slot.hostname(), Optional.of(Duration.ZERO), ""));
            }
        } else {
            network.addAll(networkDoctor());
            ClockSkewProbe probe = new ClockSkewProbe(shell.get(), clock, SSH_TIMEOUT);
            DeadManProbe deadMan = new DeadManProbe(shell.get(), SSH_TIMEOUT);
            RackSpec rack = rack();
            for (PiSlot slot : rack.slots()) {
                Validation<SshTarget> target = targets.resolve(slot);
                clocks.add(target.isValid() ? probe.measure(target.orThrow())
                        : new ClockSample(slot.hostname(), Optional.empty(), target.message()));
                // Only the SSH methods cut the Pi off from the laptop; hub and BMC power come back from the laptop side.
                PlugMethod method = rack.plugMethodFor(slot);
                if (method == PlugMethod.STOP_AGENT || method == PlugMethod.API_PARTITION) {
                    deadMen.add(target.isValid() ? deadMan.check(slot.hostname(), target.orThrow())
                            : new DeadManSwitch(slot.hostname(), false, target.message()));
                }
            }
        }
        return new PreflightInputs(network, nodes, presence, workloads, Optional.of(settings()), deadMen, clocks,
                PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT).withImageArchitecture(imageArchitectures(keys))
                .withPermissions(session.rehearsal().isPresent() ? List.of()
                        : io.pirack.kube.AccessReview.check(session.client(), io.pirack.core.cluster.ApiPermission.PIRACK));
    }

    /**
     * Only the nodes the demo pods can be scheduled on matter: a tainted control plane never runs
     * them, so an image missing there is no reason to stop the show. The node.kubernetes.io/*
     * taints come and go with the node's health and do not count.
     */
    static ImagePresence onNodesTheDemoCanUse(ImagePresence presence, ClusterSnapshot snapshot, List<DemoWorkload> workloads) {
        Map<String, Map<String, ImagePresence.Cell>> cells = new LinkedHashMap<>();
        presence.cells().forEach((node, row) -> {
            boolean usable = snapshot.node(node).map(n -> n.taints().stream()
                    .filter(t -> Taint.NO_SCHEDULE.equals(t.effect()) || Taint.NO_EXECUTE.equals(t.effect()))
                    .filter(t -> !t.key().startsWith("node.kubernetes.io/"))
                    .allMatch(t -> workloads.stream().anyMatch(w -> w.tolerations().stream().anyMatch(x -> x.tolerates(t.key(), t.effect())))))
                    .orElse(true);
            if (usable) {
                cells.put(node, row);
            }
        });
        return new ImagePresence(presence.images(), cells);
    }

    /**
     * The booth network doctor's findings (skipped ones left out): the last run of the Network screen or
     * {@code pirack doctor} while it is fresh (10 min, same network), else a new run, remembered in turn.
     */
    private List<NetworkResult> networkDoctor() {
        try {
            BoothNetwork doctor = BoothNetwork.forThisMachine(Optional.of(shell.get()), clock, BoothNetwork.homeSshConfig());
            DoctorMemory memory = new DoctorMemory(AppPaths.detect().dataDir());
            Optional<DoctorReport> last = memory.last();
            DoctorReport report = doctor.freshOrRun(last, rack());
            if (last.isEmpty() || report != last.get()) {
                try {
                    memory.remember(report);
                } catch (java.io.IOException e) {
                    LOG.warn("could not remember the doctor result in {}: {}", memory.file(), e.getMessage());
                }
            }
            return report.forPreflight();
        } catch (RuntimeException e) {
            return List.of(new NetworkResult("doctor", CheckStatus.WARN, "the network doctor could not run: "
                    + io.pirack.core.net.ToolProblems.plain(e.getMessage()), "Run pirack doctor in a terminal."));
        }
    }

    private static NodeReadiness readiness(NodeInfo node) {
        boolean ready = node.ready() == ConditionStatus.TRUE;
        String reason = node.condition("Ready").map(NodeCondition::reason).filter(r -> r != null && !ready).orElse(ready ? "" : "no Ready condition");
        return new NodeReadiness(node.name(), ready, reason);
    }

    private RackSpec rack() {
        return session.source() instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) session.source()).rack();
    }

    private Optional<SshTarget> controlPlaneTarget() {
        return rack().slots().stream().filter(s -> s.role() == NodeRole.CONTROL_PLANE).findFirst()
                .map(targets::resolve).filter(Validation::isValid).map(Validation::orThrow);
    }

    private SshTarget target(PiSlot slot) throws ConfigEditException {
        Validation<SshTarget> target = targets.resolve(slot);
        if (!target.isValid()) {
            throw new ConfigEditException(slot.hostname() + ": " + target.message());
        }
        return target.orThrow();
    }

    private RemoteConfigEditor editor() {
        return new RemoteConfigEditor(shell.get(), clock, SSH_TIMEOUT, RESTART_TIMEOUT);
    }

    private static String[] split(String key) throws ConfigEditException {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new ConfigEditException("\"" + key + "\" is not namespace/name");
        }
        return new String[] {key.substring(0, slash), key.substring(slash + 1)};
    }
}
