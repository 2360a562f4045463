package io.pirack.ui.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.Toleration;
import io.pirack.core.images.ArchitectureCheck;
import io.pirack.core.images.ImageLookup;
import io.pirack.core.images.ImagePlatforms;
import io.pirack.core.images.ImageReference;
import io.pirack.core.images.ImageUse;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.images.NodePlatform;
import io.pirack.core.images.Platform;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.ConfigEditPlans;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.Distribution;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.FlagSet;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.KubeVersion;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.RestartAction;
import io.pirack.core.tuning.SettingSource;
import io.pirack.core.tuning.TolerationPatchPlan;
import io.pirack.core.tuning.TolerationTuning;
import io.pirack.core.tuning.TuningChange;
import io.pirack.core.tuning.TuningFixtures;
import io.pirack.core.tuning.TuningWarning;
import io.pirack.tuning.ConfigEditException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The view model with synchronous executors over a hand-made backend that records what it was asked. */
class TuningViewModelTest {

    private static final String PI1 = "rpi1";

    private final Backend backend = new Backend();
    private final TuningViewModel vm = new TuningViewModel(Runnable::run, Runnable::run, Clock.fixed(TuningFixtures.T0, ZoneOffset.UTC));

    /** A kubeadm 1.30 cluster with one demo Deployment; writes only change the in-memory tolerations. */
    static final class Backend implements TuningBackend {
        boolean rehearsal;
        EffectiveSettings settings = EffectiveSettings.defaults(KubeVersion.parse("v1.30.2"), Distribution.KUBEADM);
        List<Toleration> tolerations = List.of(new Toleration("dedicated", "Equal", "demo", "NoSchedule", null));
        final List<String> calls = new ArrayList<>();
        int deadManSeconds = 600;
        String kubeadmManifest = TuningFixtures.resource("kubeadm-kube-controller-manager.yaml");

        @Override
        public String describe() {
            return "pi-cluster";
        }

        @Override
        public boolean rehearsal() {
            return rehearsal;
        }

        @Override
        public EffectiveSettings settings() {
            return settings;
        }

        @Override
        public List<String> deployments() {
            return List.of("demo/hello", "other/app");
        }

        @Override
        public int deadManSeconds() {
            return deadManSeconds;
        }

        @Override
        public List<String> suggestedDeployments(List<String> deployments) {
            return List.of("demo/hello");
        }

        @Override
        public List<DemoWorkload> workloads(List<String> keys) {
            return keys.stream().map(k -> new DemoWorkload(k.split("/")[0], k.split("/")[1], tolerations)).toList();
        }

        @Override
        public TolerationPatchPlan prepareTolerations(String key, long seconds) {
            calls.add("prepare " + key + " " + seconds);
            List<Toleration> after = TolerationTuning.tuned(tolerations, seconds).orThrow();
            return new TolerationPatchPlan("demo", "hello", tolerations, after, TolerationTuning.diff(key, tolerations, after), "[]",
                    TolerationTuning.warnings(after));
        }

        @Override
        public TolerationPatchPlan prepareTolerationRevert(String key) throws ConfigEditException {
            throw new ConfigEditException("Deployment " + key + " has no tolerations recorded by PiRack; there is nothing to revert.");
        }

        @Override
        public void applyTolerations(TolerationPatchPlan plan) {
            calls.add("apply " + plan.namespace() + "/" + plan.deployment());
            tolerations = plan.after();
        }

        @Override
        public ControlPlanePlan prepareControlPlane(TuningChange change) {
            calls.add("prepare control plane");
            ConfigEditPlans plans = ConfigEditPlans.forDistribution(Distribution.KUBEADM, settings.version(), change, TuningFixtures.YAML)
                    .orThrow();
            List<PreparedEdit> edits = new ArrayList<>();
            for (var plan : plans.controlPlane()) {
                edits.add(new PreparedEdit(PI1, plan, plan.edit(kubeadmManifest).orThrow(), plan.backupPath(TuningFixtures.T0)));
            }
            return new ControlPlanePlan(edits, plans.notes());
        }

        @Override
        public AppliedEdit applyEdit(PreparedEdit edit) {
            calls.add("apply " + edit.plan().path());
            return new AppliedEdit(PI1, edit.plan().path(), Optional.of(edit.backupPath()), edit.plan().tempPath(),
                    edit.plan().restart(), true, Optional.empty());
        }

        @Override
        public Optional<String> revertEdit(AppliedEdit applied) {
            calls.add("revert " + applied.path() + " from " + applied.backupPath().orElseThrow());
            return Optional.empty();
        }

