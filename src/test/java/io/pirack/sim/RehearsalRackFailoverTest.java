package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The failover story on the rehearsal rack, end to end through PiRack's own informers. */
class RehearsalRackFailoverTest {

    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(180); // a safety net: a loaded machine starts a rack slowly

    static Stream<Arguments> presets() {
        // Compressed so each story takes a few seconds of real time; not more than 20x, where a second's stall of the
        // loaded machine is already 20 simulated seconds (at 40x CI saw a heartbeat 27 s old at the pull).
        return Stream.of(Arguments.of(SimTimings.demoTuned(), 4.0), Arguments.of(SimTimings.kubernetesDefaults(), 20.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void unpluggedWorkerGoesNotReadyAfterGraceAndItsPodsMoveWhileTheStatefulPodIsStuck(SimTimings timings, double scale)
            throws Exception {
        try (RackUnderTest t = new RackUnderTest(4, timings, scale)) {
            ClusterSnapshot steady = t.awaitSteadyDemo(REAL_TIMEOUT);
            String victim = RackUnderTest.pods(steady, SimWorkload.DEMO_STATEFULSET).get(0).nodeName();
            List<String> victimsPods = RackUnderTest.pods(steady, SimWorkload.DEMO_DEPLOYMENT).stream()
                    .filter(p -> victim.equals(p.nodeName())).map(PodInfo::name).toList();
            assertFalse(victimsPods.isEmpty(), "the scheduler spreads the Deployment over every worker");

            Instant pulledAt = t.rack.clock().instant();
            t.rack.unplug(victim);

            ClusterSnapshot notReady = t.await(victim + " NotReady", REAL_TIMEOUT,
                    s -> s.node(victim).map(n -> n.ready() == ConditionStatus.UNKNOWN).orElse(false));
            NodeInfo node = notReady.node(victim).orElseThrow();
            Duration detection = Duration.between(pulledAt, node.receivedAt());
            Instant lastHeartbeat = notReady.lease(victim).orElseThrow().renewTime();
            assertTrue(!node.receivedAt().isBefore(lastHeartbeat.plus(timings.nodeMonitorGracePeriod())),
                    "NotReady only once the grace period has passed since the last heartbeat");
            assertTrue(!lastHeartbeat.isAfter(pulledAt), "an unplugged Pi renews no Lease, last renewal " + lastHeartbeat
                    + " after the pull at " + pulledAt);
            // A renewal held up by a stall of the machine leaves an older last heartbeat, and an earlier NotReady.
            assertTrue(detection.compareTo(timings.nodeMonitorGracePeriod().minus(timings.leaseRenewInterval().multipliedBy(2))
                            .minus(t.stall())) >= 0,
                    "the last heartbeat before the pull was about one renew interval earlier, detection took " + detection);
            assertTrue(detection.compareTo(timings.nodeMonitorGracePeriod().plus(timings.leaseRenewInterval())
                    .plus(timings.nodeMonitorPeriod()).plusSeconds(3).plus(t.stall())) <= 0,
                    "NotReady soon after the grace period, was " + detection);
            assertEquals("NodeStatusUnknown", node.condition("Ready").orElseThrow().reason());

            ClusterSnapshot moved = t.await("replacements Ready elsewhere", REAL_TIMEOUT,
                    s -> RackUnderTest.pods(s, SimWorkload.DEMO_DEPLOYMENT).stream()
                            .filter(p -> !p.terminating() && p.ready() && !victim.equals(p.nodeName())).count() == 6);
            NodeInfo tainted = moved.node(victim).orElseThrow();
            Instant taintAdded = tainted.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).orElseThrow().timeAdded();
            assertTrue(tainted.taint(Taint.UNREACHABLE, Taint.NO_SCHEDULE).isPresent());
            for (String name : victimsPods) {
                PodInfo old = moved.pods().get(SimWorkload.DEMO_NAMESPACE + "/" + name);
                assertTrue(old != null && old.terminating() && old.disruptionTarget(),
                        name + " is kept Terminating with DisruptionTarget while its kubelet is gone");
            }
            long tolerated = timings.demoTolerationSeconds() != null ? timings.demoTolerationSeconds() : timings.defaultTolerationSeconds();
            Instant firstDeletionSeen = victimsPods.stream().map(n -> moved.pods().get(SimWorkload.DEMO_NAMESPACE + "/" + n))
                    .map(PodInfo::receivedAt).min(Instant::compareTo).orElseThrow();
            assertTrue(!firstDeletionSeen.isBefore(taintAdded.plusSeconds(tolerated - 1)),
                    "eviction waits for tolerationSeconds after the taint");
            PodInfo stateful = moved.pods().get(SimWorkload.DEMO_NAMESPACE + "/web-0");
            assertTrue(victim.equals(stateful.nodeName()) && !stateful.ready(), "the StatefulSet pod does not move");
            if (timings.demoTolerationSeconds() == null) {
                assertTrue(stateful.terminating(), "evicted like the others, the StatefulSet pod is stuck Terminating");
            }
            assertTrue(moved.eventsFor("Node", victim).stream().anyMatch(e -> "NodeNotReady".equals(e.reason())));
            assertTrue(moved.recentEvents().stream().anyMatch(e -> "TaintManagerEviction".equals(e.reason())));

            t.rack.plugIn(victim);
            ClusterSnapshot recovered = t.await(victim + " back", REAL_TIMEOUT, s -> s.node(victim)
                    .map(n -> n.ready() == ConditionStatus.TRUE && !n.hasTaint(Taint.UNREACHABLE)).orElse(false)
                    && victimsPods.stream().noneMatch(n -> s.pods().containsKey(SimWorkload.DEMO_NAMESPACE + "/" + n))
                    && RackUnderTest.allReady(s, SimWorkload.DEMO_STATEFULSET, 1)
                    && s.eventsFor("Node", victim).stream().anyMatch(e -> "NodeReady".equals(e.reason())));
            assertTrue(recovered.eventsFor("Node", victim).stream().anyMatch(e -> "NodeReady".equals(e.reason())));
        }
    }

    @Test
    void unpluggingThreeOfFourNodesHaltsEviction() throws Exception {
        SimTimings timings = SimTimings.demoTuned();
        try (RackUnderTest t = new RackUnderTest(4, timings, 4)) {
            t.awaitSteadyDemo(REAL_TIMEOUT);
            List<String> workers = List.of("rpi2", "rpi3", "rpi4");
            workers.forEach(t.rack::unplug);
            t.await("three nodes NotReady", REAL_TIMEOUT, s -> workers.stream()
                    .allMatch(w -> s.node(w).map(n -> n.ready() == ConditionStatus.UNKNOWN).orElse(false)));
            Instant wellPastEviction = t.rack.clock().instant().plusSeconds(timings.demoTolerationSeconds() + 10);
            ClusterSnapshot later = t.awaitSimTime(wellPastEviction, REAL_TIMEOUT);
            for (String w : workers) {
                assertFalse(later.node(w).orElseThrow().taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).isPresent(),
                        "no NoExecute taint on " + w + " while more than 55 % of the cluster is down");
            }
            assertTrue(later.pods().values().stream().noneMatch(p -> p.terminating() && "demo".equals(p.namespace())),
                    "no pod is evicted");
        }
    }
}
