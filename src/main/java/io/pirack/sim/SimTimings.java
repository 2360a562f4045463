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
 * @param version                   the Kubernetes release simulated (see {@link KubernetesVersion})
 * @param bootDelay                 power back on → kubelet posts status again (a Pi 4 boots in ≈ 35 s)
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
        Duration readinessDelay,
        KubernetesVersion version,
        Duration bootDelay) {

    public static final String KUBERNETES_DEFAULTS = "kubernetes-defaults";
    public static final String DEMO_TUNED = "demo-tuned";
    /** A Pi 4 from power-on to a kubelet posting status (firmware, kernel, systemd, containerd). */
    public static final Duration DEFAULT_BOOT_DELAY = Duration.ofSeconds(35);

    /**
     * The same timings on another Kubernetes release. The defaults preset follows that release's
     * default grace period (40 s before 1.32, 50 s from 1.32); a tuned preset keeps its own.
     */
    public SimTimings withVersion(KubernetesVersion v) {
        Duration grace = KUBERNETES_DEFAULTS.equals(name) ? v.defaultNodeMonitorGracePeriod() : nodeMonitorGracePeriod;
        return new SimTimings(name, leaseRenewInterval, leaseDurationSeconds, nodeMonitorPeriod, grace,
                defaultTolerationSeconds, demoTolerationSeconds, podStart, imagePull, readinessDelay, v, bootDelay);
    }

    /** The same timings with another boot delay (tests use a short one). */
    public SimTimings withBootDelay(Duration delay) {
        return new SimTimings(name, leaseRenewInterval, leaseDurationSeconds, nodeMonitorPeriod, nodeMonitorGracePeriod,
                defaultTolerationSeconds, demoTolerationSeconds, podStart, imagePull, readinessDelay, version, delay);
    }

    /** Kubernetes 1.32+ defaults: ≈ 50 s to NotReady, then 300 s before pods move. */
    public static SimTimings kubernetesDefaults() {
        return new SimTimings(KUBERNETES_DEFAULTS, Duration.ofSeconds(10), 40, Duration.ofSeconds(5),
                Duration.ofSeconds(50), 300, null, Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(1),
                KubernetesVersion.newest(), DEFAULT_BOOT_DELAY);
    }

    /**
     * What PiRack's tuning recommends for a stage: 2 s lease renewals, a 10 s grace period (five
     * renewals, so one lost heartbeat does not flap the node) and 5 s tolerations on the demo app.
     */
    public static SimTimings demoTuned() {
        return new SimTimings(DEMO_TUNED, Duration.ofSeconds(2), 8, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 300, 5L, Duration.ofSeconds(2), Duration.ofSeconds(8), Duration.ofSeconds(1),
                KubernetesVersion.newest(), DEFAULT_BOOT_DELAY);
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
