package io.pirack.core.timeline;

import java.time.Duration;
import java.util.List;

/**
 * The numbers of a run, as offsets from its start (null = not reached). Equal metrics from a live run
 * and from its replayed recording are what "replay is deterministic" means.
 */
public record RunMetrics(String node, String tuningLabel, RunOutcome outcome, String failureReason,
                         Duration toLinkLoss, Duration toNotReady, Duration toNoExecuteTaint,
                         Duration toFirstEviction, Duration toFirstReplacementReady,
                         Duration toLastReplacementReady, Duration total, List<PodMetrics> pods) {

    public RunMetrics {
        pods = List.copyOf(pods);
    }

    /** One pod's breakdown, as offsets from the run start. */
    public record PodMetrics(String pod, String replacement, String replacementNode, PodFate fate,
                             Duration toEviction, Duration toReplacementCreated, Duration toReplacementScheduled,
                             Duration toReplacementRunning, Duration toReplacementReady) {
    }

    static RunMetrics of(FailoverRun run) {
        List<PodMetrics> pods = run.pods().stream()
                .map(p -> new PodMetrics(p.evicted().key(),
                        p.replacement() == null ? null : p.replacement().key(), p.replacementNode(), p.fate(),
                        run.timeTo(p.marked()), run.timeTo(p.replacementCreated()),
                        run.timeTo(p.replacementScheduled()), run.timeTo(p.replacementRunning()),
                        run.timeTo(p.replacementReady())))
                .toList();
        Duration total = run.end() == null ? null : Duration.between(run.start(), run.end());
        return new RunMetrics(run.node(), run.settings().tuningLabel(), run.outcome(), run.failureReason(),
                run.timeTo(run.linkLost()), run.timeTo(run.notReady()), run.timeTo(run.noExecuteTaint()),
                run.timeTo(run.firstEviction()), run.timeTo(run.firstReplacementReady()),
                run.timeTo(run.lastReplacementReady()), total, pods);
    }
}
