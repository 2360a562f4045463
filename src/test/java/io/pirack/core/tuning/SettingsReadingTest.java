package io.pirack.core.tuning;

import static io.pirack.core.tuning.TuningFixtures.YAML;
import static io.pirack.core.tuning.TuningFixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Effective settings read from captured shapes of kubeadm, k3s and MicroK8s configuration. */
class SettingsReadingTest {

    private static List<String> command(String manifest) {
        Map<?, ?> doc = (Map<?, ?>) YAML.parse(manifest).orThrow();
        Map<?, ?> container = (Map<?, ?>) ((List<?>) ((Map<?, ?>) doc.get("spec")).get("containers")).get(0);
        return ((List<?>) container.get("command")).stream().map(String::valueOf).toList();
    }

    @Test
    void defaultGraceIs40SecondsBefore132And50From132() {
        assertEquals(Duration.ofSeconds(40),
                EffectiveSettings.defaults(KubeVersion.parse("v1.31.4"), Distribution.KUBEADM).nodeMonitorGracePeriod().value());
        EffectiveSettings v132 = EffectiveSettings.defaults(KubeVersion.parse("v1.32.0+k3s1"), Distribution.K3S);
        assertEquals(Duration.ofSeconds(50), v132.nodeMonitorGracePeriod().value());
        assertEquals("default for v1.32", v132.nodeMonitorGracePeriod().source().description());
        assertEquals(Duration.ofSeconds(10), v132.leaseRenewInterval());
        assertEquals(300L, v132.defaultUnreachableTolerationSeconds().value());
    }

