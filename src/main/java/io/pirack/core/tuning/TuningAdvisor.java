package io.pirack.core.tuning;

import io.pirack.core.tuning.TuningWarning.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Judges effective settings: what will break, what will flap, what makes the demo slow. */
public final class TuningAdvisor {

    /** A grace period should span about three lease renewals, or one late renewal marks a live node NotReady. */
    public static final int SAFE_RENEWALS_PER_GRACE = 3;

    private TuningAdvisor() {
    }

    public static List<TuningWarning> warnings(EffectiveSettings settings) {
        List<TuningWarning> warnings = new ArrayList<>();
        settings.podEvictionTimeout().ifPresent(flag -> warnings.add(podEvictionTimeoutWarning(settings.version(), flag)));
        Duration grace = settings.nodeMonitorGracePeriod().value();
        Duration renew = settings.leaseRenewInterval();
        if (isFlappingRisk(grace, renew)) {
            warnings.add(new TuningWarning(Severity.WARNING,
                    "Grace period " + GoDuration.format(grace) + " is under " + SAFE_RENEWALS_PER_GRACE
                            + " lease renewals (every " + GoDuration.format(renew) + "): one slow heartbeat on a busy Pi"
                            + " marks a healthy node NotReady (flapping).",
                    "Lower the kubelet lease duration to at most " + maxSafeLeaseSeconds(grace)
                            + " s, or raise the grace period to at least " + GoDuration.format(renew.multipliedBy(SAFE_RENEWALS_PER_GRACE)) + "."));
        }
        if (settings.defaultUnreachableTolerationSeconds().value() >= 60) {
            warnings.add(new TuningWarning(Severity.INFO,
                    "Pods without their own toleration wait " + settings.defaultUnreachableTolerationSeconds().value()
                            + " s on an unreachable node before they move.",
                    "Set tolerationSeconds 0–10 on the demo Deployments (safest), or lower the API server's default."));
        }
        for (String problem : settings.problems()) {
            warnings.add(new TuningWarning(Severity.WARNING, problem, "Check the value by hand on the Pi."));
        }
        return List.copyOf(warnings);
    }

    public static boolean isFlappingRisk(Duration grace, Duration renewInterval) {
        return grace.compareTo(renewInterval.multipliedBy(SAFE_RENEWALS_PER_GRACE)) < 0;
    }

    /** The longest lease whose renew interval (a quarter of it) still fits three times into the grace period. */
    public static long maxSafeLeaseSeconds(Duration grace) {
        return (long) Math.floor(grace.toMillis() / 1000.0 / SAFE_RENEWALS_PER_GRACE / EffectiveSettings.LEASE_RENEW_FRACTION);
    }

    private static TuningWarning podEvictionTimeoutWarning(KubeVersion version, Sourced<String> flag) {
        if (version.atLeast(1, 27)) {
            return new TuningWarning(Severity.FATAL,
                    "--pod-eviction-timeout=" + flag.value() + " (" + flag.source() + ") was removed in Kubernetes 1.27:"
                            + " a " + version.shortName() + " kube-controller-manager given it does not start.",
                    "Remove --pod-eviction-timeout; use tolerationSeconds on the Deployments instead.");
        }
        return new TuningWarning(Severity.WARNING,
                "--pod-eviction-timeout=" + flag.value() + " (" + flag.source() + ") is deprecated and ignored with"
                        + " taint-based eviction; it stops the controller-manager from starting after an upgrade to 1.27.",
                "Remove --pod-eviction-timeout; use tolerationSeconds on the Deployments instead.");
    }
}
