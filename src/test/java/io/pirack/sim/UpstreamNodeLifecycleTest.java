package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.Taint;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The node lifecycle controller's upstream rules on the rehearsal rack: the version-dependent delay
 * of the NoExecute taint, the per-zone eviction rate limit, and the disruption modes. All times are
 * simulated; the rack's own timestamps (taint timeAdded, condition transitions) are compared.
 */
class UpstreamNodeLifecycleTest {

    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(180); // a safety net: a loaded machine starts a rack slowly

    /** Demo timings with a 5 s monitor period, so one pass is far larger than a tick (0.2 s) and a second's rounding. */
    static SimTimings fiveSecondMonitor(KubernetesVersion version) {
        SimTimings demo = SimTimings.demoTuned();
        return new SimTimings(demo.name(), demo.leaseRenewInterval(), demo.leaseDurationSeconds(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), demo.defaultTolerationSeconds(), demo.demoTolerationSeconds(), demo.podStart(),
                demo.imagePull(), demo.readinessDelay(), version, Duration.ofSeconds(5));
    }

    static Stream<Arguments> versions() {
        return Stream.of(Arguments.of("1.32", 5), Arguments.of("1.34", 0));
    }

    @ParameterizedTest(name = "Kubernetes {0}: NoExecute {1} s after NotReady")
    @MethodSource("versions")
    void theNoExecuteTaintTrailsNotReadyByOneMonitorPassUpTo133(String version, int expectedGapSeconds) throws Exception {
        SimTimings timings = fiveSecondMonitor(KubernetesVersion.parse(version).orElseThrow());
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(4), timings, 4, RehearsalRack.Options.defaults())) {
            t.awaitSteadyDemo(REAL_TIMEOUT);
            t.rack.unplug("rpi3");
            ClusterSnapshot tainted = t.await("rpi3 NoExecute", REAL_TIMEOUT,
                    s -> s.node("rpi3").flatMap(n -> n.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE)).isPresent());
            NodeInfo node = tainted.node("rpi3").orElseThrow();
            Instant notReady = node.condition("Ready").orElseThrow().lastTransitionTime();
            Instant taint = node.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).orElseThrow().timeAdded();
            long gap = Duration.between(notReady, taint).toMillis();
            // Both stamps have one-second resolution; a tick is 0.2 s. A taint one monitor pass later can come later
            // still by a stall of the machine (written in the same pass as NotReady, nothing can part them).
            long late = expectedGapSeconds > 0 ? t.stall().toMillis() : 0;
            assertTrue(gap >= expectedGapSeconds * 1000L - 1500 && gap <= expectedGapSeconds * 1000L + 1500 + late,
                    "on " + version + " the taint came " + gap + " ms after NotReady, expected " + expectedGapSeconds + " s");
            assertTrue(node.taint(Taint.UNREACHABLE, Taint.NO_SCHEDULE).orElseThrow().timeAdded() != null,
                    "the NoSchedule taint carries timeAdded too");
        }
    }

    @Test
    void twoPisPulledTogetherAreTaintedAtLeastTenSecondsApart() throws Exception {
        try (RackUnderTest t = new RackUnderTest(5, SimTimings.demoTuned(), 4)) {
            t.awaitSteadyDemo(REAL_TIMEOUT);
            t.rack.unplug("rpi3");
            t.rack.unplug("rpi4");
            ClusterSnapshot both = t.await("both tainted", REAL_TIMEOUT, s -> Stream.of("rpi3", "rpi4")
                    .allMatch(n -> s.node(n).flatMap(x -> x.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE)).isPresent()));
            List<Instant> added = Stream.of("rpi3", "rpi4")
                    .map(n -> both.node(n).orElseThrow().taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).orElseThrow().timeAdded())
                    .sorted().toList();
            Duration apart = Duration.between(added.get(0), added.get(1));
            // 0.1 node/s with a burst of 1 in a healthy zone; timeAdded has one-second resolution.
            assertTrue(apart.compareTo(Duration.ofSeconds(9)) >= 0, "tainted " + apart + " apart");
        }
    }

    @Test
    void whenEveryNodeIsDownTheNoExecuteTaintsAreRemovedAndNothingIsEvicted() throws Exception {
        // A rack without a control-plane Pi (the API is elsewhere), so every node can go down while the API stays up.
        RackSpec base = RackSpec.rehearsal(3);
        List<PiSlot> workers = base.slots().stream().map(s -> PiSlot.of(s.hostname(), NodeRole.WORKER)).toList();
        RackSpec spec = new RackSpec(base.name(), workers, base.subnet(), base.defaultPlugMethod(), base.turingPiUrl(),
                base.deadManSeconds());
        SimTimings timings = SimTimings.demoTuned();
        try (RackUnderTest t = new RackUnderTest(spec, timings, 4, RehearsalRack.Options.defaults())) {
            t.await("demo pods ready", REAL_TIMEOUT, s -> RackUnderTest.allReady(s, SimWorkload.DEMO_DEPLOYMENT, 6));
            t.rack.unplug("rpi1");
            t.await("rpi1 tainted", REAL_TIMEOUT,
                    s -> s.node("rpi1").flatMap(n -> n.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE)).isPresent());
            t.rack.unplug("rpi2");
            t.rack.unplug("rpi3");
            ClusterSnapshot down = t.await("all NotReady and no NoExecute taint left", REAL_TIMEOUT, s -> Stream.of("rpi1", "rpi2", "rpi3")
                    .allMatch(n -> s.node(n).map(x -> x.ready() == ConditionStatus.UNKNOWN
                            && x.taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).isEmpty()).orElse(false)));
            Instant later = t.rack.clock().instant().plusSeconds(timings.demoTolerationSeconds() + 10);
            ClusterSnapshot after = t.awaitSimTime(later, REAL_TIMEOUT);
            for (String n : List.of("rpi2", "rpi3")) {
                assertFalse(after.node(n).orElseThrow().taint(Taint.UNREACHABLE, Taint.NO_EXECUTE).isPresent(), n);
            }
            assertTrue(down.node("rpi1").orElseThrow().taint(Taint.UNREACHABLE, Taint.NO_SCHEDULE).isPresent(),
                    "the NoSchedule taint stays: only NoExecute tainting stops");
            long evictedLater = after.pods().values().stream()
                    .filter(p -> p.terminating() && !"rpi1".equals(p.nodeName())).count();
            assertEquals(0, evictedLater, "full disruption evicts nothing");
        }
    }
}
