package io.pirack.core.cluster;

import java.time.Instant;

/** One node condition as posted by the kubelet or the node lifecycle controller. Times may be null. */
public record NodeCondition(String type, ConditionStatus status, String reason, String message,
                            Instant lastHeartbeatTime, Instant lastTransitionTime) {
}