        @Override
        public List<AppliedEdit> findBackups() {
            calls.add("find backups");
            String path = "/etc/kubernetes/manifests/kube-controller-manager.yaml";
            return List.of(new AppliedEdit(PI1, path, Optional.of("/etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-backup-20261125T210000Z"),
                    "/etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-new", RestartAction.staticPodReload("kube-controller-manager"),
                    true, Optional.empty()));
        }

        @Override
        public List<String> images(List<String> keys) {
            return List.of("ghcr.io/pirack/hello:1.0");
        }

        @Override
        public ImagePresence imagePresence(List<String> keys, List<String> images) {
            return ImagePresence.of(images, Map.of("rpi2", Set.of("ghcr.io/pirack/hello:1.0"), "rpi3", Set.<String>of()), List.of());
        }

        @Override
        public void startPrePull(List<String> images) {
            calls.add("pre-pull " + images);
        }

        @Override
        public void cleanUpPrePull() {
            calls.add("clean up");
        }

        @Override
        public boolean prePullRunning() {
            return false;
        }

        @Override
        public PreflightInputs preflightInputs(List<String> keys) {
            return new PreflightInputs(List.of(), List.of(new NodeReadiness("rpi2", true, "")), Optional.of(imagePresence(keys, images(keys))),
                    workloads(keys), Optional.of(settings), List.of(), List.of(), PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT);
        }

        @Override
        public List<ImageVerdict> imageArchitectures(List<String> keys) {
            calls.add("architectures " + keys);
            ImageReference legacy = ImageReference.parse("ghcr.io/acme/legacy:1.0");
            return ArchitectureCheck.judge(List.of(new ImageUse(legacy, List.of("demo/legacy (Deployment)"))),
                    List.of(new NodePlatform("rpi2", Platform.parse("linux/arm64"), java.util.Set.of())),
                    java.util.Map.of(legacy, new ImageLookup.Found(new ImagePlatforms(legacy, "sha256:aa",
                            List.of(new ImagePlatforms.Entry(Platform.parse("linux/amd64"), "sha256:bb")), TuningFixtures.T0))), java.util.Map.of());
        }
    }

    @Test
    void checkingArchitecturesListsTheImageThatRunsOnNoPiAndSaysSo() {
        vm.connect(backend);
        vm.prePull().checkArchitectures();
        assertEquals(1, vm.prePull().architectures().size());
        ImageVerdict legacy = vm.prePull().architectures().get(0);
        assertEquals(ImageVerdict.Verdict.NONE, legacy.verdict());
        assertEquals("✕ no Pi", ImageArchitectureView.verdictText(legacy));
        assertTrue(backend.calls.stream().anyMatch(c -> c.startsWith("architectures ")), backend.calls.toString());
    }

    @Test
    void connectingShowsSettingsWithSourcesThePredictionAndTheSuggestedDeployment() {
        vm.connect(backend);

        assertEquals("pi-cluster", vm.clusterNameProperty().get());
        assertEquals(List.of("demo/hello", "other/app"), vm.deployments());
        assertEquals(List.of("demo/hello"), vm.chosen());
        assertTrue(vm.settingRows().stream().anyMatch(r -> r.name().startsWith("Grace period") && r.value().equals("40s")
                && r.source().equals("default for v1.30")), vm.settingRows().toString());
        // v1.30: grace 40 s − renew 10 s + the ≤1.33 one-pass taint lag .. grace + two 5 s checks + lag, then 300 s
        assertEquals("demo/hello: 5 min 35 s – 5 min 55 s", vm.predictionProperty().get());
        assertEquals(List.of("ghcr.io/pirack/hello:1.0"), vm.prePull().images());
        assertFalse(vm.prePull().presenceProperty().get().allPresent());
        assertFalse(vm.tasks().busyProperty().get());
    }

    @Test
    void thePresentersChoiceOfDeploymentsStandsEvenWhenEmpty() {
        vm.connect(backend);
        vm.choose(List.of("other/app"));
        assertEquals(List.of("other/app"), vm.chosen());
        assertEquals("other/app", vm.workloadRows().get(0).deployment());
        vm.choose(List.of());
        assertEquals(List.of(), vm.chosen());
        assertTrue(vm.workloadRows().isEmpty());
        assertTrue(vm.predictionProperty().get().endsWith("(pods without their own toleration)"), vm.predictionProperty().get());
    }

