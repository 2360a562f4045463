package io.pirack.core.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * What the status bar and the banners say about the API, in one place so the window's status bar
 * and the rack's banner agree. Only an outage (or a start that takes longer than
 * {@link #CONNECTING_ALARM_AFTER}) is an alarm; a normal start and a watch re-sync are calm.
 */
public final class ApiStatusText {

    /** A start that has not listed the cluster after this long is worth an alarm. */
    public static final Duration CONNECTING_ALARM_AFTER = Duration.ofSeconds(10);

    /** How the status shows: calm (no alarm colours) or an alarm. */
    public enum Look { CONNECTED, CONNECTING, RESYNCING, UNREACHABLE }

    private ApiStatusText() {
    }

    public static Look look(ApiStatus status, Instant now) {
        if (forbidden(status) != null) {
            return Look.UNREACHABLE;
        }
        if (status instanceof ApiStatus.Connected) {
            return Look.CONNECTED;
        }
        if (status instanceof ApiStatus.Reconnecting) {
            return Look.RESYNCING;
        }
        if (status instanceof ApiStatus.Connecting && !slowStart(status, now)) {
            return Look.CONNECTING;
        }
        return Look.UNREACHABLE;
    }

    /** The short status-bar words, with a symbol so colour is never the only cue. */
    public static String statusBar(ApiStatus status, Instant now) {
        String forbidden = forbidden(status);
        if (forbidden != null) {
            return "✖ " + forbidden;
        }
        if (status instanceof ApiStatus.Connected) {
            return "✔ API connected";
        }
        if (status instanceof ApiStatus.Reconnecting) {
            return "✔ API connected · re-syncing";
        }
        if (status instanceof ApiStatus.Connecting) {
            // A clock time, not an age: until the session's frames flow (the rehearsal rack still
            // starting) nothing re-draws this line, and "(0.0 s)" would stay on screen for seconds.
            return (slowStart(status, now) ? "✖ still connecting to the API since " : "… connecting to the API since ")
                    + TimeText.clock(status.since());
        }
        return "✖ API unreachable since " + TimeText.clock(status.since());
    }

    /** The alarm banner, or null when there is nothing to alarm about. */
    public static String banner(ApiStatus status, Instant now) {
        String forbidden = forbidden(status);
        if (forbidden != null) {
            return forbidden + (status.isLive() ? "." : ". Cluster LEDs show “?” (unknown) until PiRack may read the cluster.");
        }
        if (status instanceof ApiStatus.Unreachable u) {
            return "Kubernetes API unreachable since " + TimeText.clock(u.since()) + " ("
                    + TimeText.age(Duration.between(u.since(), now)) + reason(u.reason())
                    + "). Cluster LEDs show “?” (unknown); link LEDs are still live.";
        }
        if (status instanceof ApiStatus.Connecting c && slowStart(status, now)) {
            return "Still connecting to the Kubernetes API after " + TimeText.age(Duration.between(c.since(), now))
                    + reason(c.reason()) + ". Cluster LEDs show “?” (unknown) until it answers.";
        }
        return null;
    }

    private static boolean slowStart(ApiStatus status, Instant now) {
        return Duration.between(status.since(), now).compareTo(CONNECTING_ALARM_AFTER) >= 0;
    }

    /** The forbidden sentence the status carries, or null. A 403 is told at once, whatever the state. */
    public static String forbidden(ApiStatus status) {
        String reason = status instanceof ApiStatus.Connecting c ? c.reason()
                : status instanceof ApiStatus.Reconnecting r ? r.reason()
                : status instanceof ApiStatus.Unreachable u ? u.reason() : null;
        return Forbidden.is(reason) ? reason : null;
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ", " + reason;
    }
}
