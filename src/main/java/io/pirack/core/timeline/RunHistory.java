package io.pirack.core.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/** Finished runs and their medians, grouped by tuning label to compare e.g. defaults with demo tuning. */
public record RunHistory(List<FailoverRun> runs) {

    public RunHistory {
        runs = List.copyOf(runs);
    }

    /** Medians per tuning label, labels in alphabetical order. */
    public Map<String, RunStats> byTuning() {
        Map<String, List<FailoverRun>> groups = new TreeMap<>();
        for (FailoverRun run : runs) {
            groups.computeIfAbsent(run.settings().tuningLabel(), l -> new ArrayList<>()).add(run);
        }
        Map<String, RunStats> stats = new TreeMap<>();
        groups.forEach((label, group) -> stats.put(label, RunStats.of(label, group)));
        return stats;
    }

    public RunStats overall() {
        return RunStats.of("all", runs);
    }

    /**
     * Median durations of one group; a median is null when no run reached that milestone. Medians are over the
     * runs that moved pods (recovered, with or without pods that stay by design): a run with nothing to move
     * ends at NotReady and would only pull the medians towards it.
     *
     * @param recovered      runs whose movable pods were all replaced and Ready
     * @param withStaying    of those, runs where StatefulSet or uncontrolled pods stayed behind by design
     * @param nothingToMove  runs on a node that held no pod Kubernetes would move (left out of the medians)
     */
    public record RunStats(String tuningLabel, int runs, int recovered, int withStaying, int nothingToMove,
                           Duration medianToLinkLoss,
                           Duration medianToNotReady, Duration medianToNoExecuteTaint,
                           Duration medianToFirstEviction, Duration medianToFirstReplacementReady,
                           Duration medianToLastReplacementReady) {

        static RunStats of(String label, List<FailoverRun> group) {
            List<RunVerdict> verdicts = group.stream().map(FailoverRun::verdict).toList();
            List<RunMetrics> metrics = group.stream().filter(r -> r.verdict().countsForMedians())
                    .map(FailoverRun::metrics).toList();
            return new RunStats(label, group.size(), (int) group.stream().filter(FailoverRun::recovered).count(),
                    (int) verdicts.stream().filter(v -> v.kind() == RunVerdict.Kind.RECOVERED_WITH_STAYING).count(),
                    (int) verdicts.stream().filter(v -> v.kind() == RunVerdict.Kind.NOTHING_TO_MOVE).count(),
                    median(metrics, RunMetrics::toLinkLoss), median(metrics, RunMetrics::toNotReady),
                    median(metrics, RunMetrics::toNoExecuteTaint), median(metrics, RunMetrics::toFirstEviction),
                    median(metrics, RunMetrics::toFirstReplacementReady),
                    median(metrics, RunMetrics::toLastReplacementReady));
        }
    }

    static Duration median(List<RunMetrics> metrics, Function<RunMetrics, Duration> metric) {
        List<Duration> values = metrics.stream().map(metric).filter(Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return null;
        }
        int middle = values.size() / 2;
        if (values.size() % 2 == 1) {
            return values.get(middle);
        }
        return values.get(middle - 1).plus(values.get(middle)).dividedBy(2);
    }
}
