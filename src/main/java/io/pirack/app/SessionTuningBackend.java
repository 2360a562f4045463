package io.pirack.app;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.Forbidden;
import io.pirack.core.cluster.Taint;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.RehearsalPreset;
import io.pirack.core.tuning.TolerationPatchPlan;
import io.pirack.core.tuning.TuningChange;
import io.pirack.images.ImageArchitectureService;
import io.pirack.images.PlatformCache;
import io.pirack.images.RegistryClient;
import io.pirack.kube.KubeErrors;
import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.tuning.ClusterSettingsReader;
import io.pirack.tuning.ConfigEditException;
import io.pirack.tuning.DeploymentTolerationPatcher;
import io.pirack.tuning.ImagePrePuller;
import io.pirack.tuning.RemoteFiles;
import io.pirack.tuning.SnakeYamlParser;
import io.pirack.ui.tuning.TuningBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    static final Duration SSH_TIMEOUT = Duration.ofSeconds(20);

    private final ClusterSession session;
    private final SnakeYamlParser yaml = new SnakeYamlParser();
    private final DeploymentTolerationPatcher patcher;
    private final ImagePrePuller prePuller;
    private final ControlPlaneEdits edits;
    private final SessionPreflight preflight;

    /**
     * @param shell   opened on first use, and only for a real cluster (it may ask for a passphrase)
     * @param targets how to reach each Pi of the rack over SSH
     */
    public SessionTuningBackend(ClusterSession session, Supplier<RemoteShell> shell, SshTargetResolver targets, Clock clock) {
        this.session = session;
        this.edits = new ControlPlaneEdits(this::rack, () -> session.store().snapshot(), shell, targets, clock, yaml);
        this.preflight = new SessionPreflight(session, shell, targets, clock);
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
        Optional<RemoteFiles> files = edits.controlPlaneFiles();
        EffectiveSettings read = new ClusterSettingsReader(session.client(), yaml).read(session.store().snapshot(), files);
        session.settingsRead(read);  // the pull confirmation's dead-man check uses them too
        return read;
    }

    @Override
    public List<String> deployments() throws ConfigEditException {
        return inWords(() -> session.client().apps().deployments().inAnyNamespace().list().getItems().stream()
                .map(Deployment::getMetadata)
                .filter(m -> !m.getNamespace().startsWith("kube-"))
                .map(m -> m.getNamespace() + "/" + m.getName())
                .sorted()
                .toList());
    }

    @Override
    public int deadManSeconds() {
        return rack().deadManSeconds();
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
            out.add(inWords(() -> patcher.demoWorkload(parts[0], parts[1])));
        }
        return out;
    }

    @Override
    public TolerationPatchPlan prepareTolerations(String key, long seconds) throws ConfigEditException {
        String[] parts = split(key);
        return inWords(() -> patcher.prepare(parts[0], parts[1], seconds));
    }

    @Override
    public TolerationPatchPlan prepareTolerationRevert(String key) throws ConfigEditException {
        String[] parts = split(key);
        return inWords(() -> patcher.prepareRevert(parts[0], parts[1]));
    }

    @Override
    public void applyTolerations(TolerationPatchPlan plan) throws ConfigEditException {
        inWords(() -> {
            patcher.apply(plan);
            return null;
        });
    }

    @Override
    public ControlPlanePlan prepareControlPlane(TuningChange change) throws Exception {
        if (rehearsal()) {
            throw new ConfigEditException("The rehearsal rack has no control-plane files; these edits are for real clusters only.");
        }
        return edits.prepare(change);
    }

    @Override
    public AppliedEdit applyEdit(PreparedEdit edit) throws Exception {
        return edits.apply(edit);
    }

    @Override
    public Optional<String> revertEdit(AppliedEdit applied) throws Exception {
        return edits.revert(applied);
    }

    @Override
    public List<AppliedEdit> findBackups() throws Exception {
        return rehearsal() ? List.of() : edits.findBackups();
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
            inWords(() -> prePuller.imagesOf(e.getKey(), e.getValue())).stream().filter(i -> !images.contains(i)).forEach(images::add);
        }
        return images;
    }

    @Override
    public ImagePresence imagePresence(List<String> keys, List<String> images) throws ConfigEditException {
        return onNodesTheDemoCanUse(inWords(() -> prePuller.progress(images)), session.store().snapshot(), workloads(keys));
    }

    @Override
    public void startPrePull(List<String> images) throws ConfigEditException {
        inWords(() -> {
            prePuller.start(images);
            return null;
        });
    }

    @Override
    public void cleanUpPrePull() throws ConfigEditException {
        inWords(() -> {
            prePuller.cleanup();
            return null;
        });
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
        return preflight.collect(this, rack(), chosen);
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
     * Runs one cluster call; the API server's 403 becomes one sentence with the verb, resource, namespace
     * and user it refused, and what to do — instead of fabric8's "Failure executing: PATCH at: …".
     */
    static <T> T inWords(java.util.concurrent.Callable<T> call) throws ConfigEditException {
        try {
            return call.call();
        } catch (Exception e) {
            Optional<Forbidden> forbidden = KubeErrors.forbidden(e);
            if (forbidden.isPresent()) {
                Forbidden f = forbidden.get();
                throw new ConfigEditException(Forbidden.PREFIX + "cannot " + f.verb() + " " + f.resource()
                        + (f.namespace().isEmpty() ? "" : " in namespace " + f.namespace())
                        + (f.user().isEmpty() ? "" : " (user " + f.user() + ")") + " — a cluster admin can grant it with "
                        + "kubectl apply -f " + Forbidden.RBAC_FILE + ", or connect with a kubeconfig that may.", e);
            }
            if (e instanceof ConfigEditException c) {
                throw c;
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ConfigEditException(e.getMessage(), e);
        }
    }

    private RackSpec rack() {
        return session.source() instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) session.source()).rack();
    }

    private static String[] split(String key) throws ConfigEditException {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new ConfigEditException("\"" + key + "\" is not namespace/name");
        }
        return new String[] {key.substring(0, slash), key.substring(slash + 1)};
    }
}
