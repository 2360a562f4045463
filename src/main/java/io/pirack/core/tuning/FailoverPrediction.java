package io.pirack.core.tuning;

import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
import io.pirack.core.cluster.Tolerations;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How long from pulling a Pi's plug until its pods are marked for deletion and replaced elsewhere.
 * The node lifecycle controller notices after the grace period, counted from the last heartbeat
 * (up to one renew interval before the pull) and checked every monitor period; the taint eviction
 * controller then waits the pods' smallest {@code unreachable} NoExecute {@code tolerationSeconds}.
 *
 * @param detectedEarliest / detectedLatest  when the node turns NotReady/Unknown after the pull
 * @param evictionDelay    the pods' toleration; empty when they tolerate unreachable forever
 * @param explanation      one line per step, for the Tuning screen and the CLI
 */
public record FailoverPrediction(
        Duration detectedEarliest,
        Duration detectedLatest,
        Optional<Duration> evictionDelay,
        String tolerationSource,
        List<String> explanation) {

    public FailoverPrediction {
        explanation = List.copyOf(explanation);
    }

    /** Whether the pods move at all. */
    public boolean movesPods() {
        return evictionDelay.isPresent();
    }

    public Optional<Duration> earliest() {
        return evictionDelay.map(detectedEarliest::plus);
    }

    public Optional<Duration> latest() {
        return evictionDelay.map(detectedLatest::plus);
    }

    /** "about 5 min 40 s – 5 min 55 s" style summary, or "never" when the pods tolerate the taint forever. */
    public String summary() {
        if (!movesPods()) {
            return "never: the pods tolerate an unreachable node forever";
        }
        return humane(earliest().orElseThrow()) + " – " + humane(latest().orElseThrow());
    }

    /**
     * @param podTolerations the tolerations of the workload's pod template; empty when unknown, in
     *                       which case the API server's default applies
     */
    public static FailoverPrediction predict(EffectiveSettings settings, List<Toleration> podTolerations) {
        Duration grace = settings.nodeMonitorGracePeriod().value();
        Duration monitor = settings.nodeMonitorPeriod().value();
        Duration renew = settings.leaseRenewInterval();
        // Up to 1.33 the NoExecute taint comes one monitor pass after NotReady (kubernetes#120815).
        boolean taintOnePassLate = !settings.version().isUnknown() && !settings.version().atLeast(1, 34);
        Duration taintLag = taintOnePassLate ? monitor : Duration.ZERO;
        Duration earliest = (grace.minus(renew).isNegative() ? Duration.ZERO : grace.minus(renew)).plus(taintLag);
        // The controller sees a renewal at its next check (up to one period late), then needs the grace
        // period, then notices at its next check: up to grace + two periods.
        Duration latest = grace.plus(monitor.multipliedBy(2)).plus(taintLag);

        long defaultSeconds = settings.defaultUnreachableTolerationSeconds().value();
        boolean ownToleration = !Tolerations.admitted(podTolerations, defaultSeconds).contains(
                new Toleration(Taint.UNREACHABLE, "Exists", null, Taint.NO_EXECUTE, defaultSeconds));
        Optional<Duration> eviction = Tolerations.timeToEviction(Taint.UNREACHABLE, Tolerations.admitted(podTolerations, defaultSeconds));
        String tolerationSource;
        if (!ownToleration) {
            tolerationSource = "API server default (" + settings.defaultUnreachableTolerationSeconds().source() + ")";
        } else if (eviction.isEmpty()) {
            tolerationSource = "pod toleration without tolerationSeconds";
        } else {
            tolerationSource = "pod toleration";
        }
        List<String> explanation = new java.util.ArrayList<>(List.of(
                "Last heartbeat: up to " + GoDuration.format(renew) + " before the pull (lease renewed every "
                        + GoDuration.format(renew) + ", " + settings.nodeLeaseDuration().source() + ").",
                "Node marked unreachable " + GoDuration.format(grace) + " after the last heartbeat (grace period, "
                        + settings.nodeMonitorGracePeriod().source() + "), checked every " + GoDuration.format(monitor) + "."));
        if (taintOnePassLate) {
            explanation.add("On " + settings.version().shortName() + " the NoExecute taint follows one check later ("
                    + GoDuration.format(monitor) + "; fixed in v1.34).");
        }
        explanation.add(eviction.map(d -> "Pods marked for deletion " + GoDuration.format(d) + " later (" + tolerationSource
                        + "); the ReplicaSet replaces them at once.")
                .orElse("Pods never move: a toleration for node.kubernetes.io/unreachable has no tolerationSeconds."));
        return new FailoverPrediction(earliest, latest, eviction, tolerationSource, explanation);
    }

    static String humane(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        return seconds / 60 + " min " + String.format(Locale.ROOT, "%02d", seconds % 60) + " s";
    }
}
