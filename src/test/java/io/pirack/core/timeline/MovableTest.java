package io.pirack.core.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.cluster.OwnerKind;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which pods a pull moves: the rule behind "nothing to move" and "web-0 stays Terminating". */
class MovableTest {

    private static List<OwnerKind> movable(boolean outOfService) {
        return Arrays.stream(OwnerKind.values()).filter(k -> Movable.kind(k, outOfService)).toList();
    }

    @Test
    void replicaSetAndJobPodsMoveStatefulSetPodsOnlyUnderTheOutOfServiceTaint() {
        assertEquals(List.of(OwnerKind.REPLICA_SET, OwnerKind.JOB, OwnerKind.OTHER), movable(false));
        assertEquals(List.of(OwnerKind.REPLICA_SET, OwnerKind.STATEFUL_SET, OwnerKind.JOB, OwnerKind.OTHER),
                movable(true));
    }
}
