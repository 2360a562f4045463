package io.pirack.core.rack;

import static io.pirack.testing.ClusterFixtures.LIVE;
import static io.pirack.testing.ClusterFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.rack.LedStates.HeartbeatLed;
import io.pirack.core.rack.LedStates.LinkLed;
import io.pirack.core.rack.LedStates.NodeLed;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.testing.ClusterFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The truth table from cluster state to LED, every combination the rack can show. */
class LedStatesTest {

    /** Live: the endpoint answers while a watch is re-established. */
    private static final ApiStatus RESYNCING = new ApiStatus.Reconnecting(T0.minusSeconds(1), "watch closed");
    private static final ApiStatus UNREACHABLE = new ApiStatus.Unreachable(T0.minusSeconds(30), "no route");
    private static final ApiStatus CONNECTING = new ApiStatus.Connecting(T0.minusSeconds(30));

    @ParameterizedTest(name = "Ready={0} cordoned={1} taints=[{2}] → {3}")
    @CsvSource(delimiter = '|', value = {
        "TRUE    | false | ''                                                   | READY",
        "TRUE    | false | node-role.kubernetes.io/control-plane:NoSchedule      | READY",
        "TRUE    | true  | node.kubernetes.io/unschedulable:NoSchedule          | CORDONED",
        "TRUE    | true  | ''                                                   | CORDONED",
        "TRUE    | false | dedicated:NoSchedule                                 | TAINTED",
        "TRUE    | false | node.kubernetes.io/not-ready:NoExecute               | TAINTED",
        "TRUE    | true  | dedicated:NoSchedule                                 | CORDONED",
        "FALSE   | false | ''                                                   | NOT_READY",
        "FALSE   | true  | node.kubernetes.io/not-ready:NoExecute               | NOT_READY",
        "FALSE   | false | node.kubernetes.io/not-ready:NoSchedule              | NOT_READY",
        "UNKNOWN | false | ''                                                   | UNKNOWN_STATUS",
        "UNKNOWN | false | node.kubernetes.io/unreachable:NoSchedule            | UNKNOWN_STATUS",
        "UNKNOWN | false | node.kubernetes.io/unreachable:NoExecute             | UNKNOWN_STATUS",
        "UNKNOWN | true  | node.kubernetes.io/unreachable:NoExecute             | UNKNOWN_STATUS",
        "ABSENT  | false | ''                                                   | UNKNOWN_STATUS",
        "ABSENT  | true  | dedicated:NoSchedule                                 | UNKNOWN_STATUS",
    })
    void nodeLedFollowsReadinessThenCordonThenTaints(ConditionStatus ready, boolean cordoned, String taint, NodeLed expected) {
        List<io.pirack.core.cluster.Taint> taints = taint.isEmpty() ? List.of() : ClusterFixtures.taints(taint);
        assertEquals(expected, LedStates.node(ClusterFixtures.node("rpi2", NodeRole.WORKER, ready, cordoned, taints), LIVE));
    }

