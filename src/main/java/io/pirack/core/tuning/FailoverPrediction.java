package io.pirack.core.tuning;

import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
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
        Duration earliest = grace.minus(renew).isNegative() ? Duration.ZERO : grace.minus(renew);
        Duration latest = grace.plus(monitor);

        List<Toleration> matching = podTolerations.stream()
                .filter(t -> t.tolerates(Taint.UNREACHABLE, Taint.NO_EXECUTE))
                .toList();
        Optional<Duration> eviction;
        String tolerationSource;
        if (matching.isEmpty()) {
            long seconds = settings.defaultUnreachableTolerationSeconds().value();
            eviction = Optional.of(Duration.ofSeconds(seconds));
            tolerationSource = "API server default (" + settings.defaultUnreachableTolerationSeconds().source() + ")";
        } else if (matching.stream().anyMatch(t -> t.seconds() == null)) {
            eviction = Optional.empty();
            tolerationSource = "pod toleration without tolerationSeconds";
        } else {
            long seconds = matching.stream().mapToLong(Toleration::seconds).min().orElseThrow();
            eviction = Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
            tolerationSource = "pod toleration";
        }
        List<String> explanation = List.of(
                "Last heartbeat: up to " + GoDuration.format(renew) + " before the pull (lease renewed every "
                        + GoDuration.format(renew) + ", " + settings.nodeLeaseDuration().source() + ").",
                "Node marked unreachable " + GoDuration.format(grace) + " after the last heartbeat (grace period, "
                        + settings.nodeMonitorGracePeriod().source() + "), checked every " + GoDuration.format(monitor) + ".",
                eviction.map(d -> "Pods marked for deletion " + GoDuration.format(d) + " later (" + tolerationSource
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
