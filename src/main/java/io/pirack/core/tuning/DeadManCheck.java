package io.pirack.core.tuning;

import io.pirack.core.cluster.PodInfo;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pulled Pi restores itself after the rack's dead-man delay ({@code deadManSeconds} in rack.json).
 * If that comes before Kubernetes has moved the Pi's pods (the failover prediction) plus time for the
 * replacements to start, the audience sees the Pi come back and nothing move: say so, with the figures.
 */
public final class DeadManCheck {

    /** After eviction the replacement pods still have to be scheduled and start (image present). */
    public static final Duration START_MARGIN = Duration.ofSeconds(30);

    private DeadManCheck() {
    }

    /**
     * @param deadManSeconds the rack's dead-man delay
     * @param workloads      the demo Deployments and their predictions; the slowest one counts
     * @param fallback       the prediction for pods without their own toleration, used when no Deployment is chosen
     */
    public static Optional<TuningWarning> check(int deadManSeconds, List<TuningOverview.WorkloadRow> workloads,
                                                FailoverPrediction fallback) {
        Optional<TuningOverview.WorkloadRow> slowest = workloads.stream().filter(w -> w.prediction().movesPods())
                .max(Comparator.comparing(w -> w.prediction().latest().orElseThrow()));
        FailoverPrediction prediction = slowest.map(TuningOverview.WorkloadRow::prediction).orElse(fallback);
        if (!prediction.movesPods()) {
            return Optional.empty(); // nothing ever moves: TuningAdvisor and the prediction already say so
        }
        Duration deadMan = Duration.ofSeconds(deadManSeconds);
        Duration needed = prediction.latest().orElseThrow().plus(START_MARGIN);
        if (deadMan.compareTo(needed) >= 0) {
            return Optional.empty();
        }
        long suggested = Math.min(3600, (needed.toSeconds() + 9) / 10 * 10);
        String whose = slowest.map(w -> " (" + w.deployment() + ")").orElse("");
        boolean beforeEviction = deadMan.compareTo(prediction.earliest().orElseThrow()) < 0;
        return Optional.of(new TuningWarning(TuningWarning.Severity.WARNING,
                "A pulled Pi plugs itself back in after " + FailoverPrediction.humane(deadMan) + " (the dead-man restore), but its pods"
                        + " move only " + prediction.summary() + " after the pull" + whose + (beforeEviction
                        ? ": the Pi is back before Kubernetes evicts anything, so the audience sees nothing move."
                        : ": the Pi may be back before the replacement pods run."),
                "Set \"deadManSeconds\" in rack.json to at least " + suggested + " (the slowest move + "
                        + START_MARGIN.toSeconds() + " s for the new pods to start), or make the failover faster (Action 1: tolerationSeconds)."));
    }

    /**
     * The pull confirmation's check for one Pi: the pods on it that Kubernetes would move (not DaemonSets, not
     * already terminating), each with the tolerations the API server admitted, grouped by app.
     *
     * @return empty when the restore comes late enough, or when nothing on the Pi would move
     */
    public static Optional<TuningWarning> beforePull(int deadManSeconds, EffectiveSettings settings, List<PodInfo> podsOnThePi) {
        Map<String, TuningOverview.WorkloadRow> slowestByApp = new LinkedHashMap<>();
        for (PodInfo pod : podsOnThePi) {
            if (pod.isDaemon() || pod.terminating()) {
                continue;
            }
            FailoverPrediction prediction = FailoverPrediction.predict(settings, pod.tolerations());
            String app = pod.namespace() + "/" + pod.app();
            TuningOverview.WorkloadRow row = new TuningOverview.WorkloadRow(app, "", false, prediction);
            slowestByApp.merge(app, row, DeadManCheck::slower);
        }
        if (slowestByApp.isEmpty()) {
            return Optional.empty();
        }
        return check(deadManSeconds, List.copyOf(slowestByApp.values()), FailoverPrediction.predict(settings, List.of()));
    }

    /** The row whose pods move last; a row whose pods never move does not count. */
    private static TuningOverview.WorkloadRow slower(TuningOverview.WorkloadRow a, TuningOverview.WorkloadRow b) {
        if (!b.prediction().movesPods()) {
            return a;
        }
        if (!a.prediction().movesPods()) {
            return b;
        }
        return a.prediction().latest().orElseThrow().compareTo(b.prediction().latest().orElseThrow()) >= 0 ? a : b;
    }
}
