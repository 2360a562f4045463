package io.pirack.core.cluster;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides {@link ApiStatus} from two kinds of evidence: whether the API endpoint answers (an HTTP
 * check every fraction of a second; any HTTP answer counts) and whether the informers' watches are
 * open. Pure — the caller feeds it results and the time.
 *
 * <p>A watch being re-established is normal (fabric8's informers close every watch after 5–10 min
 * on purpose, API servers after {@code --min-request-timeout}): while the endpoint answers, that is
 * {@link ApiStatus.Reconnecting}, which is live. Only an endpoint that has not answered for longer
 * than the threshold (default 2 s, measured from the send time of its last answered check) is
 * {@link ApiStatus.Unreachable}; so is one whose watches stay down for longer than the watch grace,
 * because then the cache is no longer kept current. After an outage the status stays unreachable
 * until every watch is back, so LEDs never show the stale cache as live.
 */
public final class ApiHealth {

    public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(2);
    /** How long watches may stay down while the endpoint answers before the cache counts as stale. */
    public static final Duration DEFAULT_WATCH_GRACE = Duration.ofSeconds(15);

    /** The informers' side: all listed once, all watching now, and the last error they reported. */
    public record Watches(boolean synced, boolean watching, String error) {
    }

    private final Instant start;
    private final Duration threshold;
    private final Duration watchGrace;
    private Instant lastAnswer;
    private Instant lastFailureAt;
    private String lastFailure;
    private Instant watchesDownSince;
    private boolean everLive;
    private boolean outage;
    private Instant outageSince;

    public ApiHealth(Instant start, Duration threshold, Duration watchGrace) {
        if (threshold.isNegative() || threshold.isZero() || watchGrace.isNegative()) {
            throw new IllegalArgumentException("the API health threshold must be positive");
        }
        this.start = start;
        this.threshold = threshold;
        this.watchGrace = watchGrace;
    }

    public ApiHealth(Instant start) {
        this(start, DEFAULT_THRESHOLD, DEFAULT_WATCH_GRACE);
    }

    public Duration threshold() {
        return threshold;
    }

    /** A check sent at {@code sentAt} got an HTTP answer (any status code: the server is there). */
    public synchronized void answered(Instant sentAt) {
        if (lastAnswer == null || sentAt.isAfter(lastAnswer)) {
            lastAnswer = sentAt;
        }
    }

    /** A check sent at {@code sentAt} failed (refused, reset, timed out); {@code reason} in words. */
    public synchronized void failed(Instant sentAt, String reason) {
        lastFailureAt = sentAt;
        lastFailure = reason;
    }

    public synchronized ApiStatus evaluate(Instant now, Watches watches) {
        boolean answering = lastAnswer != null && !now.isAfter(lastAnswer.plus(threshold));
        if (!everLive) {
            if (answering && watches.synced() && watches.watching()) {
                everLive = true;
                return new ApiStatus.Connected(now);
            }
            return new ApiStatus.Connecting(start, lastFailure != null ? lastFailure : watches.error());
        }
        if (!answering) {
            if (!outage) {
                outage = true;
                outageSince = lastAnswer;
            }
            boolean failedSince = lastFailureAt != null && !lastFailureAt.isBefore(lastAnswer);
            return new ApiStatus.Unreachable(outageSince, failedSince ? lastFailure
                    : "no answer for " + TimeText.age(Duration.between(lastAnswer, now)));
        }
        if (watches.synced() && watches.watching()) {
            outage = false;
            watchesDownSince = null;
            return new ApiStatus.Connected(now);
        }
        if (watchesDownSince == null) {
            watchesDownSince = now;
        }
        if (outage) {
            return new ApiStatus.Unreachable(outageSince, "answering again; re-listing");
        }
        if (Duration.between(watchesDownSince, now).compareTo(watchGrace) > 0) {
            outage = true;
            outageSince = watchesDownSince;
            return new ApiStatus.Unreachable(outageSince, Forbidden.is(watches.error()) ? watches.error()
                    : "watches not re-established for " + TimeText.age(watchGrace) + (watches.error() == null ? "" : ": " + watches.error()));
        }
        return new ApiStatus.Reconnecting(watchesDownSince, watches.error() == null ? "a watch is being re-established" : watches.error());
    }
}