    @Test
    void podEvictionTimeoutOnANewControlPlaneIsFatal() {
        backend.settings = backend.settings.withControllerManagerFlags(FlagSet.fromComponentArgs(List.of("pod-eviction-timeout=30s")),
                SettingSource.controllerManagerMirrorPod());
        vm.connect(backend);

        TuningWarning fatal = vm.warnings().get(0);
        assertEquals(TuningWarning.Severity.FATAL, fatal.severity());
        assertTrue(fatal.message().contains("removed in Kubernetes 1.27"), fatal.message());
    }

    @Test
    void tolerationChangeIsOnlyShownUntilAppliedAndKeepsOtherTolerations() {
        vm.connect(backend);
        vm.tolerations().tolerationSecondsProperty().set(2);

        vm.tolerations().preview();
        TuningTasks.PendingChange pending = vm.tasks().pendingProperty().get();
        assertNotNull(pending);
        assertTrue(pending.diff().contains("+- {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}"),
                pending.diff());
        assertTrue(pending.diff().contains(" - {key: dedicated, operator: Equal, value: demo, effect: NoSchedule}"), pending.diff());
        assertTrue(pending.prediction().contains("pods move 37 s – 57 s after"), pending.prediction());
        assertEquals(List.of("prepare demo/hello 2"), backend.calls, "nothing applied yet");

        vm.tasks().applyPending();
        assertEquals(List.of("prepare demo/hello 2", "apply demo/hello"), backend.calls);
        assertNull(vm.tasks().pendingProperty().get());
        assertTrue(vm.tasks().history().get(0).contains("tolerationSeconds 2 s on demo/hello"), vm.tasks().history().toString());
        assertEquals("demo/hello: 37 s – 57 s", vm.predictionProperty().get(), "read again after applying");
    }

    @Test
    void cancelledChangeIsNeverApplied() {
        vm.connect(backend);
        vm.tolerations().preview();
        vm.tasks().cancelPending();
        vm.tasks().applyPending();
        assertEquals(List.of("prepare demo/hello 2"), backend.calls);
    }

    @Test
    void failedRevertShowsTheReasonAndLeavesTheScreenUsable() {
        vm.connect(backend);
        vm.tolerations().revert();
        assertEquals("Reverting the tolerations failed: Deployment demo/hello has no tolerations recorded by PiRack; there is nothing to revert.",
                vm.tasks().statusProperty().get());
        assertFalse(vm.tasks().busyProperty().get());
    }

    @Test
    void controlPlaneEditsAreRealClustersOnlyOnTheRehearsalRack() {
        backend.rehearsal = true;
        vm.connect(backend);
        vm.controlPlane().previewGraceAndLease();
        vm.controlPlane().previewApiServerDefaults();
        assertTrue(vm.tasks().statusProperty().get().startsWith("Real clusters only"), vm.tasks().statusProperty().get());
        assertNull(vm.tasks().pendingProperty().get());
        assertTrue(backend.calls.isEmpty());
    }

    @Test
    void graceEditShowsTheDiffWithItsBackupAppliesAndRevertsFromTheBackup() {
        vm.connect(backend);
        vm.controlPlane().graceSecondsProperty().set(20);
        vm.controlPlane().leaseSecondsProperty().set(20);

        vm.controlPlane().previewGraceAndLease();
        TuningTasks.PendingChange pending = vm.tasks().pendingProperty().get();
        assertTrue(pending.diff().contains("# rpi1: ") && pending.diff().contains(".kube-controller-manager.yaml.pirack-backup-20261126T070000Z"),
                pending.diff());
        assertTrue(pending.diff().contains("+    - --node-monitor-grace-period=20s"), pending.diff());
        assertTrue(pending.warnings().stream().noneMatch(w -> w.startsWith("FLAPPING")), pending.warnings().toString());

        vm.tasks().applyPending();
        assertEquals(1, vm.controlPlane().appliedEdits().size());
        assertTrue(vm.tasks().history().get(0).contains("(backup /etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-backup-20261126T070000Z)"),
                vm.tasks().history().toString());

        vm.controlPlane().revert();
        assertEquals("revert /etc/kubernetes/manifests/kube-controller-manager.yaml from "
                + "/etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-backup-20261126T070000Z", backend.calls.get(backend.calls.size() - 1));
        assertTrue(vm.controlPlane().appliedEdits().isEmpty());
    }