    @Test
    void unknownVersionAssumesNewestDefaults() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("garbage"), Distribution.OTHER);
        assertEquals(Duration.ofSeconds(50), s.nodeMonitorGracePeriod().value());
        assertEquals("default for an unknown version", s.nodeMonitorGracePeriod().source().description());
    }

    @Test
    void untouchedKubeadmControllerManagerKeepsDefaultsWithDefaultSource() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.32.3"), Distribution.KUBEADM)
                .withControllerManagerFlags(FlagSet.fromArgs(command(resource("kubeadm-kube-controller-manager.yaml"))),
                        SettingSource.controllerManagerMirrorPod());
        assertEquals(Duration.ofSeconds(50), s.nodeMonitorGracePeriod().value());
        assertEquals(SettingSource.defaultFor(KubeVersion.parse("v1.32.3")), s.nodeMonitorGracePeriod().source());
        assertTrue(s.podEvictionTimeout().isEmpty());
    }

    @Test
    void seedArticleManifestShowsGracePeriodAndObsoleteFlagFromMirrorPod() {
        FlagSet flags = FlagSet.fromArgs(command(resource("kubeadm-kube-controller-manager.seed-article.yaml")));
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.29.6"), Distribution.KUBEADM)
                .withControllerManagerFlags(flags, SettingSource.controllerManagerMirrorPod());
        assertEquals(Duration.ofSeconds(20), s.nodeMonitorGracePeriod().value());
        assertEquals("kube-controller-manager mirror pod command", s.nodeMonitorGracePeriod().source().description());
        assertEquals(Duration.ofSeconds(2), s.nodeMonitorPeriod().value());
        assertEquals("30s", s.podEvictionTimeout().orElseThrow().value());
    }

    @Test
    void k3sNodeArgsAnnotationGivesControllerManagerAndKubeletFlags() {
        ComponentFlags flags = ComponentFlags.fromK3sNodeArgs(resource("k3s-node-args.json")).orThrow();
        assertEquals("30s", flags.controllerManager().get("node-monitor-grace-period").orElseThrow());
        assertEquals("10", flags.controllerManager().get("terminated-pod-gc-threshold").orElseThrow());
        assertEquals("5s", flags.kubelet().get("node-status-update-frequency").orElseThrow());
        assertTrue(flags.apiServer().isEmpty());
        assertFalse(flags.controllerManager().has("token"), "server flags are not component flags");

        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.31.4+k3s1"), Distribution.K3S)
                .withControllerManagerFlags(flags.controllerManager(), SettingSource.k3sNodeArgs())
                .withKubeletFlags(flags.kubelet(), SettingSource.k3sNodeArgs());
        assertEquals(new Sourced<>(Duration.ofSeconds(30), SettingSource.k3sNodeArgs()), s.nodeMonitorGracePeriod());
        assertEquals(Duration.ofSeconds(5), s.nodeStatusUpdateFrequency().value());
    }

    @Test
    void k3sNodeArgsAcceptTheEqualsSpellingAndEscapes() {
        ComponentFlags flags = ComponentFlags.fromK3sNodeArgs(
                "[\"server\", \"--kube-apiserver-arg=default-unreachable-toleration-seconds=10\","
                        + " \"--node-label\", \"note=\\\"quoted\\\" \\u00e9\"]").orThrow();
        assertEquals("10", flags.apiServer().get("default-unreachable-toleration-seconds").orElseThrow());
    }

    @Test
    void brokenK3sNodeArgsAnnotationIsReportedNotGuessed() {
        assertFalse(ComponentFlags.fromK3sNodeArgs("[\"server\", \"--kube-controller-manager-arg\"").isValid());
        assertTrue(ComponentFlags.fromK3sNodeArgs("server --x").message().startsWith("k3s.io/node-args is not a JSON array"));
    }

    @Test
    void k3sConfigFileAcceptsListAndSingleString() {
        ComponentFlags flags = ComponentFlags.fromK3sConfig(YAML.parse(resource("k3s-config.yaml")).orThrow()).orThrow();
        assertEquals("30s", flags.controllerManager().get("node-monitor-grace-period").orElseThrow());
        assertEquals("5s", flags.kubelet().get("node-status-update-frequency").orElseThrow());
    }

    @Test
    void k3sConfigWithNonTextArgIsRejectedWithTheKey() {
        String message = ComponentFlags.fromK3sConfig(YAML.parse("kube-apiserver-arg:\n  - 5\n").orThrow()).message();
        assertTrue(message.contains("kube-apiserver-arg"), message);
    }

    @Test
    void microk8sArgsFileReadsBothFlagShapesAndQuotes() {
        FlagSet api = FlagSet.fromArgsFile(resource("microk8s-kube-apiserver"));
        assertEquals("60", api.get("default-unreachable-toleration-seconds").orElseThrow());
        assertEquals("unix://${SNAP_DATA}/var/kubernetes/backend/kine.sock:12379", api.get("etcd-servers").orElseThrow());
        assertEquals("https://kubernetes.default.svc", api.get("service-account-issuer").orElseThrow());
        FlagSet cm = FlagSet.fromArgsFile(resource("microk8s-kube-controller-manager"));
        assertEquals("true", cm.get("use-service-account-credentials").orElseThrow());
        assertFalse(cm.has("Enable"), "comment lines are skipped");

        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.32.3"), Distribution.MICROK8S)
                .withApiServerFlags(api, SettingSource.microk8sArgsFile());
        assertEquals(new Sourced<>(60L, SettingSource.microk8sArgsFile()), s.defaultUnreachableTolerationSeconds());
        assertEquals(300L, s.defaultNotReadyTolerationSeconds().value());
    }

    @Test
    void kubeadmKubeletConfigZeroDurationsMeanDefault() {
        Map<?, ?> config = (Map<?, ?>) YAML.parse(resource("kubeadm-kubelet-config.yaml")).orThrow();
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.32.3"), Distribution.KUBEADM)
                .withKubeletConfig(config, SettingSource.kubeletConfigFile());
        assertEquals(Duration.ofSeconds(10), s.nodeStatusUpdateFrequency().value());
        assertEquals(Duration.ofSeconds(40), s.nodeLeaseDuration().value());
        assertTrue(s.problems().isEmpty(), s.problems().toString());
    }

    @Test
    void kubeletConfigzValuesWinWithTheirSource() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.32.3"), Distribution.KUBEADM)
                .withKubeletConfig(Map.of("nodeLeaseDurationSeconds", 20, "nodeStatusUpdateFrequency", "4s"),
                        SettingSource.kubeletConfigz());
        assertEquals(new Sourced<>(Duration.ofSeconds(20), SettingSource.kubeletConfigz()), s.nodeLeaseDuration());
        assertEquals(Duration.ofSeconds(5), s.leaseRenewInterval());
        assertEquals(Duration.ofSeconds(4), s.nodeStatusUpdateFrequency().value());
    }

    @Test
    void unreadableValueKeepsPreviousAndIsReported() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.30.0"), Distribution.KUBEADM)
                .withControllerManagerFlags(FlagSet.fromArgs(List.of("kube-controller-manager", "--node-monitor-grace-period=fast")),
                        SettingSource.controllerManagerMirrorPod());
        assertEquals(Duration.ofSeconds(40), s.nodeMonitorGracePeriod().value());
        assertEquals(1, s.problems().size());
        assertTrue(s.problems().get(0).contains("--node-monitor-grace-period \"fast\""), s.problems().get(0));
    }

    @Test
    void flagSetReadsSeparateValueAndBareBooleanShapes() {
        FlagSet flags = FlagSet.fromArgs(List.of("kube-controller-manager", "--node-monitor-grace-period", "20s",
                "--leader-elect", "--v=2"));
        assertEquals("20s", flags.get("node-monitor-grace-period").orElseThrow());
        assertEquals("true", flags.get("leader-elect").orElseThrow());
        assertEquals("2", flags.get("v").orElseThrow());
    }

    @Test
    void rehearsalPresetGivesEverySettingWithItsSource() {
        RehearsalPreset preset = new RehearsalPreset(KubeVersion.parse("v1.32.0"), Duration.ofSeconds(8), Duration.ofSeconds(1),
                Duration.ofSeconds(2), 8, 2, 2);
        EffectiveSettings s = preset.toSettings();
        assertEquals(new Sourced<>(Duration.ofSeconds(8), SettingSource.rehearsalPreset()), s.nodeMonitorGracePeriod());
        assertEquals(Duration.ofSeconds(1), s.nodeMonitorPeriod().value());
        assertEquals(Duration.ofSeconds(2), s.leaseRenewInterval());
        assertEquals(new Sourced<>(2L, SettingSource.rehearsalPreset()), s.defaultUnreachableTolerationSeconds());
        assertEquals(Duration.ofSeconds(2), s.nodeStatusUpdateFrequency().value());
        assertEquals(RehearsalPreset.upstreamDefaults(KubeVersion.parse("v1.31.0")).nodeMonitorGracePeriod(), Duration.ofSeconds(40));
    }

    @Test
    void rehearsalPresetIsNamedAsSource() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.32.0"), Distribution.OTHER)
                .withControllerManagerFlags(FlagSet.fromComponentArgs(List.of("node-monitor-grace-period=8s")),
                        SettingSource.rehearsalPreset());
        assertEquals("rehearsal rack preset", s.nodeMonitorGracePeriod().source().description());
    }
}
