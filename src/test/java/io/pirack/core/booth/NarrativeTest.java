package io.pirack.core.booth;

import static io.pirack.core.booth.VisitorPolicyTest.healthyFour;
import static io.pirack.core.booth.VisitorPolicyTest.node;
import static io.pirack.core.booth.VisitorPolicyTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NarrativeTest {

    @Test
    void betweenRunsTheInvitationSaysAllPisAreHealthyOnlyWhenTheyAre() {
        assertEquals(List.of("All Pis healthy. Pull a plug and watch Kubernetes heal the cluster."),
                Narrative.between(snapshot(healthyFour(), List.of(), true)));

        List<NodeInfo> oneDown = new ArrayList<>(healthyFour());
        oneDown.set(2, node("rpi3", NodeRole.WORKER, ConditionStatus.UNKNOWN));
        assertEquals(List.of("3 of 4 Pis Ready. Waiting for the cluster to settle…"),
                Narrative.between(snapshot(oneDown, List.of(), true)));

        assertEquals(List.of("Connecting to the cluster…"), Narrative.between(snapshot(healthyFour(), List.of(), false)),
                "a cache that is not live proves nothing");
    }

    @Test
    void aPiPluggedBackInIsStartingUpUntilKubernetesSeesItReady() {
        List<NodeInfo> booting = new ArrayList<>(healthyFour());
        booting.set(1, node("rpi2", NodeRole.WORKER, ConditionStatus.UNKNOWN));
        assertEquals("rpi2 is plugged back in and starting up…", Narrative.pluggedBackIn("rpi2", snapshot(booting, List.of(), true)));
        assertEquals("rpi2 is plugged back in and Ready again.",
                Narrative.pluggedBackIn("rpi2", snapshot(healthyFour(), List.of(), true)));
    }
}
