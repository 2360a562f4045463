package io.pirack.core.tuning;

import java.time.Duration;
import java.util.List;

/**
 * The failure-detection settings the rehearsal rack simulates, shown on the Tuning screen with the
 * source "rehearsal rack preset" instead of being read from files that do not exist.
 */
public record RehearsalPreset(
        KubeVersion version,
        Duration nodeMonitorGracePeriod,
        Duration nodeMonitorPeriod,
        Duration nodeStatusUpdateFrequency,
        int nodeLeaseDurationSeconds,
        long defaultNotReadyTolerationSeconds,
        long defaultUnreachableTolerationSeconds) {

    /** Upstream defaults of the given version, as a preset to start from. */
    public static RehearsalPreset upstreamDefaults(KubeVersion version) {
        EffectiveSettings d = EffectiveSettings.defaults(version, Distribution.OTHER);
        return new RehearsalPreset(version, d.nodeMonitorGracePeriod().value(), d.nodeMonitorPeriod().value(),
                d.nodeStatusUpdateFrequency().value(), (int) d.nodeLeaseDuration().value().toSeconds(),
                d.defaultNotReadyTolerationSeconds().value(), d.defaultUnreachableTolerationSeconds().value());
    }

    public EffectiveSettings toSettings() {
        SettingSource preset = SettingSource.rehearsalPreset();
        return EffectiveSettings.defaults(version, Distribution.OTHER)
                .withControllerManagerFlags(FlagSet.fromComponentArgs(List.of(
                        EffectiveSettings.GRACE_FLAG + "=" + GoDuration.format(nodeMonitorGracePeriod),
                        EffectiveSettings.MONITOR_PERIOD_FLAG + "=" + GoDuration.format(nodeMonitorPeriod))), preset)
                .withApiServerFlags(FlagSet.fromComponentArgs(List.of(
                        EffectiveSettings.NOT_READY_TOLERATION_FLAG + "=" + defaultNotReadyTolerationSeconds,
                        EffectiveSettings.UNREACHABLE_TOLERATION_FLAG + "=" + defaultUnreachableTolerationSeconds)), preset)
                .withKubeletFlags(FlagSet.fromComponentArgs(List.of(
                        EffectiveSettings.STATUS_UPDATE_FREQUENCY_FLAG + "=" + GoDuration.format(nodeStatusUpdateFrequency))), preset)
                .withObservedLeaseDuration(nodeLeaseDurationSeconds, preset);
    }
}
