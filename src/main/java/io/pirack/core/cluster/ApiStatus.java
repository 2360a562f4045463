package io.pirack.core.cluster;

import java.time.Instant;

/**
 * The state of PiRack's connection to the Kubernetes API. Anything but {@link Connected} means
 * every Kubernetes-derived LED must show "unknown", never its last known colour.
 */
public sealed interface ApiStatus {

    Instant since();

    /** Still starting: informers have not finished their first list. */
    record Connecting(Instant since) implements ApiStatus {}

    record Connected(Instant since) implements ApiStatus {}

    /** The watch broke; informers are retrying with backoff. */
    record Reconnecting(Instant since, String reason) implements ApiStatus {}

    /** Gave up for now or could not connect at all (bad kubeconfig, no route). */
    record Unreachable(Instant since, String reason) implements ApiStatus {}

    default boolean isLive() {
        return this instanceof Connected;
    }

    default String describe() {
        if (this instanceof Connecting) {
            return "connecting";
        }
        if (this instanceof Connected) {
            return "connected";
        }
        if (this instanceof Reconnecting) {
            return "reconnecting since " + TimeText.clock(since());
        }
        return "unreachable since " + TimeText.clock(since());
    }
}
