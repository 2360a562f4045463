package io.pirack.core.rack;

import java.time.Instant;

/**
 * PiRack's own view of whether a Pi is alive on the wire (TCP connect to its SSH port, or the
 * rehearsal rack's power switch) — independent of Kubernetes, so it goes dark long before the
 * node turns NotReady. {@code up} is null while not yet probed.
 */
public record LinkState(String node, Boolean up, Instant since) {

    public static LinkState unknown(String node, Instant now) {
        return new LinkState(node, null, now);
    }
}
