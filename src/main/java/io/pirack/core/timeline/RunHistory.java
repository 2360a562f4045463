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

    /** Median durations of one group; a median is null when no run reached that milestone. */
    public record RunStats(String tuningLabel, int runs, int recovered, Duration medianToLinkLoss,
                           Duration medianToNotReady, Duration medianToNoExecuteTaint,
                           Duration medianToFirstEviction, Duration medianToFirstReplacementReady,
                           Duration medianToLastReplacementReady) {

        static RunStats of(String label, List<FailoverRun> group) {
            List<RunMetrics> metrics = group.stream().map(FailoverRun::metrics).toList();
            return new RunStats(label, group.size(), (int) group.stream().filter(FailoverRun::recovered).count(),
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
