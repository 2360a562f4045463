package io.pirack.core.tuning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control-plane settings the presenter asked for; empty fields stay as they are.
 *
 * @param nodeMonitorGracePeriod          kube-controller-manager {@code --node-monitor-grace-period}
 * @param nodeLeaseDurationSeconds        kubelet {@code nodeLeaseDurationSeconds} (renewal every quarter of it)
 * @param defaultNotReadyTolerationSeconds    kube-apiserver {@code --default-not-ready-toleration-seconds}
 * @param defaultUnreachableTolerationSeconds kube-apiserver {@code --default-unreachable-toleration-seconds}
 */
public record TuningChange(
        Optional<Duration> nodeMonitorGracePeriod,
        Optional<Integer> nodeLeaseDurationSeconds,
        Optional<Long> defaultNotReadyTolerationSeconds,
        Optional<Long> defaultUnreachableTolerationSeconds) {

    public static final Duration MIN_GRACE = Duration.ofSeconds(10);
    public static final Duration MAX_GRACE = Duration.ofMinutes(10);
    public static final int MIN_LEASE_SECONDS = 10;
    public static final int MAX_LEASE_SECONDS = 300;
    public static final long MAX_DEFAULT_TOLERATION_SECONDS = 3600;

    public static TuningChange none() {
        return new TuningChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TuningChange withGraceAndLease(Duration grace, int leaseSeconds) {
        return new TuningChange(Optional.of(grace), Optional.of(leaseSeconds), defaultNotReadyTolerationSeconds, defaultUnreachableTolerationSeconds);
    }

    public TuningChange withDefaultTolerations(long notReadySeconds, long unreachableSeconds) {
        return new TuningChange(nodeMonitorGracePeriod, nodeLeaseDurationSeconds, Optional.of(notReadySeconds), Optional.of(unreachableSeconds));
    }

    /** Every value out of range, as messages; empty when the change may be applied. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        nodeMonitorGracePeriod.ifPresent(g -> {
            if (g.compareTo(MIN_GRACE) < 0 || g.compareTo(MAX_GRACE) > 0) {
                problems.add("grace period " + GoDuration.format(g) + " is outside " + GoDuration.format(MIN_GRACE)
                        + "–" + GoDuration.format(MAX_GRACE));
            }
        });
        nodeLeaseDurationSeconds.ifPresent(s -> {
            if (s < MIN_LEASE_SECONDS || s > MAX_LEASE_SECONDS) {
                problems.add("lease duration " + s + " s is outside " + MIN_LEASE_SECONDS + "–" + MAX_LEASE_SECONDS + " s");
            }
        });
        defaultNotReadyTolerationSeconds.ifPresent(s -> checkToleration("not-ready", s, problems));
        defaultUnreachableTolerationSeconds.ifPresent(s -> checkToleration("unreachable", s, problems));
        return List.copyOf(problems);
    }

    private static void checkToleration(String which, long seconds, List<String> problems) {
        if (seconds < 0 || seconds > MAX_DEFAULT_TOLERATION_SECONDS) {
            problems.add("default " + which + " toleration " + seconds + " s is outside 0–" + MAX_DEFAULT_TOLERATION_SECONDS + " s");
        }
    }
}
