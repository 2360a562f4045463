package io.pirack.core.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VisitorPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    static NodeInfo node(String name, NodeRole role, ConditionStatus ready) {
        return new NodeInfo(name, name, role, null, "v1.32.4", "Debian", "arm64", false,
                List.of(new NodeCondition("Ready", ready, null, null, NOW, NOW)), List.of(), Set.of(), Map.of(), Map.of(), NOW, NOW);
    }

    static PodInfo pod(String name, String node, boolean ready, boolean terminating, OwnerKind owner) {
        return new PodInfo("demo", name, name, node, PodPhase.RUNNING, ready, owner, "rs", "hello", NOW,
                terminating ? NOW : null, false, false, List.of(), List.of(), Map.of(), null, NOW);
    }

    static ClusterSnapshot snapshot(List<NodeInfo> nodes, List<PodInfo> pods, boolean live) {
        TreeMap<String, NodeInfo> byName = new TreeMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Map<String, PodInfo> byKey = new HashMap<>();
        pods.forEach(p -> byKey.put(p.key(), p));
        ApiStatus api = live ? new ApiStatus.Connected(NOW) : new ApiStatus.Unreachable(NOW, "gone");
        return new ClusterSnapshot(1, NOW, "test", api, byName, byKey, Map.of(), Map.of(), List.of());
    }

    static List<NodeInfo> healthyFour() {
        return List.of(node("rpi1", NodeRole.CONTROL_PLANE, ConditionStatus.TRUE), node("rpi2", NodeRole.WORKER, ConditionStatus.TRUE),
                node("rpi3", NodeRole.WORKER, ConditionStatus.TRUE), node("rpi4", NodeRole.WORKER, ConditionStatus.TRUE));
    }

    @Test
    void neverPicksTheControlPlane() {
        ClusterSnapshot s = snapshot(healthyFour(), List.of(pod("a", "rpi2", true, false, OwnerKind.REPLICA_SET)), true);
        for (int seed = 0; seed < 50; seed++) {
            VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO,
                    new SplittableRandom(seed));
            String picked = assertInstanceOf(VisitorPolicy.Choice.Pull.class, choice).node();
            assertTrue(List.of("rpi2", "rpi3", "rpi4").contains(picked), picked);
        }
    }

    @Test
    void prefersPisWhosePodsCanAllMove() {
        ClusterSnapshot s = snapshot(healthyFour(), List.of(pod("web-0", "rpi2", true, false, OwnerKind.STATEFUL_SET),
                pod("db-0", "rpi3", true, false, OwnerKind.STATEFUL_SET), pod("hello-1", "rpi4", true, false, OwnerKind.REPLICA_SET)),
                true);
        for (int seed = 0; seed < 20; seed++) {
            VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO,
                    new SplittableRandom(seed));
            assertEquals("rpi4", assertInstanceOf(VisitorPolicy.Choice.Pull.class, choice).node());
        }
    }

    @Test
    void cooldownMakesTheNextVisitorWait() {
        ClusterSnapshot s = snapshot(healthyFour(), List.of(), true);
        VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, NOW.minusSeconds(10),
                Duration.ofSeconds(60), new SplittableRandom(1));
        assertEquals(NOW.plusSeconds(50), assertInstanceOf(VisitorPolicy.Choice.Wait.class, choice).until());
    }

    @Test
    void refusesWhileTheLastFailoverIsStillMovingPods() {
        ClusterSnapshot s = snapshot(healthyFour(), List.of(pod("old", "rpi3", false, true, OwnerKind.REPLICA_SET)), true);
        VisitorPolicy.Choice afterAPull = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, NOW.minusSeconds(120),
                Duration.ZERO, new SplittableRandom(1));
        assertEquals("Kubernetes is still moving pods from the last pull.",
                assertInstanceOf(VisitorPolicy.Choice.Refuse.class, afterAPull).reason());
    }

    @Test
    void aPiStillStartingUpIsNamedAndOutranksTheCooldownsCountdown() {
        // The visitor's Pi was plugged back in and boots; the cooldown would end first and promise a pull.
        List<NodeInfo> booting = new ArrayList<>(healthyFour());
        booting.set(1, node("rpi2", NodeRole.WORKER, ConditionStatus.UNKNOWN));
        ClusterSnapshot s = snapshot(booting, List.of(pod("a", "rpi3", true, false, OwnerKind.REPLICA_SET)), true);
        VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, NOW.minusSeconds(50),
                Duration.ofSeconds(60), new SplittableRandom(1));
        assertEquals("Waiting for rpi2 to be Ready again.", assertInstanceOf(VisitorPolicy.Choice.Refuse.class, choice).reason());
    }

    @Test
    void atAColdStartItWaitsForThePodsWithoutBlamingAPullThatNeverHappened() {
        ClusterSnapshot starting = snapshot(healthyFour(), List.of(pod("new", "rpi3", false, false, OwnerKind.REPLICA_SET)), true);
        VisitorPolicy.Choice choice = VisitorPolicy.choose(starting, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO,
                new SplittableRandom(1));
        assertEquals("Waiting for every pod to be Ready.", assertInstanceOf(VisitorPolicy.Choice.Refuse.class, choice).reason());
    }

    @Test
    void refusesWhenAPiIsAlreadyUnpluggedOrTheApiIsDown() {
        ClusterSnapshot live = snapshot(healthyFour(), List.of(), true);
        assertInstanceOf(VisitorPolicy.Choice.Refuse.class,
                VisitorPolicy.choose(live, RackSpec.rehearsal(4), Set.of("rpi2"), NOW, null, Duration.ZERO, new SplittableRandom(1)));
        ClusterSnapshot down = snapshot(healthyFour(), List.of(), false);
        assertInstanceOf(VisitorPolicy.Choice.Refuse.class,
                VisitorPolicy.choose(down, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO, new SplittableRandom(1)));
    }

    @Test
    void neverPicksAPiWhoseLossWouldHaltEviction() {
        // Five nodes, two already NotReady: a third down is > 2 and 60 % ≥ 55 % — Kubernetes would stop evicting.
        List<NodeInfo> nodes = List.of(node("rpi1", NodeRole.CONTROL_PLANE, ConditionStatus.TRUE),
                node("rpi2", NodeRole.WORKER, ConditionStatus.UNKNOWN), node("rpi3", NodeRole.WORKER, ConditionStatus.UNKNOWN),
                node("rpi4", NodeRole.WORKER, ConditionStatus.TRUE), node("rpi5", NodeRole.WORKER, ConditionStatus.TRUE));
        ClusterSnapshot s = snapshot(nodes, List.of(), true);
        assertInstanceOf(VisitorPolicy.Choice.Refuse.class,
                VisitorPolicy.choose(s, RackSpec.rehearsal(5), Set.of(), NOW, null, Duration.ZERO, new SplittableRandom(1)));
    }

    @Test
    void picksTheWorkerWithTheMostMovablePods() {
        ClusterSnapshot s = snapshot(healthyFour(), List.of(pod("a", "rpi2", true, false, OwnerKind.REPLICA_SET),
                pod("b", "rpi3", true, false, OwnerKind.REPLICA_SET), pod("c", "rpi3", true, false, OwnerKind.REPLICA_SET),
                pod("d", "rpi4", true, false, OwnerKind.DAEMON_SET), pod("e", "rpi4", true, false, OwnerKind.DAEMON_SET),
                pod("f", "rpi4", true, false, OwnerKind.DAEMON_SET)), true);
        for (int seed = 0; seed < 20; seed++) {
            VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO,
                    new SplittableRandom(seed));
            assertEquals("rpi3", assertInstanceOf(VisitorPolicy.Choice.Pull.class, choice).node(), "two Deployment pods beat one");
        }
    }

    @Test
    void aPiWithOnlyStatefulSetPodsComesAfterOneWithAnyMovablePod() {
        ClusterSnapshot s = snapshot(healthyFour(), List.of(pod("db-0", "rpi2", true, false, OwnerKind.STATEFUL_SET),
                pod("db-1", "rpi2", true, false, OwnerKind.STATEFUL_SET), pod("a", "rpi3", true, false, OwnerKind.REPLICA_SET)), true);
        VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO,
                new SplittableRandom(1));
        assertEquals("rpi3", assertInstanceOf(VisitorPolicy.Choice.Pull.class, choice).node());
    }

    @Test
    void whenNoWorkerRunsMovablePodsNothingIsPulled() {
        // Only a DaemonSet pod on the workers: a pull would show nothing moving.
        ClusterSnapshot s = snapshot(healthyFour(), List.of(pod("d", "rpi4", true, false, OwnerKind.DAEMON_SET)), true);
        VisitorPolicy.Choice choice = VisitorPolicy.choose(s, RackSpec.rehearsal(4), Set.of(), NOW, null, Duration.ZERO,
                new SplittableRandom(1));
        assertEquals(VisitorPolicy.NOTHING_TO_MOVE, assertInstanceOf(VisitorPolicy.Choice.Refuse.class, choice).reason());
    }
}
