package io.pirack.core.timeline;

import java.time.Duration;
import java.util.Objects;

/**
 * The cluster settings that decide failover timing, plus how long PiRack waits before giving up on a
 * run. {@code tuningLabel} groups runs in the history ("kubernetes-defaults", "demo-tuned").
 *
 * @param nodeMonitorGracePeriod controller-manager {@code --node-monitor-grace-period} (50 s from 1.32)
 * @param nodeMonitorPeriod      controller-manager {@code --node-monitor-period} (5 s)
 * @param runTimeout             a run that has not ended this long after its start is reported as timed out
 */
public record FailoverSettings(String tuningLabel, Duration nodeMonitorGracePeriod, Duration nodeMonitorPeriod,
                               Duration runTimeout) {

    public static final String KUBERNETES_DEFAULTS = "kubernetes-defaults";
    public static final String DEMO_TUNED = "demo-tuned";

    public FailoverSettings {
        Objects.requireNonNull(tuningLabel, "tuningLabel");
        requirePositive(nodeMonitorGracePeriod, "node monitor grace period");
        requirePositive(nodeMonitorPeriod, "node monitor period");
        requirePositive(runTimeout, "run timeout");
    }

    /** Kubernetes 1.32+ defaults; pods keep the 300 s default tolerations, hence the long timeout. */
    public static FailoverSettings kubernetesDefaults() {
        return new FailoverSettings(KUBERNETES_DEFAULTS, Duration.ofSeconds(50), Duration.ofSeconds(5),
                Duration.ofMinutes(10));
    }

    public FailoverSettings withTimeout(Duration timeout) {
        return new FailoverSettings(tuningLabel, nodeMonitorGracePeriod, nodeMonitorPeriod, timeout);
    }

    public String describe() {
        return tuningLabel + " (grace " + nodeMonitorGracePeriod.toSeconds() + " s, monitor period "
                + nodeMonitorPeriod.toSeconds() + " s)";
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be longer than zero, was " + duration);
        }
    }
}
