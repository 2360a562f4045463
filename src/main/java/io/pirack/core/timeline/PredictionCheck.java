package io.pirack.core.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a run kept to its {@link Prediction}: "eviction came 5.1 s earlier than predicted". An early
 * milestone means the rack does not follow the rules PiRack assumed (another Kubernetes version, tuning
 * changed behind PiRack's back); a late one is usually a busy control plane. Either is worth a line in
 * {@code pirack drill}, because the presenter's script quotes the prediction. Pure.
 */
public final class PredictionCheck {

    /** Kubernetes timestamps have 1 s resolution and the controllers run on a period; closer is on time. */
    static final Duration SLACK = Duration.ofSeconds(1);

    private PredictionCheck() {
    }

    /** One sentence per milestone outside its predicted window, empty when the run kept to the prediction. */
    public static List<String> misses(FailoverRun run) {
        List<String> out = new ArrayList<>();
        Prediction p = run.prediction();
        if (p == null || run.outcome() == RunOutcome.ALREADY_DOWN) {
            return out;
        }
        check("NotReady", run.notReady(), p.notReadyEarliest(), p.notReadyLatest(), run.start(), out);
        if (p.evictionEarliest() != null) {
            check("eviction", run.firstEviction(), p.evictionEarliest(), p.evictionLatest(), run.start(), out);
        }
        return out;
    }

    private static void check(String what, Milestone actual, Instant earliest, Instant latest, Instant start,
                              List<String> out) {
        if (actual == null || earliest == null || latest == null) {
            return;
        }
        Instant at = actual.receivedAt();
        if (at.isBefore(earliest.minus(SLACK))) {
            out.add(String.format(Locale.ROOT, "%s came %.1f s earlier than predicted (at +%.1f s, window +%.1f … +%.1f s):"
                            + " the rack does not follow the Kubernetes version or tuning PiRack assumed", what,
                    seconds(Duration.between(at, earliest)), seconds(Duration.between(start, at)),
                    seconds(Duration.between(start, earliest)), seconds(Duration.between(start, latest))));
        } else if (at.isAfter(latest.plus(SLACK))) {
            out.add(String.format(Locale.ROOT, "%s came %.1f s later than predicted (at +%.1f s, window +%.1f … +%.1f s):"
                            + " a busy control plane or a slow watch", what,
                    seconds(Duration.between(latest, at)), seconds(Duration.between(start, at)),
                    seconds(Duration.between(start, earliest)), seconds(Duration.between(start, latest))));
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
