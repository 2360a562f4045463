package io.pirack.ui.rack;

import static io.pirack.testing.ClusterFixtures.LIVE;
import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.frame;
import static io.pirack.testing.ClusterFixtures.lease;
import static io.pirack.testing.ClusterFixtures.pod;
import static io.pirack.testing.ClusterFixtures.readyNode;
import static io.pirack.testing.ClusterFixtures.readyPod;
import static io.pirack.testing.ClusterFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.Taint;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.rack.LedStates.HeartbeatLed;
import io.pirack.core.rack.LedStates.LinkLed;
import io.pirack.core.rack.LedStates.NodeLed;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.rack.RackViewModel.LayerModel;
import io.pirack.ui.rack.RackViewModel.Move;
import io.pirack.ui.rack.RackViewModel.PodKind;
import io.pirack.ui.rack.RackViewModel.PodModel;
import io.pirack.ui.rack.RackViewModel.RackModel;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RackViewModelTest {

    private static final RackSpec RACK = RackSpec.rehearsal(3);

    private static List<NodeInfo> threeReadyNodes() {
        return List.of(readyNode("rpi1"), readyNode("rpi2"), readyNode("rpi3"));
    }

    @Test
    void layersFollowThePhysicalOrderAndNodesOutsideTheSpecComeLast() {
        RackSpec reordered = RACK.moveSlot(2, 0);
        List<NodeInfo> nodes = new ArrayList<>(threeReadyNodes());
        nodes.add(readyNode("stray"));
        RackModel model = new RackViewModel().map(frame(reordered, snapshot(LIVE, nodes, List.of(), List.of(), List.of()), T0));
        assertEquals(List.of("rpi3", "rpi1", "rpi2", "stray"), model.layers().stream().map(LayerModel::hostname).toList());
        LayerModel stray = model.layers().get(3);
        assertEquals(LinkLed.UNKNOWN, stray.link(), "nothing probes a Pi the rack does not know");
        assertEquals(NodeRole.WORKER, stray.role());
    }

    static Stream<Arguments> nodeCases() {
        return Stream.of(
                Arguments.of(ConditionStatus.TRUE, false, List.<Taint>of(), NodeLed.READY, "✔ Ready"),
                Arguments.of(ConditionStatus.TRUE, true, ClusterFixtures.taints(Taint.UNSCHEDULABLE + ":NoSchedule"),
                        NodeLed.CORDONED, "⊘ SchedulingDisabled"),
                Arguments.of(ConditionStatus.TRUE, false, ClusterFixtures.taints("dedicated:NoSchedule"), NodeLed.TAINTED, "⚠ Ready, tainted"),
                Arguments.of(ConditionStatus.FALSE, false, List.<Taint>of(), NodeLed.NOT_READY, "✖ NotReady"),
                Arguments.of(ConditionStatus.UNKNOWN, false, ClusterFixtures.taints(Taint.UNREACHABLE + ":NoExecute"),
                        NodeLed.UNKNOWN_STATUS, "? NotReady (Unknown)"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("nodeCases")
    void eachLayerCarriesItsNodeStateWithWordAndIcon(ConditionStatus ready, boolean cordoned, List<Taint> taints, NodeLed expected,
                                                     String shown) {
        NodeInfo rpi2 = ClusterFixtures.node("rpi2", NodeRole.WORKER, ready, cordoned, taints);
        RackModel model = new RackViewModel().map(frame(RACK, snapshot(LIVE, List.of(readyNode("rpi1"), rpi2, readyNode("rpi3")),
                List.of(), List.of(), List.of()), T0));
        NodeLed led = model.layers().get(1).node();
        assertEquals(expected, led);
        assertEquals(shown, led.icon + " " + led.words);
    }

    static Stream<Arguments> podCases() {
        return Stream.of(
                Arguments.of(PodPhase.PENDING, false, false, PodLed.PENDING),
                Arguments.of(PodPhase.RUNNING, false, false, PodLed.STARTING),
                Arguments.of(PodPhase.RUNNING, true, false, PodLed.READY),
                Arguments.of(PodPhase.RUNNING, true, true, PodLed.TERMINATING),
                Arguments.of(PodPhase.FAILED, false, false, PodLed.FAILED),
                Arguments.of(PodPhase.SUCCEEDED, false, false, PodLed.SUCCEEDED),
                Arguments.of(PodPhase.UNKNOWN, false, false, PodLed.UNKNOWN));
    }

    @ParameterizedTest(name = "{0} ready={1} deleting={2} → {3}")
    @MethodSource("podCases")
    void podTilesCarryTheirLedAndAStableAppColour(PodPhase phase, boolean ready, boolean deleting, PodLed expected) {
        PodInfo p = pod("hello-1", "rpi2", phase, ready, deleting, OwnerKind.REPLICA_SET, "hello");
        RackModel model = new RackViewModel().map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(p), List.of(), List.of()), T0));
        PodModel tile = model.layers().get(1).pods().get(0);
        assertEquals(expected, tile.led());
        assertEquals(PodKind.WORKLOAD, tile.kind());
        assertEquals(io.pirack.core.rack.LedStates.appColour("hello"), tile.colour());
        assertEquals("ReplicaSet hello-rs", tile.owner());
    }

    /** A rack of 24 ticks in two groups half a second apart: neighbours renewing together flash in turn. */
    @Test
    void neighboursInALargeRackFlashOnTheirOwnTickGroup() {
        RackSpec large = RackSpec.rehearsal(24);
        ClusterSnapshot s = snapshot(LIVE, List.of(readyNode("rpi1"), readyNode("rpi2")), List.of(),
                List.of(lease("rpi1", T0.plusMillis(100)), lease("rpi2", T0.plusMillis(100))), List.of());
        RackModel early = new RackViewModel().map(frame(large, s, T0.plusMillis(600)));
        assertEquals(HeartbeatLed.BEATING, early.layers().get(0).heartbeat(), "rpi1 ticks on the whole second");
        assertEquals(HeartbeatLed.FLASH, early.layers().get(1).heartbeat(), "rpi2 ticks on the half second");
        RackModel late = new RackViewModel().map(frame(large, s, T0.plusMillis(1600)));
        assertEquals(HeartbeatLed.FLASH, late.layers().get(0).heartbeat());
        assertEquals(HeartbeatLed.BEATING, late.layers().get(1).heartbeat());
    }

    @Test
    void withoutALiveApiEveryClusterLedIsUnknownAndABannerSaysSinceWhenWhileLinksStillWork() {
        ApiStatus lost = new ApiStatus.Unreachable(T0.minusSeconds(12), "connection refused");
        ClusterSnapshot s = snapshot(lost, threeReadyNodes(), List.of(readyPod("hello-1", "rpi2", "hello")),
                List.of(lease("rpi2", T0.minusMillis(100))), List.of());
        RackModel model = new RackViewModel().map(frame(RACK, s, T0, "rpi3"));
        assertTrue(model.banner() != null && model.banner().contains("since " + io.pirack.core.cluster.TimeText.clock(lost.since())),
                model.banner());
        for (LayerModel layer : model.layers()) {
            assertEquals(NodeLed.API_UNKNOWN, layer.node());
            assertEquals(HeartbeatLed.UNKNOWN, layer.heartbeat());
            layer.pods().forEach(p -> assertEquals(PodLed.UNKNOWN, p.led()));
        }
        assertEquals(LinkLed.UP, model.layers().get(1).link());
        assertEquals(LinkLed.DOWN, model.layers().get(2).link(), "the probe LED keeps telling the truth");
        assertTrue(model.counts().contains("Ready unknown"), model.counts());
    }

    @Test
    void theTitleNamesRackAndSourceWithoutSayingItTwice() {
        assertEquals("Rehearsal rack (demo-tuned)", RackViewModel.title("Rehearsal rack", "rehearsal rack (demo-tuned)"));
        assertEquals("Booth rack — pi-cluster", RackViewModel.title("Booth rack", "pi-cluster"));
        assertEquals("Rack — pi-cluster", RackViewModel.title(null, "pi-cluster"));
    }

    @Test
    void aLiveApiShowsNoBanner() {
        RackModel model = new RackViewModel().map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(), List.of(), List.of()), T0));
        assertNull(model.banner());
        assertEquals("3 Pis · 3 Ready · 0 pods (0 ready)", model.counts());
    }

    @Test
    void systemPodsAreMarkedAndCanBeHidden() {
        PodInfo daemon = pod("kube-proxy-a", "rpi2", PodPhase.RUNNING, true, false, OwnerKind.DAEMON_SET, "kube-proxy");
        PodInfo app = readyPod("hello-1", "rpi2", "hello");
        PodInfo apiServer = new PodInfo("kube-system", "kube-apiserver-rpi1", "u", "rpi2", PodPhase.RUNNING, true, OwnerKind.NODE,
                "rpi2", "kube-apiserver", T0, null, false, true, List.of(), List.of(), java.util.Map.of(), T0, T0);
        ClusterSnapshot s = snapshot(LIVE, threeReadyNodes(), List.of(daemon, app, apiServer), List.of(), List.of());
        RackViewModel vm = new RackViewModel();
        List<PodModel> all = vm.map(frame(RACK, s, T0)).layers().get(1).pods();
        assertEquals(List.of(PodKind.WORKLOAD, PodKind.DAEMON_SET, PodKind.CONTROL_PLANE), all.stream().map(PodModel::kind).toList(),
                "the demo app first, system pods after it");
        vm.setHideSystemPods(true);
        assertEquals(List.of("demo/hello-1"), vm.map(frame(RACK, s, T0)).layers().get(1).pods().stream().map(PodModel::key).toList());
    }

    @Test
    void tooManyPodsForTheLayerLeaveAPlaceForPlusN() {
        List<PodInfo> pods = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            pods.add(readyPod("hello-" + i, "rpi2", "hello"));
        }
        LayerModel layer = new RackViewModel().map(frame(RACK, snapshot(LIVE, threeReadyNodes(), pods, List.of(), List.of()), T0))
                .layers().get(1);
        assertEquals(10, layer.visiblePods(10).size());
        assertEquals(0, layer.overflow(10));
        assertEquals(5, layer.visiblePods(6).size());
        assertEquals(5, layer.overflow(6));
    }

    @Test
    void aReplacementOnAnotherPiIsLinkedToTheEvictedPodOfTheSameApp() {
        RackViewModel vm = new RackViewModel();
        PodInfo old = readyPod("hello-a", "rpi3", "hello");
        PodInfo stays = readyPod("hello-b", "rpi2", "hello");
        PodInfo web = readyPod("web-0", "rpi3", "web");
        vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(old, stays, web), List.of(), List.of()), T0));
        PodInfo evicted = pod("hello-a", "rpi3", PodPhase.RUNNING, false, true, OwnerKind.REPLICA_SET, "hello");
        RackModel evicting = vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(evicted, stays, web), List.of(), List.of()),
                T0.plusSeconds(1), "rpi3"));
        assertTrue(evicting.moves().isEmpty());
        PodInfo replacement = pod("hello-c", "rpi2", PodPhase.PENDING, false, false, OwnerKind.REPLICA_SET, "hello");
        PodInfo otherApp = pod("other-1", "rpi1", PodPhase.PENDING, false, false, OwnerKind.REPLICA_SET, "other");
        RackModel moved = vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(evicted, stays, web, replacement, otherApp),
                List.of(), List.of()), T0.plusSeconds(2), "rpi3"));
        assertEquals(List.of(new Move("demo/hello-a", "rpi3", "demo/hello-c", "rpi2", io.pirack.core.rack.LedStates.appColour("hello"))),
                moved.moves(), "one move, only for the app that lost a pod");
        PodInfo second = pod("hello-d", "rpi1", PodPhase.PENDING, false, false, OwnerKind.REPLICA_SET, "hello");
        RackModel again = vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(evicted, stays, web, replacement, otherApp,
                second), List.of(), List.of()), T0.plusSeconds(3), "rpi3"));
        assertTrue(again.moves().isEmpty(), "an old pod is linked to one replacement only");
    }

    @Test
    void aFrameRemapsOnlyTheLayersWhosePodsChanged() {
        RackViewModel vm = new RackViewModel();
        PodInfo a = readyPod("hello-a", "rpi1", "hello");
        PodInfo b = readyPod("hello-b", "rpi2", "hello");
        PodInfo c = readyPod("hello-c", "rpi3", "hello");
        RackModel first = vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(a, b, c), List.of(), List.of()), T0));
        PodInfo bNotReady = pod("hello-b", "rpi2", PodPhase.RUNNING, false, false, OwnerKind.REPLICA_SET, "hello");
        RackModel second = vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(a, bNotReady, c), List.of(), List.of()),
                T0.plusSeconds(1)));
        assertSame(first.layers().get(0).pods(), second.layers().get(0).pods(), "rpi1's tiles are untouched");
        assertSame(first.layers().get(2).pods(), second.layers().get(2).pods(), "rpi3's tiles are untouched");
        assertNotEquals(first.layers().get(1).pods(), second.layers().get(1).pods());
        assertEquals(PodLed.STARTING, second.layers().get(1).pods().get(0).led(), "rpi2's pod shows Running, not ready");
    }

    @Test
    void whenTheApiDropsAndComesBackEveryTileGoesUnknownAndThenBack() {
        RackViewModel vm = new RackViewModel();
        List<PodInfo> pods = List.of(readyPod("hello-a", "rpi1", "hello"), readyPod("hello-b", "rpi2", "hello"));
        ClusterSnapshot live = snapshot(LIVE, threeReadyNodes(), pods, List.of(), List.of());
        vm.map(frame(RACK, live, T0));
        ClusterSnapshot down = new ClusterSnapshot(2, T0, "test cluster", new ApiStatus.Unreachable(T0, "connection refused"),
                live.nodes(), live.pods(), live.leases(), live.replicaSets(), live.recentEvents());
        assertTrue(vm.map(frame(RACK, down, T0.plusSeconds(1))).layers().stream().flatMap(l -> l.pods().stream())
                .allMatch(p -> p.led() == PodLed.UNKNOWN), "the same pods, but no stale Ready while the API is down");
        assertTrue(vm.map(frame(RACK, live, T0.plusSeconds(2))).layers().stream().flatMap(l -> l.pods().stream())
                .allMatch(p -> p.led() == PodLed.READY), "Ready again once the API is back");
    }

    @Test
    void aPodDeletedOutrightStillLinksToAReplacementInTheSameFrame() {
        RackViewModel vm = new RackViewModel();
        vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(readyPod("hello-a", "rpi3", "hello")), List.of(), List.of()), T0));
        RackModel moved = vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(readyPod("hello-z", "rpi1", "hello")),
                List.of(), List.of()), T0.plusSeconds(1)));
        assertEquals(1, moved.moves().size());
        assertEquals("rpi3", moved.moves().get(0).fromNode());
        assertEquals("rpi1", moved.moves().get(0).toNode());
    }

    @Test
    void nodeDetailsListAddressesConditionsTaintsWithAgeHeartbeatAndPods() {
        RackSpec withMac = RACK.replaceSlot(RACK.slots().get(1).withMac("dc:a6:32:01:02:03"));
        NodeInfo rpi2 = ClusterFixtures.node("rpi2", NodeRole.WORKER, ConditionStatus.UNKNOWN, false,
                ClusterFixtures.taints(Taint.UNREACHABLE + ":NoExecute"));
        ClusterSnapshot s = snapshot(LIVE, List.of(readyNode("rpi1"), rpi2, readyNode("rpi3")),
                List.of(readyPod("hello-1", "rpi2", "hello")), List.of(lease("rpi2", T0.minusSeconds(14))), List.of());
        RackViewModel vm = new RackViewModel();
        vm.map(frame(withMac, s, T0));
        String detail = vm.nodeDetail("rpi2");
        for (String expected : List.of("MAC: dc:a6:32:01:02:03", "Kubelet: v1.32.4", "OS: Debian GNU/Linux 12 (bookworm)",
                "Ready UNKNOWN (NodeStatusUnknown)", "node.kubernetes.io/unreachable:NoExecute for 20 s", "Last heartbeat: 14 s ago",
                "demo/hello-1 — Ready", "Role: worker")) {
            assertTrue(detail.contains(expected), expected + " in\n" + detail);
        }
        assertTrue(vm.heartbeatDetail("rpi2").contains("last heartbeat 14 s ago"), vm.heartbeatDetail("rpi2"));
    }

    @Test
    void podDetailsIncludeItsRecentEvents() {
        EventInfo scheduled = new EventInfo("e1", "demo", "Pod", "hello-1", "Scheduled", "Successfully assigned demo/hello-1 to rpi2",
                "Normal", "default-scheduler", T0.minusSeconds(60), 1, T0.minusSeconds(60));
        EventInfo other = new EventInfo("e2", "demo", "Pod", "web-0", "Pulled", "pulled", "Normal", "kubelet", T0, 1, T0);
        RackViewModel vm = new RackViewModel();
        vm.map(frame(RACK, snapshot(LIVE, threeReadyNodes(), List.of(readyPod("hello-1", "rpi2", "hello")), List.of(),
                List.of(scheduled, other)), T0));
        String detail = vm.podDetail("demo/hello-1");
        assertTrue(detail.contains("Scheduled: Successfully assigned demo/hello-1 to rpi2"), detail);
        assertTrue(!detail.contains("Pulled"), "only this pod's events");
        assertTrue(detail.contains("Owner: ReplicaSet hello-rs"), detail);
        assertTrue(vm.podDetail("demo/gone").contains("Gone from the cluster"));
    }
}
