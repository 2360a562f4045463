package io.pirack.core.timeline;

import io.pirack.core.cluster.TimeText;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** A finished (or running) failover as plain text: what {@code pirack drill} prints. */
public final class RunReport {

    private RunReport() {
    }

    public static String text(FailoverRun run) {
        StringBuilder out = new StringBuilder();
        out.append("Failover of ").append(run.node()).append(": ").append(run.trigger()).append(", tuning ")
                .append(run.settings().tuningLabel()).append('\n');
        out.append("Outcome: ").append(run.outcome().label());
        if (run.end() != null) {
            out.append(" after ").append(String.format(Locale.ROOT, "%.3f s",
                    Duration.between(run.start(), run.end()).toMillis() / 1000.0));
        }
        out.append('\n');
        RunVerdict verdict = run.verdict();
        out.append("Verdict: ").append(verdict.headline()).append('\n');
        for (StayingPod staying : run.staying()) {
            out.append("Expected: ").append(staying.explanation(run.node())).append('\n');
        }
        if (run.failureReason() != null) {
            out.append("Reason: ").append(run.failureReason()).append('\n');
        }
        run.notes().forEach(note -> out.append("Note: ").append(note).append('\n'));

        out.append("\nEvents (offset from start, PiRack time, server time):\n");
        for (TimelineEvent event : run.events()) {
            out.append(String.format(Locale.ROOT, "  %s  %-12s %-8s %-10s %s%n", offset(event.receivedAt(), run),
                    TimeText.clock(event.receivedAt()) + "." + millis(event.receivedAt()),
                    TimeText.clock(event.serverTime()), event.lane(), event.describe()));
        }

        out.append("\nKey durations:\n");
        for (RunMilestone key : RunMilestone.values()) {
            Milestone milestone = key.of(run);
            out.append(String.format(Locale.ROOT, "  %-24s %s%n", key.label(),
                    milestone == null ? "—" : offset(milestone.receivedAt(), run).trim()));
        }
        Prediction p = run.prediction();
        if (run.outcome() == RunOutcome.ALREADY_DOWN) {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "  %-24s %s … %s%n", "predicted NotReady",
                offset(p.notReadyEarliest(), run).trim(), offset(p.notReadyLatest(), run).trim()));
        if (p.evictionEarliest() != null) {
            out.append(String.format(Locale.ROOT, "  %-24s %s … %s (tolerationSeconds %d)%n", "predicted eviction",
                    offset(p.evictionEarliest(), run).trim(), offset(p.evictionLatest(), run).trim(),
                    p.toleranceSeconds()));
        }
        PredictionCheck.misses(run).forEach(miss -> out.append("  Note: ").append(miss).append('\n'));

        if (!run.pods().isEmpty()) {
            out.append("\nPods:\n");
            for (PodFailover pod : run.pods()) {
                out.append("  ").append(pod.evicted().key());
                if (pod.replacement() != null) {
                    out.append(" → ").append(pod.replacement().key());
                    if (pod.replacementNode() != null) {
                        out.append(" on ").append(pod.replacementNode());
                    }
                }
                out.append(": ").append(pod.fate().label());
                if (!pod.movable()) {
                    out.append(" (stays by design)");
                }
                if (pod.marked() != null) {
                    out.append(", evicted ").append(offset(pod.marked().receivedAt(), run).trim());
                }
                if (pod.replacementReady() != null) {
                    out.append(", Ready ").append(offset(pod.replacementReady().receivedAt(), run).trim());
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String offset(Instant at, FailoverRun run) {
        return offset(Duration.between(run.start(), at));
    }

    private static String offset(Duration duration) {
        return String.format(Locale.ROOT, "%+9.3f s", duration.toMillis() / 1000.0);
    }

    private static String millis(Instant at) {
        return String.format(Locale.ROOT, "%03d", at.getNano() / 1_000_000);
    }
}