    @Test
    void backupsFoundOnThePisAfterARestartRevertInOneClick() {
        vm.connect(backend);
        vm.controlPlane().findBackups();
        assertEquals(1, vm.controlPlane().appliedEdits().size());
        vm.controlPlane().revert();
        assertEquals("revert /etc/kubernetes/manifests/kube-controller-manager.yaml from "
                + "/etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-backup-20261125T210000Z", backend.calls.get(backend.calls.size() - 1));
        assertTrue(vm.controlPlane().appliedEdits().isEmpty());
    }

    @Test
    void aGracePeriodUnderThreeLeaseRenewalsIsFlaggedAsAFlappingRiskBeforeApplying() {
        vm.connect(backend);
        vm.controlPlane().graceSecondsProperty().set(20);
        vm.controlPlane().leaseSecondsProperty().set(40);
        vm.controlPlane().previewGraceAndLease();
        assertTrue(vm.tasks().pendingProperty().get().warnings().get(0).startsWith("FLAPPING RISK: a 20 s grace period is under 3 lease renewals"),
                vm.tasks().pendingProperty().get().warnings().toString());
    }

    @Test
    void outOfRangeValuesAreRefusedWithAPreciseMessage() {
        vm.connect(backend);
        vm.tolerations().tolerationSecondsProperty().set(11);
        vm.tolerations().preview();
        assertEquals("tolerationSeconds must be 0–10 s.", vm.tasks().statusProperty().get());
        vm.controlPlane().graceSecondsProperty().set(5);
        vm.controlPlane().previewGraceAndLease();
        assertEquals("Not applied: grace period 5s is outside 10s–10m0s.", vm.tasks().statusProperty().get());
        assertTrue(backend.calls.isEmpty());
    }

    @Test
    void prePullAndCleanUpAndTheMeasuredTimeTheDrillReports() {
        vm.connect(backend);
        vm.prePull().start();
        assertTrue(vm.prePull().prePullingProperty().get());
        vm.prePull().cleanUp();
        assertFalse(vm.prePull().prePullingProperty().get());
        assertEquals(List.of("pre-pull [ghcr.io/pirack/hello:1.0]", "clean up"), backend.calls);

        assertEquals("no drill yet", vm.measuredProperty().get());
        vm.measuredFailoverProperty().set(Duration.ofMillis(14_250));
        assertEquals("measured in the last drill: 14.3 s", vm.measuredProperty().get());
    }

    @Test
    void preflightListsWhatIsMissingUntilEverythingPasses() {
        vm.connect(backend);
        vm.preflight().check();
        assertFalse(vm.preflight().readyProperty().get());
        assertTrue(vm.preflight().preflightProperty().get().toFix().stream().anyMatch(i -> i.id().equals("images")));
        assertTrue(vm.preflight().preflightProperty().get().toFix().stream().anyMatch(i -> i.id().equals("tolerations")));
    }

    @Test
    void aDeadManRestoreShorterThanTheFailoverIsAWarningWithBothFiguresAndGoesOnceThePodsMoveInTime() {
        backend.deadManSeconds = 180; // the rack's default, on a cluster with the upstream 300 s toleration
        vm.connect(backend);
        List<TuningWarning> deadMan = vm.warnings().stream().filter(w -> w.message().contains("dead-man")).toList();
        assertEquals(1, deadMan.size(), vm.warnings().toString());
        assertEquals(TuningWarning.Severity.WARNING, deadMan.get(0).severity());
        assertEquals("A pulled Pi plugs itself back in after 3 min 00 s (the dead-man restore), but its pods move only "
                + "5 min 35 s – 5 min 55 s after the pull (demo/hello): the Pi is back before Kubernetes evicts anything, so the"
                + " audience sees nothing move.", deadMan.get(0).message());
        assertEquals("Set \"deadManSeconds\" in rack.json to at least 390 (the slowest move + 30 s for the new pods to start),"
                + " or make the failover faster (Action 1: tolerationSeconds).", deadMan.get(0).fix());

        // tolerationSeconds 2 s on the demo Deployment: the pods move well inside 180 s.
        backend.tolerations = TolerationTuning.tuned(backend.tolerations, 2).orThrow();
        vm.refresh();
        assertTrue(vm.warnings().stream().noneMatch(w -> w.message().contains("dead-man")), vm.warnings().toString());

        // A dead-man shorter than even the fast failover (a 15 s restore) is still told.
        backend.deadManSeconds = 15;
        vm.refresh();
        assertTrue(vm.warnings().stream().anyMatch(w -> w.message().contains("after 15 s (the dead-man restore)")), vm.warnings().toString());
    }
}
