package io.pirack.sim;

import java.time.Duration;
import java.util.Optional;

/**
 * How fast the rehearsal rack's Kubernetes notices a dead Pi and moves its pods. All durations are
 * in simulated time (see {@link SimClock}); the values mirror the real components' flags.
 *
 * @param leaseRenewInterval        kubelet Lease renewal (0.25 × nodeLeaseDurationSeconds)
 * @param nodeMonitorPeriod         controller-manager --node-monitor-period
 * @param nodeMonitorGracePeriod    controller-manager --node-monitor-grace-period
 * @param defaultTolerationSeconds  apiserver --default-unreachable/not-ready-toleration-seconds
 * @param demoTolerationSeconds     the demo Deployment's own tolerationSeconds, or null for none
 * @param podStart                  container start once the image is on the node
 * @param imagePull                 extra time for a node that does not have the image yet
 * @param readinessDelay            Running → Ready (readiness probe)
 */
public record SimTimings(
        String name,
        Duration leaseRenewInterval,
        int leaseDurationSeconds,
        Duration nodeMonitorPeriod,
        Duration nodeMonitorGracePeriod,
        long defaultTolerationSeconds,
        Long demoTolerationSeconds,
        Duration podStart,
        Duration imagePull,
        Duration readinessDelay) {

    public static final String KUBERNETES_DEFAULTS = "kubernetes-defaults";
    public static final String DEMO_TUNED = "demo-tuned";

    /** Kubernetes 1.32+ defaults: ≈ 50 s to NotReady, then 300 s before pods move. */
    public static SimTimings kubernetesDefaults() {
        return new SimTimings(KUBERNETES_DEFAULTS, Duration.ofSeconds(10), 40, Duration.ofSeconds(5),
                Duration.ofSeconds(50), 300, null, Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(1));
    }

    /**
     * What PiRack's tuning recommends for a stage: 2 s lease renewals, a 10 s grace period (five
     * renewals, so one lost heartbeat does not flap the node) and 5 s tolerations on the demo app.
     */
    public static SimTimings demoTuned() {
        return new SimTimings(DEMO_TUNED, Duration.ofSeconds(2), 8, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 300, 5L, Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(1));
    }

    /** What the timeline needs to know about these timings to judge a failover run. */
    public io.pirack.core.timeline.FailoverSettings failoverSettings(Duration runTimeout) {
        return new io.pirack.core.timeline.FailoverSettings(name, nodeMonitorGracePeriod, nodeMonitorPeriod, runTimeout);
    }

    public static Optional<SimTimings> byName(String name) {
        if (KUBERNETES_DEFAULTS.equals(name) || "defaults".equals(name)) {
            return Optional.of(kubernetesDefaults());
        }
        if (DEMO_TUNED.equals(name) || "demo".equals(name)) {
            return Optional.of(demoTuned());
        }
        return Optional.empty();
    }
}
