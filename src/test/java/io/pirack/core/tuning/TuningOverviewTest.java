package io.pirack.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TuningOverviewTest {

    @Test
    void rowsCarrySourcesAndWorkloadsCarryPredictions() {
        EffectiveSettings s = EffectiveSettings.defaults(KubeVersion.parse("v1.32.3"), Distribution.KUBEADM)
                .withControllerManagerFlags(FlagSet.fromComponentArgs(List.of("pod-eviction-timeout=30s")),
                        SettingSource.controllerManagerMirrorPod());
        List<Toleration> tuned = TolerationTuning.tuned(List.of(), 5).orThrow();
        TuningOverview overview = TuningOverview.of(s, List.of(
                new DemoWorkload("demo", "hello", tuned),
                new DemoWorkload("demo", "legacy", List.of()),
                new DemoWorkload("demo", "sticky", List.of(new Toleration(null, "Exists", null, null, null)))));

        assertEquals(new TuningOverview.SettingRow("Kubernetes", "v1.32.3", "kubeadm"), overview.rows().get(0));
        assertEquals(new TuningOverview.SettingRow("Grace period (node-monitor-grace-period)", "50s", "default for v1.32"),
                overview.rows().get(1));
        assertEquals("--pod-eviction-timeout (obsolete)", overview.rows().get(overview.rows().size() - 1).name());
        assertTrue(overview.warnings().stream().anyMatch(w -> w.severity() == TuningWarning.Severity.FATAL));

        TuningOverview.WorkloadRow hello = overview.workloads().get(0);
        assertEquals("5 s", hello.toleration());
        assertTrue(hello.tuned());
        // v1.32: grace 50 s − renew 10 s + one-pass taint lag 5 s .. grace + two 5 s checks + lag, then 5 s
        assertEquals("50 s – 1 min 10 s", hello.prediction().summary());
        assertEquals("300 s (API server default)", overview.workloads().get(1).toleration());
        assertFalse(overview.workloads().get(1).tuned());
        assertEquals("forever", overview.workloads().get(2).toleration());
    }
}
