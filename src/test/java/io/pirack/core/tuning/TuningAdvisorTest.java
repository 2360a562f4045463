package io.pirack.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.Toleration;
import io.pirack.core.tuning.TuningWarning.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TuningAdvisorTest {

    private static EffectiveSettings withControllerFlags(String version, String... flags) {
        return EffectiveSettings.defaults(KubeVersion.parse(version), Distribution.KUBEADM)
                .withControllerManagerFlags(FlagSet.fromComponentArgs(List.of(flags)), SettingSource.controllerManagerMirrorPod());
    }

    private static List<Severity> severities(EffectiveSettings s) {
        return TuningAdvisor.warnings(s).stream().map(TuningWarning::severity).toList();
    }

    @Test
    void podEvictionTimeoutIsFatalFrom127() {
        List<TuningWarning> warnings = TuningAdvisor.warnings(withControllerFlags("v1.27.0", "pod-eviction-timeout=30s"));
        TuningWarning fatal = warnings.stream().filter(w -> w.severity() == Severity.FATAL).findFirst().orElseThrow();
        assertTrue(fatal.message().contains("does not start"), fatal.message());
        assertTrue(fatal.fix().contains("Remove --pod-eviction-timeout"));
    }

    @Test
    void podEvictionTimeoutBefore127IsOnlyAWarning() {
        assertFalse(severities(withControllerFlags("v1.26.9", "pod-eviction-timeout=30s")).contains(Severity.FATAL));
        assertTrue(severities(withControllerFlags("v1.26.9", "pod-eviction-timeout=30s")).contains(Severity.WARNING));
    }

    @Test
    void graceUnderThreeRenewalsIsAFlappingRisk() {
        // 20 s grace, default lease 40 s → renew every 10 s: only two renewals.
        TuningWarning flap = TuningAdvisor.warnings(withControllerFlags("v1.32.0", "node-monitor-grace-period=20s")).stream()
                .filter(w -> w.message().contains("flapping")).findFirst().orElseThrow();
        assertTrue(flap.fix().contains("at most 26 s"), flap.fix());
    }

    @Test
    void shortGraceWithShortLeaseIsNotFlagged() {
        EffectiveSettings s = withControllerFlags("v1.32.0", "node-monitor-grace-period=20s")
                .withKubeletConfig(Map.of("nodeLeaseDurationSeconds", 24), SettingSource.kubeletConfigz());
        assertTrue(TuningAdvisor.warnings(s).stream().noneMatch(w -> w.message().contains("flapping")));
    }

    @Test
    void exactlyThreeRenewalsIsSafe() {
        assertFalse(TuningAdvisor.isFlappingRisk(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertTrue(TuningAdvisor.isFlappingRisk(Duration.ofMillis(29_999), Duration.ofSeconds(10)));
    }

    @Test
    void defaultsOn132PredictAboutSixMinutesWithTheTaintOneMonitorPassLate() {
        FailoverPrediction p = FailoverPrediction.predict(
                EffectiveSettings.defaults(KubeVersion.parse("v1.32.1"), Distribution.KUBEADM), List.of());
        // grace 50 s − renew 10 s (+ monitor 5 s: the NoExecute taint trails NotReady by one pass up to 1.33)
        assertEquals(Duration.ofSeconds(45 + 300), p.earliest().orElseThrow());
        // grace 50 s + two 5 s checks (+ the 5 s lag)
        assertEquals(Duration.ofSeconds(65 + 300), p.latest().orElseThrow());
        assertEquals("5 min 45 s – 6 min 05 s", p.summary());
        assertTrue(p.explanation().stream().anyMatch(l -> l.contains("one check later")), p.explanation().toString());
    }

    @Test
    void defaultsOn134TaintInTheSamePass() {
        FailoverPrediction p = FailoverPrediction.predict(
                EffectiveSettings.defaults(KubeVersion.parse("v1.34.1"), Distribution.KUBEADM), List.of());
        assertEquals(Duration.ofSeconds(40 + 300), p.earliest().orElseThrow());
        assertEquals(Duration.ofSeconds(60 + 300), p.latest().orElseThrow());
    }

    @Test
    void podTolerationOverridesTheApiServerDefault() {
        List<Toleration> tolerations = List.of(
                new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 5L),
                new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 5L),
                new Toleration("dedicated", "Equal", "demo", "NoSchedule", null));
        EffectiveSettings s = withControllerFlags("v1.32.1", "node-monitor-grace-period=20s");
        FailoverPrediction p = FailoverPrediction.predict(s, tolerations);
        // + one 5 s monitor pass on 1.32 before the NoExecute taint
        assertEquals(Duration.ofSeconds(10 + 5 + 5), p.earliest().orElseThrow());
        assertEquals(Duration.ofSeconds(20 + 10 + 5 + 5), p.latest().orElseThrow());
        assertEquals("pod toleration", p.tolerationSource());
    }

    @Test
    void theFirstMatchingTolerationCountsAndNegativeMeansAtOnce() {
        // Upstream's GetMatchingTolerations uses the first toleration that matches a taint.
        List<Toleration> tolerations = List.of(
                new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", 8L),
                new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", -1L));
        assertEquals(Duration.ofSeconds(8), FailoverPrediction.predict(withControllerFlags("v1.32.1"), tolerations).evictionDelay().orElseThrow());
        List<Toleration> negativeFirst = List.of(
                new Toleration("node.kubernetes.io/unreachable", "Exists", null, "NoExecute", -1L));
        assertEquals(Duration.ZERO, FailoverPrediction.predict(withControllerFlags("v1.32.1"), negativeFirst).evictionDelay().orElseThrow());
    }

    @Test
    void tolerationWithoutSecondsMeansPodsNeverMove() {
        List<Toleration> tolerations = List.of(new Toleration(null, "Exists", null, null, null));
        FailoverPrediction p = FailoverPrediction.predict(withControllerFlags("v1.32.1"), tolerations);
        assertFalse(p.movesPods());
        assertTrue(p.summary().startsWith("never"));
    }

    @Test
    void apiServerDefaultTolerationIsUsedWhenTemplateHasNone() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.30.0"), Distribution.MICROK8S)
                .withApiServerFlags(FlagSet.fromComponentArgs(List.of("default-unreachable-toleration-seconds=60")),
                        SettingSource.microk8sArgsFile());
        FailoverPrediction p = FailoverPrediction.predict(s, List.of(
                new Toleration("node.kubernetes.io/not-ready", "Exists", null, "NoExecute", 1L)));
        assertEquals(Duration.ofSeconds(60), p.evictionDelay().orElseThrow());
        assertTrue(p.tolerationSource().contains("microk8s args file"));
    }
}
