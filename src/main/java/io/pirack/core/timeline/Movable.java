package io.pirack.core.timeline;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import java.util.List;

/**
 * Which pods Kubernetes moves off a dead node — the same rule the run outcome uses, for callers that choose a Pi
 * before pulling it (the booth's visitor policy: a Pi with nothing to move shows no failover).
 */
public final class Movable {

    private Movable() {
    }

    /**
     * A ReplicaSet's or Job's pod: yes. A StatefulSet's: only once the node has the out-of-service taint. A
     * DaemonSet's, a static pod, a pod without a controller: no.
     */
    public static boolean kind(OwnerKind kind, boolean outOfService) {
        return switch (kind) {
            case REPLICA_SET, JOB, OTHER -> true;
            case STATEFUL_SET -> outOfService;
            default -> false;
        };
    }

    /** The pods on {@code node} that a pull would move elsewhere (not already on their way out). */
    public static List<PodInfo> podsOn(ClusterSnapshot snapshot, String node) {
        return snapshot.podsOn(node).stream().filter(p -> !p.terminating() && kind(p.ownerKind(), false)).toList();
    }
}
