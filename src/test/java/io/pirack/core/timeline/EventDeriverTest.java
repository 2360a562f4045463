package io.pirack.core.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.testing.ClusterFixtures.lease;
import static io.pirack.testing.ClusterFixtures.noExecute;
import static io.pirack.testing.ClusterFixtures.noSchedule;
import static io.pirack.testing.ClusterFixtures.pod;
import static io.pirack.testing.ClusterFixtures.readyNode;
import static io.pirack.testing.ClusterFixtures.serverAt;
import static io.pirack.testing.ClusterFixtures.unreachableNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
import io.pirack.core.timeline.TimelineEvent.HeartbeatsStopped;
import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import io.pirack.core.timeline.TimelineEvent.NodeReadyChanged;
import io.pirack.core.timeline.TimelineEvent.PodCreated;
import io.pirack.core.timeline.TimelineEvent.PodMarkedForDeletion;
import io.pirack.core.timeline.TimelineEvent.TaintAdded;
import io.pirack.testing.ClusterFixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventDeriverTest {

    private final List<TimelineEvent> out = new ArrayList<>();
    private final EventDeriver deriver = new EventDeriver(out::add, Clock.fixed(at(99), ZoneOffset.UTC));

    private List<TimelineEventKind> kinds() {
        return out.stream().map(TimelineEvent::kind).toList();
    }

    @Test
    void readyTransitionIsReportedOnceAndARelistOfTheSameNodeAddsNothing() {
        NodeInfo ready = readyNode("pi2", 0);
        NodeInfo down = unreachableNode("pi2", 10, 10.4);
        deriver.nodeChanged(null, ready);
        deriver.nodeChanged(ready, down);
        deriver.nodeChanged(null, down);  // relist delivers it as an add
        deriver.nodeChanged(down, down);  // or as an update without change

        assertEquals(List.of(TimelineEventKind.NODE_READY_CHANGED, TimelineEventKind.NODE_READY_CHANGED), kinds());
        NodeReadyChanged change = (NodeReadyChanged) out.get(1);
        assertEquals(ConditionStatus.TRUE, change.from());
        assertEquals(ConditionStatus.UNKNOWN, change.to());
        assertEquals("NodeStatusUnknown", change.reason());
        assertEquals(at(10.4), change.receivedAt());
        assertEquals(serverAt(10), change.serverTime());
        assertTrue(change.wentDown());
    }

    @Test
    void taintsAreReportedWhenAddedAndRemovedWithTheirTimeAdded() {
        NodeInfo down = unreachableNode("pi2", 10, 10.4, noSchedule(), noExecute(10));
        deriver.nodeChanged(null, readyNode("pi2", 0));
        deriver.nodeChanged(null, down);
        deriver.nodeChanged(down, down);
        deriver.nodeChanged(down, readyNode("pi2", 50));

        List<TimelineEvent> taints = out.stream().filter(e -> e.kind() == TimelineEventKind.TAINT_ADDED
                || e.kind() == TimelineEventKind.TAINT_REMOVED).toList();
        assertEquals(4, taints.size());
        TaintAdded noExec = (TaintAdded) taints.get(1);
        assertEquals(Taint.NO_EXECUTE, noExec.effect());
        assertEquals(serverAt(10), noExec.timeAdded());
        assertEquals(TimelineEventKind.TAINT_REMOVED, taints.get(3).kind());
        assertEquals(at(50), taints.get(3).receivedAt());
    }

    @Test
    void leaseWithAnUnchangedRenewTimeIsNoHeartbeat() {
        deriver.leaseChanged(null, lease("pi2", 0, 0.1));
        deriver.leaseChanged(lease("pi2", 0, 0.1), lease("pi2", 0, 5));
        deriver.leaseChanged(null, lease("pi2", 0, 6));
        deriver.leaseChanged(lease("pi2", 0, 6), lease("pi2", 10, 10.1));

        assertEquals(List.of(TimelineEventKind.HEARTBEAT_RENEWED, TimelineEventKind.HEARTBEAT_RENEWED), kinds());
        assertEquals(serverAt(10), out.get(1).serverTime());
    }

    @Test
    void heartbeatsStoppedIsReportedOnceWhenTheNodeGoesNotReady() {
        deriver.nodeChanged(null, readyNode("pi2", 0));
        deriver.leaseChanged(null, lease("pi2", 9, 9.2));
        deriver.nodeChanged(null, unreachableNode("pi2", 60, 60.3));
        deriver.checkHeartbeats(at(70));

        HeartbeatsStopped stopped = (HeartbeatsStopped) out.get(2);
        assertEquals(at(60.3), stopped.receivedAt());
        assertEquals(at(9.2), stopped.lastReceivedAt());
        assertEquals(serverAt(9), stopped.lastRenewTime());
        assertEquals(TimelineEventKind.NODE_READY_CHANGED, out.get(3).kind());
        assertEquals(4, out.size());
    }

    @Test
    void heartbeatsStoppedAfterTwoMissedRenewals() {
        deriver.leaseChanged(null, lease("pi2", 9, 9.2));
        deriver.checkHeartbeats(at(29));
        assertTrue(out.stream().noneMatch(e -> e instanceof HeartbeatsStopped));

        deriver.checkHeartbeats(at(29.3));
        deriver.checkHeartbeats(at(40));
        assertEquals(1, out.stream().filter(e -> e instanceof HeartbeatsStopped).count());

        deriver.leaseChanged(null, lease("pi2", 45, 45.1));
        deriver.checkHeartbeats(at(70));
        assertEquals(2, out.stream().filter(e -> e instanceof HeartbeatsStopped).count());
    }

    @Test
    void podLifecycleBecomesCreatedScheduledRunningReadyMarkedDeleted() {
        PodInfo pending = pod("web-c").pending().createdAt(15).at(15.9);
        PodInfo scheduled = pod("web-c").pending().on("pi3").createdAt(15).at(16.1);
        PodInfo running = pod("web-c").runningNotReady().on("pi3").createdAt(15).at(18);
        PodInfo ready = pod("web-c").on("pi3").createdAt(15).at(19);
        PodInfo target = pod("web-c").on("pi3").createdAt(15).disruptionTarget().at(30);
        PodInfo marked = pod("web-c").on("pi3").createdAt(15).markedForDeletion(31, false).at(31);
        deriver.podChanged(null, pending);
        deriver.podChanged(pending, scheduled);
        deriver.podChanged(scheduled, running);
        deriver.podChanged(running, ready);
        deriver.podChanged(ready, target);
        deriver.podChanged(target, marked);
        deriver.podChanged(marked, null);

        assertEquals(List.of(TimelineEventKind.POD_CREATED, TimelineEventKind.POD_SCHEDULED,
                TimelineEventKind.POD_RUNNING, TimelineEventKind.POD_READY,
                TimelineEventKind.POD_MARKED_FOR_DELETION, TimelineEventKind.POD_DELETED), kinds());
        PodCreated created = (PodCreated) out.get(0);
        assertNull(created.node());
        assertEquals(serverAt(15), created.serverTime());
        assertEquals("pi3", out.get(1).node());
        PodMarkedForDeletion mark = (PodMarkedForDeletion) out.get(4);
        assertTrue(mark.disruptionTarget(), "DisruptionTarget seen on the update before the mark");
        assertEquals(serverAt(61), mark.deletionTimestamp());
        assertEquals(at(99), out.get(5).receivedAt(), "a delete carries no new receive time: the clock's");
    }

    @Test
    void relistOfAKnownPodAndStaleCopiesAfterItsDeleteAddNothing() {
        PodInfo ready = pod("web-a").on("pi2").at(0);
        deriver.podChanged(null, ready);
        int afterFirst = out.size();
        deriver.podChanged(null, pod("web-a").on("pi2").at(40));
        deriver.podChanged(ready, pod("web-a").on("pi2").at(41));
        assertEquals(afterFirst, out.size());

        deriver.podChanged(ready, null);
        deriver.podChanged(null, pod("web-a").on("pi2").markedForDeletion(50, true).at(50));
        assertEquals(afterFirst + 1, out.size());
    }

    @Test
    void statefulSetPodRecreatedUnderTheSameNameIsANewPod() {
        deriver.podChanged(null, pod("db-0").uid("old").on("pi2").at(0));
        deriver.podChanged(pod("db-0").uid("old").on("pi2").at(0), null);
        deriver.podChanged(null, pod("db-0").uid("new").pending().at(60));

        assertEquals(TimelineEventKind.POD_CREATED, out.get(out.size() - 1).kind());
        assertEquals("new", ((PodCreated) out.get(out.size() - 1)).pod().uid());
    }

    @Test
    void toleranceIsTheFirstMatchingTolerationNullForeverZeroWithoutOne() {
        assertEquals(300L, EventDeriver.tolerance(ClusterFixtures.demoTolerations(300L), Taint.UNREACHABLE));
        assertNull(EventDeriver.tolerance(ClusterFixtures.demoTolerations(null), Taint.UNREACHABLE));
        assertEquals(0L, EventDeriver.tolerance(List.of(), Taint.UNREACHABLE));
        assertEquals(0L, EventDeriver.tolerance(ClusterFixtures.demoTolerations(-5L), Taint.NOT_READY));
        List<Toleration> mixed = List.of(new Toleration(null, "Exists", null, null, null),
                new Toleration(Taint.UNREACHABLE, "Exists", null, Taint.NO_EXECUTE, 7L));
        // Upstream uses the first matching toleration: the key-less Exists tolerates forever.
        assertNull(EventDeriver.tolerance(mixed, Taint.UNREACHABLE));
        assertNull(EventDeriver.tolerance(mixed, Taint.NOT_READY));
    }

    @Test
    void apiOutageOnlyAfterTheFirstConnectionAndOncePerOutage() {
        deriver.apiStatusChanged(null, new ApiStatus.Connecting(at(0)));
        deriver.apiStatusChanged(null, new ApiStatus.Unreachable(at(1), "connection refused"));
        assertTrue(out.isEmpty(), "not connected yet: start-up, not an outage");

        deriver.apiStatusChanged(null, new ApiStatus.Connected(at(2)));
        deriver.apiStatusChanged(null, new ApiStatus.Reconnecting(at(5), "watch closed"));
        deriver.apiStatusChanged(null, new ApiStatus.Connected(at(6)));
        assertTrue(out.isEmpty(), "a watch re-established while the API answers is not an outage");
        deriver.apiStatusChanged(null, new ApiStatus.Unreachable(at(10), "connection refused"));
        deriver.apiStatusChanged(null, new ApiStatus.Unreachable(at(20), "timeout"));
        deriver.apiStatusChanged(null, new ApiStatus.Connected(at(25)));
        deriver.apiStatusChanged(null, new ApiStatus.Connected(at(26)));

        assertEquals(List.of(TimelineEventKind.API_OUTAGE, TimelineEventKind.API_RESTORED), kinds());
        assertEquals("API server unreachable (connection refused)", out.get(0).describe());
        assertEquals(at(25), out.get(1).receivedAt());
    }

    @Test
    void linkChangesAreReportedOnlyWhenTheStateFlips() {
        deriver.linkRegained("pi2", "tcp/22", at(0));
        deriver.linkLost("pi2", "tcp/22", at(1));
        deriver.linkLost("pi2", "tcp/22", at(2));
        deriver.linkRegained("pi2", "tcp/22", at(30));

        assertEquals(List.of(TimelineEventKind.LINK_LOST, TimelineEventKind.LINK_REGAINED), kinds());
        assertEquals(at(1), out.get(0).receivedAt());
    }

    @Test
    void kubernetesEventsAreDeduplicatedAndPlacedOnThePodsLane() {
        deriver.podChanged(null, pod("web-a").on("pi2").at(0));
        EventInfo eviction = new EventInfo("ev1", "demo", "Pod", "web-a", "TaintManagerEviction",
                "Marking for deletion Pod demo/web-a", "Normal", "taint-eviction-controller", serverAt(15), 1, at(15.7));
        deriver.eventReceived(eviction);
        deriver.eventReceived(eviction);
        deriver.eventReceived(new EventInfo("ev2", "default", "Node", "pi2", "NodeNotReady", "Node pi2 status is now: NodeNotReady",
                "Normal", "node-controller", serverAt(10), 1, at(10.5)));

        List<TimelineEvent> events = out.stream().filter(e -> e instanceof KubeEvent).toList();
        assertEquals(2, events.size());
        assertEquals("pi2", events.get(0).node());
        assertEquals("demo/web-a", events.get(0).subject());
        assertEquals("TaintManagerEviction: Marking for deletion Pod demo/web-a", events.get(0).describe());
        assertEquals("pi2", events.get(1).subject());
    }

    @Test
    void derivedEventsFromAWholeFailoverGiveTheSameRunAsTheScript() {
        FailoverCorrelator correlator = new FailoverCorrelator(Script.DEMO);
        EventDeriver live = new EventDeriver(correlator, Clock.fixed(at(99), ZoneOffset.UTC));
        for (String n : List.of("pi1", "pi2", "pi3", "pi4")) {
            live.nodeChanged(null, readyNode(n, -100));
        }
        live.podChanged(null, pod("web-a").on("pi2").at(-100));
        live.plugPulled("pi2", "sim", at(0));
        live.nodeChanged(null, unreachableNode("pi2", 10, 10.4, noSchedule()));
        live.nodeChanged(null, unreachableNode("pi2", 10, 10.6, noSchedule(), noExecute(10)));
        live.podChanged(null, pod("web-a").on("pi2").markedForDeletion(15, true).at(15.7));
        live.podChanged(null, pod("web-c").pending().createdAt(15).at(15.9));
        live.podChanged(null, pod("web-c").on("pi3").createdAt(15).at(19));

        FailoverRun run = correlator.runs(at(60)).get(0);
        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertEquals(at(10.6), run.noExecuteTaint().receivedAt());
        assertEquals("demo/web-c", run.pods().get(0).replacement().key());
        assertFalse(run.pods().get(0).replacementRunning() == null);
    }
}
