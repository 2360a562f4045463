package io.pirack.core.timeline;

import java.time.Duration;
import java.time.Instant;

/**
 * One pod of the failed node and its replacement. Milestones are null until seen.
 *
 * @param toleranceSeconds   how long the pod tolerates the node's NoExecute taint (null = forever)
 * @param predictedEviction  when the pod should be evicted, from the (actual or predicted) taint time
 * @param movable            whether Kubernetes re-creates it elsewhere (a ReplicaSet or Job pod; a StatefulSet pod only
 *                           once the node has the out-of-service taint); the run waits only for movable pods
 */
public record PodFailover(PodRef evicted, Long toleranceSeconds, Instant predictedEviction, Milestone marked,
                          boolean disruptionTarget, Milestone oldPodDeleted, PodRef replacement,
                          Milestone replacementCreated, String replacementNode, Milestone replacementScheduled,
                          Milestone replacementRunning, Milestone replacementReady, PodFate fate,
                          boolean movable) {

    /** From the old pod's deletion mark to its replacement being Ready. */
    public Duration downtime() {
        if (marked == null || replacementReady == null) {
            return null;
        }
        return Duration.between(marked.receivedAt(), replacementReady.receivedAt());
    }
}
