package io.pirack.core.tuning;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
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
}
