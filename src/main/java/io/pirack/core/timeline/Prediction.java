package io.pirack.core.timeline;

import java.time.Instant;

/**
 * When the NotReady and eviction milestones should come, from the settings and the pods' own
 * tolerations. NotReady lands between {@code lastHeartbeat + grace} and one monitor period later.
 *
 * @param basis             the last heartbeat PiRack saw (or the run start when none was seen)
 * @param toleranceSeconds  the shortest tolerationSeconds among the pods that will be evicted (null: none)
 */
public record Prediction(Instant basis, Instant notReadyEarliest, Instant notReadyLatest, Long toleranceSeconds,
                         Instant evictionEarliest, Instant evictionLatest) {
}
