package io.pirack.core.cluster;

import java.time.Instant;

/** A Kubernetes Event, kept as a label for the timeline (events are best effort and expire). */
public record EventInfo(String uid, String namespace, String involvedKind, String involvedName,
                        String reason, String message, String type, String source,
                        Instant lastTimestamp, int count, Instant receivedAt) {
}
