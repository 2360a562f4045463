package io.pirack.core.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Tuning screen shows, ready to bind: one row per setting with its source, the warnings,
 * and per demo Deployment its toleration and predicted failover time.
 */
public record TuningOverview(EffectiveSettings settings, List<SettingRow> rows, List<TuningWarning> warnings,
                             List<WorkloadRow> workloads) {

    public TuningOverview {
        rows = List.copyOf(rows);
        warnings = List.copyOf(warnings);
        workloads = List.copyOf(workloads);
    }

    /** "Grace period" | "50s" | "default for v1.32". */
    public record SettingRow(String name, String value, String source) {
    }

    /**
     * @param toleration "5 s", "300 s (API server default)" or "forever"
     */
    public record WorkloadRow(String deployment, String toleration, boolean tuned, FailoverPrediction prediction) {
    }

    public static TuningOverview of(EffectiveSettings s, List<DemoWorkload> workloads) {
        List<SettingRow> rows = new ArrayList<>();
        rows.add(new SettingRow("Kubernetes", s.version().isUnknown() ? "unknown" : s.version().text(), s.distribution().displayName()));
        rows.add(duration("Grace period (node-monitor-grace-period)", s.nodeMonitorGracePeriod()));
        rows.add(duration("Monitor period (node-monitor-period)", s.nodeMonitorPeriod()));
        rows.add(new SettingRow("Kubelet lease duration", s.nodeLeaseDuration().value().toSeconds() + " s (renews every "
                + GoDuration.format(s.leaseRenewInterval()) + ")", s.nodeLeaseDuration().source().description()));
        rows.add(duration("Kubelet status updates", s.nodeStatusUpdateFrequency()));
        rows.add(seconds("Default not-ready toleration", s.defaultNotReadyTolerationSeconds()));
        rows.add(seconds("Default unreachable toleration", s.defaultUnreachableTolerationSeconds()));
        s.podEvictionTimeout().ifPresent(p -> rows.add(new SettingRow("--pod-eviction-timeout (obsolete)", p.value(),
                p.source().description())));

        List<WorkloadRow> workloadRows = new ArrayList<>();
        for (DemoWorkload w : workloads) {
            FailoverPrediction prediction = FailoverPrediction.predict(s, w.tolerations());
            long tunedSeconds = TolerationTuning.currentSeconds(w.tolerations());
            String toleration = prediction.evictionDelay()
                    .map(d -> d.toSeconds() + " s" + (prediction.tolerationSource().startsWith("API server") ? " (API server default)" : ""))
                    .orElse("forever");
            workloadRows.add(new WorkloadRow(w.key(), toleration,
                    tunedSeconds >= TolerationTuning.MIN_SECONDS && tunedSeconds <= TolerationTuning.MAX_SECONDS, prediction));
        }
        return new TuningOverview(s, rows, TuningAdvisor.warnings(s), workloadRows);
    }

    private static SettingRow duration(String name, Sourced<Duration> value) {
        return new SettingRow(name, GoDuration.format(value.value()), value.source().description());
    }

    private static SettingRow seconds(String name, Sourced<Long> value) {
        return new SettingRow(name, value.value() + " s", value.source().description());
    }
}
