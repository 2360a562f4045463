package io.pirack.core.tuning;

import static io.pirack.core.tuning.TuningFixtures.YAML;
import static io.pirack.core.tuning.TuningFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.validate.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Edit plans turn captured-shape files into new content that reads back exactly as intended. */
class ConfigEditPlansTest {

    private static final KubeVersion V132 = KubeVersion.parse("v1.32.3");
    private static final TuningChange FAST = TuningChange.none().withGraceAndLease(Duration.ofSeconds(20), 24);
    private static final TuningChange TOLERATIONS = TuningChange.none().withDefaultTolerations(10, 5);

    private static ConfigEditPlans plans(Distribution distribution, KubeVersion version, TuningChange change) {
        return ConfigEditPlans.forDistribution(distribution, version, change, YAML).orThrow();
    }

    private static List<String> commandOf(String manifest) {
        Map<?, ?> doc = (Map<?, ?>) YAML.parse(manifest).orThrow();
        Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) doc.get("spec")).get("containers")).get(0);
        return ((List<?>) container.get("command")).stream().map(String::valueOf).toList();
    }

    // kubeadm

    @Test
    void kubeadmGraceEditInsertsFlagInSortedPlaceAndChangesNothingElse() {
        ConfigEditPlans plans = plans(Distribution.KUBEADM, V132, FAST);
        ConfigEditPlan plan = plans.controlPlane().get(0);
        assertEquals(ConfigPaths.KUBEADM_CONTROLLER_MANAGER, plan.path());
        String before = resource("kubeadm-kube-controller-manager.yaml");
        FileEdit edit = plan.edit(before).orThrow();

        List<String> oldCommand = commandOf(before);
        List<String> newCommand = commandOf(edit.after());
        assertEquals(oldCommand.size() + 1, newCommand.size());
        int index = newCommand.indexOf("--node-monitor-grace-period=20s");
        assertEquals("--leader-elect=true", newCommand.get(index - 1));
        assertEquals("--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt", newCommand.get(index + 1));
        assertEquals(before.replace("    - --leader-elect=true\n", "    - --leader-elect=true\n    - --node-monitor-grace-period=20s\n"),
                edit.after());
        assertEquals(List.of("kube-controller-manager --node-monitor-grace-period: (default) → 20s"), edit.changes());
        assertTrue(edit.diff().contains("+    - --node-monitor-grace-period=20s"), edit.diff());
        assertEquals(RestartAction.staticPodReload("kube-controller-manager"), plan.restart());
    }

    @Test
    void kubeadmEditOfSeedArticleManifestRemovesObsoleteFlagOn127Plus() {
        ConfigEditPlan plan = plans(Distribution.KUBEADM, KubeVersion.parse("v1.29.6"), FAST).controlPlane().get(0);
        FileEdit edit = plan.edit(resource("kubeadm-kube-controller-manager.seed-article.yaml")).orThrow();
        FlagSet flags = FlagSet.fromArgs(commandOf(edit.after()));
        assertFalse(flags.has("pod-eviction-timeout"));
        assertEquals("20s", flags.get("node-monitor-grace-period").orElseThrow());
        assertEquals("2s", flags.get("node-monitor-period").orElseThrow(), "other tuned flags are kept");
        assertTrue(edit.changes().contains("kube-controller-manager --pod-eviction-timeout: 30s → removed"), edit.changes().toString());
    }

    @Test
    void kubeadmEditOnOldVersionKeepsPodEvictionTimeout() {
        ConfigEditPlan plan = plans(Distribution.KUBEADM, KubeVersion.parse("v1.26.3"), FAST).controlPlane().get(0);
        FileEdit edit = plan.edit(resource("kubeadm-kube-controller-manager.seed-article.yaml")).orThrow();
        assertTrue(FlagSet.fromArgs(commandOf(edit.after())).has("pod-eviction-timeout"));
    }

    @Test
    void kubeadmEditReplacesExistingValueInPlace() {
        String before = resource("kubeadm-kube-controller-manager.seed-article.yaml");
        ConfigEditPlan plan = plans(Distribution.KUBEADM, KubeVersion.parse("v1.26.3"),
                TuningChange.none().withGraceAndLease(Duration.ofSeconds(16), 20)).controlPlane().get(0);
        FileEdit edit = plan.edit(before).orThrow();
        assertEquals(before.replace("--node-monitor-grace-period=20s", "--node-monitor-grace-period=16s"), edit.after());
    }

    @Test
    void kubeadmEditWithSameValueIsUnchanged() {
        String before = resource("kubeadm-kube-controller-manager.seed-article.yaml");
        ConfigEditPlan plan = plans(Distribution.KUBEADM, KubeVersion.parse("v1.26.3"), FAST).controlPlane().get(0);
        FileEdit edit = plan.edit(before).orThrow();
        assertTrue(edit.unchanged());
        assertTrue(edit.changes().isEmpty());
    }

    @Test
    void kubeadmApiServerEditSetsBothDefaultTolerations() {
        ConfigEditPlans plans = plans(Distribution.KUBEADM, V132, TOLERATIONS);
        assertEquals(1, plans.controlPlane().size());
        ConfigEditPlan plan = plans.controlPlane().get(0);
        assertEquals(ConfigPaths.KUBEADM_API_SERVER, plan.path());
        FlagSet flags = FlagSet.fromArgs(commandOf(plan.edit(resource("kubeadm-kube-apiserver.yaml")).orThrow().after()));
        assertEquals("10", flags.get("default-not-ready-toleration-seconds").orElseThrow());
        assertEquals("5", flags.get("default-unreachable-toleration-seconds").orElseThrow());
        assertEquals("192.168.2.101", flags.get("advertise-address").orElseThrow());
    }

    @Test
    void kubeadmGraceAndTolerationsTogetherEditBothManifests() {
        ConfigEditPlans plans = plans(Distribution.KUBEADM, V132, FAST.withDefaultTolerations(10, 5));
        assertEquals(List.of(ConfigPaths.KUBEADM_CONTROLLER_MANAGER, ConfigPaths.KUBEADM_API_SERVER),
                plans.controlPlane().stream().map(ConfigEditPlan::path).toList());
        assertEquals(List.of(ConfigPaths.KUBEADM_KUBELET_CONFIG), plans.everyNode().stream().map(ConfigEditPlan::path).toList());
        assertEquals("kube-controller-manager: --node-monitor-grace-period=20s, remove --pod-eviction-timeout",
                plans.controlPlane().get(0).describe());
    }

    @Test
    void kubeadmLeaseEditAppendsToKubeletConfigForEveryNode() {
        ConfigEditPlans plans = plans(Distribution.KUBEADM, V132, FAST);
        ConfigEditPlan kubelet = plans.everyNode().get(0);
        String before = resource("kubeadm-kubelet-config.yaml");
        FileEdit edit = kubelet.edit(before).orThrow();
        assertEquals(before + "nodeLeaseDurationSeconds: 24\n", edit.after());
        assertEquals(RestartAction.systemctlRestart("kubelet"), kubelet.restart());
        FileEdit again = kubelet.edit(edit.after()).orThrow();
        assertTrue(again.unchanged());
    }

    @Test
    void kubeletConfigThatIsNotKubeletConfigurationIsRefused() {
        ConfigEditPlan kubelet = plans(Distribution.KUBEADM, V132, FAST).everyNode().get(0);
        assertTrue(kubelet.edit("kind: Pod\n").message().contains("not a KubeletConfiguration"));
    }

    @Test
    void manifestWithUnusualCommandLayoutIsRefusedNotMangled() {
        String flow = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: kube-controller-manager\n"
                + "    command: [kube-controller-manager, --leader-elect=true]\n";
        Validation<FileEdit> edit = plans(Distribution.KUBEADM, V132, FAST).controlPlane().get(0).edit(flow);
        assertFalse(edit.isValid());
        assertTrue(edit.message().contains("edit it by hand"), edit.message());
    }

    @Test
    void brokenYamlAndMissingManifestAreRefused() {
        ConfigEditPlan plan = plans(Distribution.KUBEADM, V132, FAST).controlPlane().get(0);
        assertTrue(plan.edit("spec: [unclosed\n").message().contains("not valid YAML"));
        assertTrue(plan.edit(null).message().contains("does not exist"));
        assertTrue(plan.edit("kind: Pod\n").message().contains("no spec.containers"));
    }

    @Test
    void outOfRangeValuesAreRejectedBeforeAnyPlan() {
        Validation<ConfigEditPlans> plans = ConfigEditPlans.forDistribution(Distribution.KUBEADM, V132,
                TuningChange.none().withGraceAndLease(Duration.ofSeconds(3), 4), YAML);
        assertFalse(plans.isValid());
        assertTrue(plans.message().contains("grace period 3s is outside 10s–10m0s"), plans.message());
        assertTrue(plans.message().contains("lease duration 4 s"), plans.message());
    }

    @Test
    void backupsAndTempFilesAreHiddenSoTheKubeletIgnoresThem() {
        ConfigEditPlan plan = plans(Distribution.KUBEADM, V132, FAST).controlPlane().get(0);
        assertEquals("/etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-backup-20261126T070000Z",
                plan.backupPath(Instant.parse("2026-11-26T07:00:00Z")));
        assertEquals("/etc/kubernetes/manifests/.kube-controller-manager.yaml.pirack-new", plan.tempPath());
    }

    // k3s

    @Test
    void k3sEditRewritesOnlyTheComponentKeyKeepingOtherArgs() {
        ConfigEditPlans plans = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), FAST.withDefaultTolerations(10, 5));
        assertEquals(1, plans.controlPlane().size());
        assertTrue(plans.everyNode().isEmpty());
        assertTrue(plans.notes().get(0).contains("lease duration has no command-line flag"));
        assertTrue(plans.notes().get(1).contains("restart the demo Deployments"), plans.notes().toString());
        ConfigEditPlan plan = plans.controlPlane().get(0);
        assertEquals(RestartAction.systemctlRestart("k3s"), plan.restart());
        String before = resource("k3s-config.yaml");
        FileEdit edit = plan.edit(before).orThrow();
        ComponentFlags flags = ComponentFlags.fromK3sConfig(YAML.parse(edit.after()).orThrow()).orThrow();
        assertEquals("20s", flags.controllerManager().get("node-monitor-grace-period").orElseThrow());
        assertEquals("10", flags.controllerManager().get("terminated-pod-gc-threshold").orElseThrow());
        assertEquals("5", flags.apiServer().get("default-unreachable-toleration-seconds").orElseThrow());
        assertEquals("5s", flags.kubelet().get("node-status-update-frequency").orElseThrow());
        assertTrue(edit.after().startsWith("# /etc/rancher/k3s/config.yaml on pi1 (server)\nwrite-kubeconfig-mode: \"0644\"\n"
                + "tls-san:\n  - \"pi1.local\"\n"), edit.after());
        assertTrue(edit.after().contains("kube-controller-manager-arg:\n  - \"node-monitor-grace-period=20s\"\n"
                + "  - \"terminated-pod-gc-threshold=10\"\nkubelet-arg: \"node-status-update-frequency=5s\"\n"), edit.after());
    }

    @Test
    void k3sMissingConfigFileIsCreated() {
        ConfigEditPlan plan = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), TOLERATIONS).controlPlane().get(0);
        assertTrue(plan.createsMissingFile());
        FileEdit edit = plan.edit(null).orThrow();
        assertTrue(edit.createsFile());
        assertEquals("kube-apiserver-arg:\n  - \"default-not-ready-toleration-seconds=10\"\n"
                + "  - \"default-unreachable-toleration-seconds=5\"\n", edit.after());
    }

    @Test
    void k3sSingleStringArgBecomesListWithTheNewFlag() {
        TuningChange change = TuningChange.none().withGraceAndLease(Duration.ofSeconds(30), 40);
        ConfigEditPlan plan = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), change).controlPlane().get(0);
        FileEdit edit = plan.edit("kube-controller-manager-arg: \"bind-address=0.0.0.0\"\ntoken: abc\n").orThrow();
        assertEquals("kube-controller-manager-arg:\n  - \"bind-address=0.0.0.0\"\n  - \"node-monitor-grace-period=30s\"\ntoken: abc\n",
                edit.after());
    }

    @Test
    void k3sFlowListIsReplacedAsAWhole() {
        TuningChange change = TuningChange.none().withGraceAndLease(Duration.ofSeconds(30), 40);
        ConfigEditPlan plan = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), change).controlPlane().get(0);
        FileEdit edit = plan.edit("kube-controller-manager-arg: [\"node-monitor-grace-period=50s\",\n  \"v=2\"]\n").orThrow();
        assertEquals("kube-controller-manager-arg:\n  - \"node-monitor-grace-period=30s\"\n  - \"v=2\"\n", edit.after());
    }

    @Test
    void k3sDuplicateKeyIsRefused() {
        ConfigEditPlan plan = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), TOLERATIONS).controlPlane().get(0);
        assertFalse(plan.edit("kube-apiserver-arg: a=1\nkube-apiserver-arg: b=2\n").isValid());
    }

    @Test
    void k3sConfigThatIsAListIsRefused() {
        ConfigEditPlan plan = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), TOLERATIONS).controlPlane().get(0);
        assertTrue(plan.edit("- a\n- b\n").message().contains("not a map"));
    }

    // MicroK8s

    @Test
    void microk8sArgsEditReplacesSpaceSeparatedLineAndAppendsNewFlag() {
        ConfigEditPlans plans = plans(Distribution.MICROK8S, V132, TOLERATIONS);
        ConfigEditPlan plan = plans.controlPlane().get(0);
        assertEquals(ConfigPaths.MICROK8S_API_SERVER, plan.path());
        assertEquals(RestartAction.microk8sStopStart(), plan.restart());
        String before = resource("microk8s-kube-apiserver");
        FileEdit edit = plan.edit(before).orThrow();
        assertEquals(before.replace("--default-unreachable-toleration-seconds 60\n", "--default-unreachable-toleration-seconds=5\n")
                + "--default-not-ready-toleration-seconds=10\n", edit.after());
    }

    @Test
    void microk8sControllerManagerKeepsCommentsAndBlankLines() {
        TuningChange change = TuningChange.none().withGraceAndLease(Duration.ofSeconds(30), 40);
        ConfigEditPlans plans = plans(Distribution.MICROK8S, V132, change);
        String before = resource("microk8s-kube-controller-manager");
        FileEdit edit = plans.controlPlane().get(0).edit(before).orThrow();
        assertEquals(before + "--node-monitor-grace-period=30s\n", edit.after());
    }

    @Test
    void microk8sArgsFileWithoutFinalNewlineGetsOneBeforeTheNewLine() {
        ConfigEditPlan plan = plans(Distribution.MICROK8S, V132, TOLERATIONS).controlPlane().get(0);
        FileEdit edit = plan.edit("--secure-port=16443").orThrow();
        assertEquals("--secure-port=16443\n--default-not-ready-toleration-seconds=10\n--default-unreachable-toleration-seconds=5\n",
                edit.after());
    }

    @Test
    void obsoletePodEvictionTimeoutIsRemovedFromMicroK8sAndK3sToo() {
        ConfigEditPlan microk8s = plans(Distribution.MICROK8S, V132, FAST).controlPlane().get(0);
        FileEdit args = microk8s.edit("--pod-eviction-timeout=30s\n--profiling=false\n").orThrow();
        assertEquals("--profiling=false\n--node-monitor-grace-period=20s\n", args.after());

        ConfigEditPlan k3s = plans(Distribution.K3S, KubeVersion.parse("v1.31.4+k3s1"), FAST).controlPlane().get(0);
        FileEdit config = k3s.edit("kube-controller-manager-arg:\n  - pod-eviction-timeout=30s\n").orThrow();
        assertEquals("kube-controller-manager-arg:\n  - \"node-monitor-grace-period=20s\"\n", config.after());
    }

    @Test
    void otherDistributionHasNoPlansButSaysWhy() {
        ConfigEditPlans plans = plans(Distribution.OTHER, V132, FAST);
        assertTrue(plans.controlPlane().isEmpty());
        assertTrue(plans.notes().get(0).contains("tolerationSeconds"));
    }

    @Test
    void flagChangesKeepProgramNameAndSeparateValueShape() {
        FlagChanges changes = FlagChanges.setting(new TreeMap<>(Map.of("node-monitor-grace-period", "20s")));
        assertEquals(List.of("kcm", "--a=1", "--node-monitor-grace-period=20s", "--z"),
                changes.applyToWords(List.of("kcm", "--a=1", "--node-monitor-grace-period", "40s", "--z"), true));
    }
}
