package io.pirack.core.cluster;

import java.time.Instant;

/** A node heartbeat Lease in {@code kube-node-lease}; {@code receivedAt} is PiRack's clock. */
public record LeaseInfo(String nodeName, Instant renewTime, Integer durationSeconds, Instant receivedAt) {
}
