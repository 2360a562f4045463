package io.pirack.core.cluster;

import java.time.Instant;

/**
 * The state of PiRack's connection to the Kubernetes API, as {@link ApiHealth} decides it. Two
 * states are <em>live</em> — the endpoint answers, so the cache is valid and every LED keeps its
 * state: {@link Connected}, and {@link Reconnecting} (a watch is being re-established, which real
 * API servers and fabric8's informers cause every few minutes on purpose). Not live means every
 * Kubernetes-derived LED shows "unknown", never its last known colour: {@link Connecting} (before
 * the first complete list) and {@link Unreachable} (the endpoint stopped answering).
 */
public sealed interface ApiStatus {

    Instant since();

    /** Still starting: informers have not finished their first list. {@code reason}: the last error, if any. */
    record Connecting(Instant since, String reason) implements ApiStatus {
        public Connecting(Instant since) {
            this(since, null);
        }
    }

    record Connected(Instant since) implements ApiStatus {}

    /**
     * The endpoint answers but at least one watch is being re-established ("re-syncing"). Live:
     * the cache is still valid and the next events arrive on the new watch.
     */
    record Reconnecting(Instant since, String reason) implements ApiStatus {}

    /** The endpoint stopped answering (since: its last answer), or could not be reached at all. */
    record Unreachable(Instant since, String reason) implements ApiStatus {}

    default boolean isLive() {
        return this instanceof Connected || this instanceof Reconnecting;
    }

    default String describe() {
        if (this instanceof Connecting) {
            return "connecting";
        }
        if (this instanceof Connected) {
            return "connected";
        }
        if (this instanceof Reconnecting) {
            return "connected, re-syncing";
        }
        return "unreachable since " + TimeText.clock(since());
    }
}
