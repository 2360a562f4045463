package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the cluster really does when a node goes silent, each value with where it came from. Start
 * from {@link #defaults} and lay the evidence on top with the {@code with...} methods; a value that
 * cannot be read leaves the previous one in place and adds a line to {@link #problems()}.
 *
 * @param podEvictionTimeout the obsolete {@code --pod-eviction-timeout} if the controller-manager was
 *                           given it (fatal on 1.27+), else empty
 */
public record EffectiveSettings(
        KubeVersion version,
        Distribution distribution,
        Sourced<Duration> nodeMonitorGracePeriod,
        Sourced<Duration> nodeMonitorPeriod,
        Sourced<Duration> nodeStatusUpdateFrequency,
        Sourced<Duration> nodeLeaseDuration,
        Sourced<Long> defaultNotReadyTolerationSeconds,
        Sourced<Long> defaultUnreachableTolerationSeconds,
        Optional<Sourced<String>> podEvictionTimeout,
        List<String> problems) {

    public static final String GRACE_FLAG = "node-monitor-grace-period";
    public static final String MONITOR_PERIOD_FLAG = "node-monitor-period";
    public static final String POD_EVICTION_TIMEOUT_FLAG = "pod-eviction-timeout";
    public static final String NOT_READY_TOLERATION_FLAG = "default-not-ready-toleration-seconds";
    public static final String UNREACHABLE_TOLERATION_FLAG = "default-unreachable-toleration-seconds";
    public static final String STATUS_UPDATE_FREQUENCY_FLAG = "node-status-update-frequency";
    public static final String LEASE_DURATION_CONFIG_KEY = "nodeLeaseDurationSeconds";
    public static final String STATUS_UPDATE_FREQUENCY_CONFIG_KEY = "nodeStatusUpdateFrequency";
    /** The kubelet renews its Lease every quarter of the lease duration. */
    public static final double LEASE_RENEW_FRACTION = 0.25;

    public EffectiveSettings {
        problems = List.copyOf(problems);
    }

    /** Upstream defaults: grace 40 s before 1.32 and 50 s from 1.32 (k/k PR #126287). */
    public static EffectiveSettings defaults(KubeVersion version, Distribution distribution) {
        SettingSource source = SettingSource.defaultFor(version);
        Duration grace = version.atLeast(1, 32) ? Duration.ofSeconds(50) : Duration.ofSeconds(40);
        return new EffectiveSettings(version, distribution,
                new Sourced<>(grace, source),
                new Sourced<>(Duration.ofSeconds(5), source),
                new Sourced<>(Duration.ofSeconds(10), source),
                new Sourced<>(Duration.ofSeconds(40), source),
                new Sourced<>(300L, source),
                new Sourced<>(300L, source),
                Optional.empty(),
                List.of());
    }

    /** The kubelet renews its Lease this often: a quarter of the lease duration. */
    public Duration leaseRenewInterval() {
        return Duration.ofMillis(Math.round(nodeLeaseDuration.value().toMillis() * LEASE_RENEW_FRACTION));
    }

    public EffectiveSettings withControllerManagerFlags(FlagSet flags, SettingSource source) {
        Builder b = new Builder(this);
        b.grace = b.duration(flags, GRACE_FLAG, source, b.grace);
        b.monitorPeriod = b.duration(flags, MONITOR_PERIOD_FLAG, source, b.monitorPeriod);
        flags.get(POD_EVICTION_TIMEOUT_FLAG).ifPresent(v -> b.podEvictionTimeout = Optional.of(new Sourced<>(v, source)));
        return b.build();
    }

    public EffectiveSettings withApiServerFlags(FlagSet flags, SettingSource source) {
        Builder b = new Builder(this);
        b.notReady = b.seconds(flags, NOT_READY_TOLERATION_FLAG, source, b.notReady);
        b.unreachable = b.seconds(flags, UNREACHABLE_TOLERATION_FLAG, source, b.unreachable);
        return b.build();
    }

    /** Kubelet command-line flags (k3s {@code kubelet-arg}, MicroK8s args file). */
    public EffectiveSettings withKubeletFlags(FlagSet flags, SettingSource source) {
        Builder b = new Builder(this);
        b.statusUpdate = b.duration(flags, STATUS_UPDATE_FREQUENCY_FLAG, source, b.statusUpdate);
        return b.build();
    }

    /**
     * A KubeletConfiguration (the {@code kubeletconfig} object of {@code /configz}, or
     * {@code /var/lib/kubelet/config.yaml}) parsed into plain maps.
     */
    public EffectiveSettings withKubeletConfig(Map<?, ?> config, SettingSource source) {
        Builder b = new Builder(this);
        Object lease = config.get(LEASE_DURATION_CONFIG_KEY);
        if (lease != null) {
            Validation<Long> seconds = wholeSeconds(String.valueOf(lease));
            if (seconds.isValid() && seconds.orThrow() > 0) {
                b.lease = new Sourced<>(Duration.ofSeconds(seconds.orThrow()), source);
            } else if (!seconds.isValid()) {
                b.problems.add(source + ": " + LEASE_DURATION_CONFIG_KEY + " \"" + lease + "\" is not a whole number of seconds");
            }
        }
        Object status = config.get(STATUS_UPDATE_FREQUENCY_CONFIG_KEY);
        if (status != null) {
            Sourced<Duration> parsed = b.parsed(String.valueOf(status), STATUS_UPDATE_FREQUENCY_CONFIG_KEY, source, b.statusUpdate, GoDuration::parse);
            // kubeadm writes unset durations as "0s"; the kubelet then uses its default.
            if (!parsed.value().isZero()) {
                b.statusUpdate = parsed;
            }
        }
        return b.build();
    }

    /** The lease duration the kubelet actually wrote into its {@code kube-node-lease} Lease. */
    public EffectiveSettings withObservedLeaseDuration(int seconds, SettingSource source) {
        Builder b = new Builder(this);
        b.lease = new Sourced<>(Duration.ofSeconds(seconds), source);
        return b.build();
    }

    public EffectiveSettings withProblem(String problem) {
        Builder b = new Builder(this);
        b.problems.add(problem);
        return b.build();
    }

    static Validation<Long> wholeSeconds(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value < 0 ? Validation.invalid("negative") : Validation.valid(value);
        } catch (NumberFormatException e) {
            return Validation.invalid("not a whole number");
        }
    }

    /** Mutable copy used only while deriving a new immutable record. */
    private static final class Builder {
        final EffectiveSettings base;
        Sourced<Duration> grace;
        Sourced<Duration> monitorPeriod;
        Sourced<Duration> statusUpdate;
        Sourced<Duration> lease;
        Sourced<Long> notReady;
        Sourced<Long> unreachable;
        Optional<Sourced<String>> podEvictionTimeout;
        final List<String> problems;

        Builder(EffectiveSettings s) {
            base = s;
            grace = s.nodeMonitorGracePeriod;
            monitorPeriod = s.nodeMonitorPeriod;
            statusUpdate = s.nodeStatusUpdateFrequency;
            lease = s.nodeLeaseDuration;
            notReady = s.defaultNotReadyTolerationSeconds;
            unreachable = s.defaultUnreachableTolerationSeconds;
            podEvictionTimeout = s.podEvictionTimeout;
            problems = new ArrayList<>(s.problems);
        }

        Sourced<Duration> duration(FlagSet flags, String flag, SettingSource source, Sourced<Duration> current) {
            return flags.get(flag).map(v -> parsed(v, "--" + flag, source, current, GoDuration::parse)).orElse(current);
        }

        Sourced<Long> seconds(FlagSet flags, String flag, SettingSource source, Sourced<Long> current) {
            return flags.get(flag).map(v -> parsed(v, "--" + flag, source, current, EffectiveSettings::wholeSeconds)).orElse(current);
        }

        <T> Sourced<T> parsed(String text, String name, SettingSource source, Sourced<T> current,
                Function<String, Validation<T>> parser) {
            Validation<T> value = parser.apply(text);
            if (value.isValid()) {
                return new Sourced<>(value.orThrow(), source);
            }
            problems.add(source + ": " + name + " \"" + text + "\" ignored (" + value.message() + ")");
            return current;
        }

        EffectiveSettings build() {
            return new EffectiveSettings(base.version, base.distribution, grace, monitorPeriod, statusUpdate, lease,
                    notReady, unreachable, podEvictionTimeout, problems);
        }
    }
}
