package io.pirack.core.timeline;

import io.pirack.core.cluster.TimeText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A run as the run view draws it: the phases as boundaries in seconds since the pull, each with the
 * predicted window it should fall in and whether it did, plus the outcome. Pure; the view only draws.
 *
 * @param title     "rpi3 · plug pulled (sim) · 14:03:22"
 * @param length    seconds from the pull to the end (or to now while in progress)
 * @param verdict   the outcome (its {@code summary()} is the row's outcome text)
 */
public record RunSummary(String node, Instant start, String title, double length, boolean inProgress,
                         RunVerdict verdict, List<Boundary> boundaries) {

    public RunSummary {
        boundaries = List.copyOf(boundaries);
    }

    /** How an actual milestone compares with its prediction. */
    public enum Fit { INSIDE, EARLY, LATE, NOT_PREDICTED }

    /**
     * One phase boundary.
     *
     * @param seconds        when it happened, seconds since the pull; null = not reached
     * @param predictedFrom  start of the predicted window (seconds since the pull); null = no prediction
     * @param predictedTo    end of the predicted window
     */
    public record Boundary(RunMilestone milestone, Double seconds, Double predictedFrom, Double predictedTo, Fit fit) {

        /** "NotReady 10.4 s" or "NotReady —". */
        public String text() {
            return milestone.label() + " " + (seconds == null ? "—" : RunSummary.seconds(seconds));
        }

        /** "inside 10.0–12.0 s", "2.3 s late (predicted 10.0–12.0 s)", or "" without a prediction. */
        public String fitText() {
            if (predictedFrom == null || seconds == null) {
                return predictedFrom == null ? "" : "predicted " + window();
            }
            return switch (fit) {
                // Inside by the tolerance but outside as printed ("15.2 s ✓ inside 14.1–15.1 s" reads as a contradiction).
                case INSIDE -> (shownInside() ? "✓ inside " : String.format(Locale.ROOT, "✓ within %.1f s of ", TOLERANCE_SECONDS))
                        + window();
                case EARLY -> String.format(Locale.ROOT, "▼ %.1f s early (predicted %s)", predictedFrom - seconds, window());
                case LATE -> String.format(Locale.ROOT, "▲ %.1f s late (predicted %s)", seconds - predictedTo, window());
                case NOT_PREDICTED -> "";
            };
        }

        /** The milestone's seconds lie in the window as both are printed (to a tenth). */
        private boolean shownInside() {
            double shown = tenths(seconds);
            return tenths(predictedFrom) <= shown && shown <= tenths(predictedTo);
        }

        private static double tenths(double s) {
            return Math.round(s * 10) / 10.0;
        }

        private String window() {
            return predictedFrom.equals(predictedTo) ? RunSummary.seconds(predictedFrom)
                    : String.format(Locale.ROOT, "%.1f–%.1f s", predictedFrom, predictedTo);
        }
    }

    /** The phases shown on the bar, in story order. */
    public static final List<RunMilestone> PHASES = List.of(RunMilestone.LINK_LOST, RunMilestone.LAST_HEARTBEAT,
            RunMilestone.NOT_READY, RunMilestone.NO_EXECUTE_TAINT, RunMilestone.FIRST_EVICTION,
            RunMilestone.FIRST_REPLACEMENT_READY, RunMilestone.LAST_REPLACEMENT_READY);

    /** Half a second either side counts as inside: PiRack sees a write some milliseconds after it happens. */
    static final double TOLERANCE_SECONDS = 0.5;

    public static RunSummary of(FailoverRun run, Instant now) {
        Prediction p = run.prediction();
        boolean predicted = p != null && run.trigger().startsWith("plug");
        Duration monitor = run.settings().nodeMonitorPeriod();
        List<Boundary> boundaries = new ArrayList<>();
        for (RunMilestone m : PHASES) {
            Milestone at = m.of(run);
            Double actual = at == null ? null : offset(run, at.receivedAt());
            Instant from = null;
            Instant to = null;
            if (predicted) {
                switch (m) {
                    case NOT_READY -> {
                        from = p.notReadyEarliest();
                        to = p.notReadyLatest();
                    }
                    case NO_EXECUTE_TAINT -> {
                        // At once (1.34+), or one monitor pass after NotReady (1.29–1.33, k/k #120815).
                        from = p.notReadyEarliest();
                        to = p.notReadyLatest().plus(monitor);
                    }
                    case FIRST_EVICTION -> {
                        // The taint's timeAdded has one-second resolution, so eviction can come a second early.
                        from = p.evictionEarliest() == null ? null : p.evictionEarliest().minusSeconds(1);
                        to = p.evictionLatest();
                    }
                    default -> {
                    }
                }
            }
            Double predictedFrom = from == null ? null : offset(run, from);
            Double predictedTo = to == null ? null : offset(run, to);
            boundaries.add(new Boundary(m, actual, predictedFrom, predictedTo, fit(actual, predictedFrom, predictedTo)));
        }
        String title = run.node() + " · " + run.trigger() + " · " + TimeText.clock(run.start());
        double length = run.elapsed(now).toMillis() / 1000.0;
        return new RunSummary(run.node(), run.start(), title, length, run.inProgress(), run.verdict(), boundaries);
    }

    static Fit fit(Double actual, Double from, Double to) {
        if (actual == null || from == null) {
            return Fit.NOT_PREDICTED;
        }
        if (actual < from - TOLERANCE_SECONDS) {
            return Fit.EARLY;
        }
        return actual > to + TOLERANCE_SECONDS ? Fit.LATE : Fit.INSIDE;
    }

    /** The right end of the bar: the run's length, or the furthest boundary or prediction. */
    public double scaleEnd() {
        double end = length;
        for (Boundary b : boundaries) {
            if (b.seconds() != null) {
                end = Math.max(end, b.seconds());
            }
            if (b.predictedTo() != null) {
                end = Math.max(end, b.predictedTo());
            }
        }
        return Math.max(end, 1);
    }

    private static double offset(FailoverRun run, Instant at) {
        return Duration.between(run.start(), at).toMillis() / 1000.0;
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }
}