    static Stream<Arguments> everyNodeAndEveryDeadApi() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (ApiStatus api : List.of(UNREACHABLE, CONNECTING)) {
            for (ConditionStatus ready : ConditionStatus.values()) {
                for (boolean cordoned : new boolean[] {false, true}) {
                    for (String taint : List.of("", "node.kubernetes.io/unreachable:NoExecute", "dedicated:NoSchedule")) {
                        all.add(Arguments.of(api, ready, cordoned, taint));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}: Ready={1} cordoned={2} taints=[{3}]")
    @MethodSource("everyNodeAndEveryDeadApi")
    void withoutALiveApiEveryNodeLedIsUnknownNeverItsLastColour(ApiStatus api, ConditionStatus ready, boolean cordoned,
                                                                String taint) {
        List<io.pirack.core.cluster.Taint> taints = taint.isEmpty() ? List.of() : ClusterFixtures.taints(taint);
        assertEquals(NodeLed.API_UNKNOWN, LedStates.node(ClusterFixtures.node("rpi2", NodeRole.WORKER, ready, cordoned, taints), api));
    }

    static Stream<Arguments> everyNode() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (ConditionStatus ready : ConditionStatus.values()) {
            for (boolean cordoned : new boolean[] {false, true}) {
                for (String taint : List.of("", "node.kubernetes.io/unreachable:NoExecute", "dedicated:NoSchedule")) {
                    all.add(Arguments.of(ready, cordoned, taint));
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "re-syncing: Ready={0} cordoned={1} taints=[{2}]")
    @MethodSource("everyNode")
    void aWatchBeingReEstablishedKeepsEveryNodeLedAsItWas(ConditionStatus ready, boolean cordoned, String taint) {
        List<io.pirack.core.cluster.Taint> taints = taint.isEmpty() ? List.of() : ClusterFixtures.taints(taint);
        NodeInfo node = ClusterFixtures.node("rpi2", NodeRole.WORKER, ready, cordoned, taints);
        assertEquals(LedStates.node(node, LIVE), LedStates.node(node, RESYNCING));
        assertNotEquals(NodeLed.API_UNKNOWN, LedStates.node(node, RESYNCING));
    }

    @Test
    void aWatchBeingReEstablishedKeepsPodAndHeartbeatLeds() {
        for (PodPhase phase : PodPhase.values()) {
            PodInfo pod = ClusterFixtures.pod("hello-1", "rpi2", phase, true, false, OwnerKind.REPLICA_SET, "hello");
            assertEquals(LedStates.pod(pod, LIVE), LedStates.pod(pod, RESYNCING), phase.name());
        }
        LeaseInfo lease = ClusterFixtures.lease("rpi2", T0.minusSeconds(2));
        assertEquals(HeartbeatLed.BEATING, LedStates.heartbeat(lease, RESYNCING, T0));
    }

    @Test
    void aPiWithoutANodeObjectSaysSo() {
        assertEquals(NodeLed.MISSING, LedStates.node(null, LIVE));
        assertEquals(NodeLed.API_UNKNOWN, LedStates.node(null, UNREACHABLE));
    }

    @ParameterizedTest(name = "{0} ready={1} deleting={2} → {3}")
    @CsvSource({
        "PENDING,   false, false, PENDING",
        "PENDING,   false, true,  TERMINATING",
        "RUNNING,   false, false, STARTING",
        "RUNNING,   true,  false, READY",
        "RUNNING,   true,  true,  TERMINATING",
        "RUNNING,   false, true,  TERMINATING",
        "SUCCEEDED, false, false, SUCCEEDED",
        "SUCCEEDED, false, true,  TERMINATING",
        "FAILED,    false, false, FAILED",
        "FAILED,    false, true,  TERMINATING",
        "UNKNOWN,   false, false, UNKNOWN",
        "UNKNOWN,   true,  false, UNKNOWN",
        "UNKNOWN,   false, true,  TERMINATING",
    })
    void podLedFollowsDeletionThenPhaseThenReadiness(PodPhase phase, boolean ready, boolean deleting, PodLed expected) {
        assertEquals(expected, LedStates.pod(ClusterFixtures.pod("hello-1", "rpi2", phase, ready, deleting,
                OwnerKind.REPLICA_SET, "hello"), LIVE));
    }

    static Stream<Arguments> everyPodAndEveryDeadApi() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (ApiStatus api : List.of(UNREACHABLE, CONNECTING)) {
            for (PodPhase phase : PodPhase.values()) {
                for (boolean ready : new boolean[] {false, true}) {
                    for (boolean deleting : new boolean[] {false, true}) {
                        all.add(Arguments.of(api, phase, ready, deleting));
                    }
                }
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0}: {1} ready={2} deleting={3}")
    @MethodSource("everyPodAndEveryDeadApi")
    void withoutALiveApiEveryPodLedIsUnknown(ApiStatus api, PodPhase phase, boolean ready, boolean deleting) {
        assertEquals(PodLed.UNKNOWN, LedStates.pod(ClusterFixtures.pod("hello-1", "rpi2", phase, ready, deleting,
                OwnerKind.DAEMON_SET, "hello"), api));
    }

    /** T0 is on a whole second: the tick [T0 − 1 s, T0) has just ended. */
    @ParameterizedTest(name = "last renewal {0} ms before the tick → {1}")
    @CsvSource({"1, FLASH", "999, FLASH", "1000, FLASH", "1001, BEATING", "2000, BEATING", "40000, BEATING",
            "40001, STOPPED", "120000, STOPPED"})
    void heartbeatLedFlashesForTheTickAfterARenewalAndStopsAfterTheLeaseDuration(long agoMillis, HeartbeatLed expected) {
        Instant received = T0.minusMillis(agoMillis);
        assertEquals(expected, LedStates.heartbeat(ClusterFixtures.lease("rpi2", received), LIVE, T0));
    }

    @ParameterizedTest(name = "renewal at {0} ms into a tick: dark, then lit for the whole next tick, then dark")
    @ValueSource(longs = {0, 1, 400, 999})
    void aRenewalLightsItsLedFromTheNextTickForOneTickWhereverInTheTickItArrived(long intoTick) {
        LeaseInfo lease = ClusterFixtures.lease("rpi2", T0.plusMillis(intoTick));
        assertEquals(HeartbeatLed.BEATING, LedStates.heartbeat(lease, LIVE, T0.plusMillis(intoTick)), "not before the tick");
        assertEquals(HeartbeatLed.BEATING, LedStates.heartbeat(lease, LIVE, T0.plusMillis(999)), "still the renewal's own tick");
        assertEquals(HeartbeatLed.FLASH, LedStates.heartbeat(lease, LIVE, T0.plusMillis(1000)), "lit on the next tick");
        assertEquals(HeartbeatLed.FLASH, LedStates.heartbeat(lease, LIVE, T0.plusMillis(1999)), "for the whole tick");
        assertEquals(HeartbeatLed.BEATING, LedStates.heartbeat(lease, LIVE, T0.plusMillis(2000)), "dark after one tick");
    }

    /**
     * The bound a presenter relies on: a Pi that stops renewing stops flashing at most two ticks (2 s)
     * after its last renewal arrived, and shows "stopped" once the lease duration has passed.
     */
    @ParameterizedTest(name = "last renewal {0} ms into a tick")
    @ValueSource(longs = {0, 500, 999})
    void aPiThatStopsRenewingIsDarkWithinTwoTicksAndStoppedAfterTheLeaseDuration(long intoTick) {
        Instant last = T0.plusMillis(intoTick);
        LeaseInfo lease = ClusterFixtures.lease("rpi2", last);
        Instant darkBy = last.plus(LedStates.HEARTBEAT_TICK.multipliedBy(2));
        for (Instant t = darkBy; t.isBefore(last.plusSeconds(40)); t = t.plusMillis(250)) {
            assertEquals(HeartbeatLed.BEATING, LedStates.heartbeat(lease, LIVE, t), "no flash " + Duration.between(last, t));
        }
        assertEquals(HeartbeatLed.STOPPED, LedStates.heartbeat(lease, LIVE, last.plusSeconds(40).plusMillis(1)));
    }

    @Test
    void theLedsChangeOnlyOnTheSharedWholeSecondTicksSoEveryPisFlashesCoalesce() {
        assertEquals(T0, LedStates.tickStart(T0.plusMillis(730)));
        assertEquals(T0.plusSeconds(1), LedStates.nextTick(T0.plusMillis(730), 2));
        assertEquals(T0.plusSeconds(1), LedStates.nextTick(T0, 2), "on a tick, the next one");
        LeaseInfo rpi2 = ClusterFixtures.lease("rpi2", T0.plusMillis(120));
        LeaseInfo rpi3 = ClusterFixtures.lease("rpi3", T0.plusMillis(870));
        List<Long> changes = new java.util.ArrayList<>();
        for (long ms = 10; ms < 3000; ms += 10) {
            Instant now = T0.plusMillis(ms);
            Instant before = now.minusMillis(10);
            if (LedStates.heartbeat(rpi2, LIVE, now) != LedStates.heartbeat(rpi2, LIVE, before)
                    || LedStates.heartbeat(rpi3, LIVE, now) != LedStates.heartbeat(rpi3, LIVE, before)) {
                changes.add(ms);
            }
        }
        assertEquals(List.of(1000L, 2000L), changes, "two Pis renewing 750 ms apart: on and off together, on the ticks");
    }

    @Test
    void upToTenPisTickOnTheWholeSecondALargerRackInGroupsSpreadOverTheSecond() {
        for (int i = 0; i < 10; i++) {
            assertEquals(Duration.ZERO, LedStates.heartbeatPhase(i, 10), "a rack of ten: one tick for all");
        }
        assertEquals(T0.plusSeconds(1), LedStates.nextTick(T0.plusMillis(730), 4));
        assertEquals(2, LedStates.heartbeatGroups(11));
        assertEquals(Duration.ofMillis(500), LedStates.heartbeatPhase(1, 11));
        assertEquals(10, LedStates.heartbeatGroups(100));
        assertEquals(10, LedStates.heartbeatGroups(1000), "groups at least 100 ms apart");
        assertEquals(Duration.ZERO, LedStates.heartbeatPhase(0, 100));
        assertEquals(Duration.ofMillis(100), LedStates.heartbeatPhase(1, 100), "neighbours tick apart");
        assertEquals(Duration.ZERO, LedStates.heartbeatPhase(10, 100));
        assertEquals(Duration.ofMillis(800), LedStates.heartbeatPhase(98, 100));
        assertEquals(T0.plusMillis(800), LedStates.nextTick(T0.plusMillis(730), 100));
        assertEquals(T0.plusMillis(100), LedStates.nextTick(T0, 100), "on a tick, the next one");
        assertEquals(T0.plusSeconds(1), LedStates.nextTick(T0.plusMillis(900), 100), "after the last group, the whole second");
        Duration third = Duration.ofNanos(333_333_333);
        assertEquals(T0.plus(third.multipliedBy(2)), LedStates.nextTick(T0.plusMillis(400), 30));
        assertEquals(T0.plusSeconds(1), LedStates.nextTick(T0.plus(third.multipliedBy(2)), 30), "a step that does not divide the second");
    }

    /**
     * Why the groups: 100 Pis renewing together once lit and darkened 100 LEDs in one frame, which the
     * software renderer repainted as one rectangle over the whole grid. Stepping from tick to tick as the
     * frame builder does, no frame changes more than {@link LedStates#HEARTBEAT_GROUP} LEDs, and every
     * Pi still flashes for one whole tick of its own, at most one tick after each renewal.
     */
    @Test
    void aHundredPisRenewingTogetherChangeAtMostTwelveLedsAFrameAndEachStillFlashesForOneTick() {
        int pis = 100;
        Instant renewed = T0.plusMillis(300);
        List<LeaseInfo> leases = new java.util.ArrayList<>();
        for (int i = 0; i < pis; i++) {
            leases.add(ClusterFixtures.lease("rpi" + (i + 1), renewed));
        }
        HeartbeatLed[] shown = new HeartbeatLed[pis];
        java.util.Arrays.fill(shown, HeartbeatLed.BEATING);
        Instant[] litAt = new Instant[pis];
        Instant[] darkAt = new Instant[pis];
        int largestFrame = 0;
        for (Instant frame = LedStates.nextTick(renewed, pis); frame.isBefore(T0.plusSeconds(4)); frame = LedStates.nextTick(frame, pis)) {
            int changed = 0;
            for (int i = 0; i < pis; i++) {
                HeartbeatLed led = LedStates.heartbeat(leases.get(i), LIVE, frame, LedStates.heartbeatPhase(i, pis));
                if (led != shown[i]) {
                    changed++;
                    if (led == HeartbeatLed.FLASH) {
                        litAt[i] = frame;
                    } else {
                        darkAt[i] = frame;
                    }
                    shown[i] = led;
                }
            }
            largestFrame = Math.max(largestFrame, changed);
        }
        assertTrue(largestFrame <= LedStates.HEARTBEAT_GROUP, "LEDs changed in one frame: " + largestFrame);
        for (int i = 0; i < pis; i++) {
            assertTrue(litAt[i] != null && !litAt[i].isAfter(renewed.plus(LedStates.HEARTBEAT_TICK)), "rpi" + (i + 1) + " lit within a tick");
            assertEquals(LedStates.HEARTBEAT_TICK, Duration.between(litAt[i], darkAt[i]), "rpi" + (i + 1) + " lit for one tick");
        }
    }

    @Test
    void heartbeatIsUnknownWithoutALeaseOrWithoutTheApi() {
        assertEquals(HeartbeatLed.UNKNOWN, LedStates.heartbeat(null, LIVE, T0));
        assertEquals(HeartbeatLed.UNKNOWN, LedStates.heartbeat(ClusterFixtures.lease("rpi2", T0), UNREACHABLE, T0));
    }

    @Test
    void aServerClockAheadOfPiRackDoesNotKeepADeadNodeBeating() {
        Instant received = T0.minusSeconds(60);
        LeaseInfo renewedInTheFuture = new LeaseInfo("rpi2", received.plusSeconds(3600), 40, received);
        assertEquals(HeartbeatLed.STOPPED, LedStates.heartbeat(renewedInTheFuture, LIVE, T0));
    }

    @Test
    void linkLedComesFromTheProbeAloneSoItWorksWithoutTheApi() {
        assertEquals(LinkLed.UP, LedStates.link(new LinkState("rpi2", true, T0)));
        assertEquals(LinkLed.DOWN, LedStates.link(new LinkState("rpi2", false, T0)));
        assertEquals(LinkLed.UNKNOWN, LedStates.link(LinkState.unknown("rpi2", T0)));
        assertEquals(LinkLed.UNKNOWN, LedStates.link(null));
    }

    @Test
    void appColoursAreStableSlotsWithinTheTwelveColours() {
        assertEquals(LedStates.appColour("hello"), LedStates.appColour("hello"));
        for (String app : List.of("hello", "web", "kube-proxy", "coredns", "", "x")) {
            int slot = LedStates.appColour(app);
            assertTrue(slot >= 0 && slot < 12, app + " → " + slot);
        }
        assertEquals(0, LedStates.appColour(null));
    }
}
