package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RunVerdict;
import io.pirack.sim.SimTimings;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.timeline.TimelineService;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drill on the Pi that holds the StatefulSet pod web-0 (wherever the rehearsal rack's scheduler put it): the
 * run ends when the Deployment's pods are Ready elsewhere, and web-0 staying is an expected outcome, not a timeout.
 */
class DrillOnStatefulPiTest {

    /**
     * Waits (real time, generous) for what the drill waits for first — every workload pod Ready, nothing pending — and
     * returns the Pi web-0 runs on. The drill's own wait is in cluster time (3 min: 9 real seconds at 20x), which a
     * loaded machine starting a rack can overrun.
     */
    private static String steadyNodeOfWebZero(ClusterSession session) throws Exception {
        ClusterSnapshot steady = session.store().await(s -> s.pods().values().stream()
                        .anyMatch(p -> "web-0".equals(p.name()) && p.ready())
                        && Drill.steady(s, s.pods().values().stream().filter(p -> "web-0".equals(p.name())).findFirst()
                        .orElseThrow().nodeName()), Duration.ofSeconds(120), "web-0 Ready and the workload steady");
        return steady.pods().values().stream().filter(p -> "web-0".equals(p.name())).map(PodInfo::nodeName)
                .findFirst().orElseThrow();
    }

    static Stream<Arguments> presets() {
        // Not faster than 20x: the drill bounds even its local steps in cluster time (the pull: 1 min, 1.5 real s at 40x).
        return Stream.of(Arguments.of(SimTimings.demoTuned(), 5.0), Arguments.of(SimTimings.kubernetesDefaults(), 20.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void drillOnThePiHoldingWebZeroRecoversWithinThePredictedWindowAndNamesWebZeroAsStaying(SimTimings timings,
                                                                                          double scale) throws Exception {
        RackSpec base = RackSpec.rehearsal(4);
        RackSpec rack = new RackSpec(base.name(), base.slots(), base.subnet(), base.defaultPlugMethod(), base.turingPiUrl(),
                3600);
        // Cluster time: at 20x, 30 min is 90 real seconds for what takes about 18 when the machine is idle.
        Duration timeout = Duration.ofMinutes(30);
        FailoverSettings settings = timings.failoverSettings(timeout);
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(rack, timings, scale));
             PlugService plugs = new PlugService(session, () -> rack, HostKeyPrompt.REFUSE,
                     PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(settings, session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            String node = steadyNodeOfWebZero(session);

            Drill.Result result = new Drill(session, plugs, timeline, line -> { }).run(node, settings, timeout);

            FailoverRun run = result.run();
            assertNotNull(run, result.reason());
            assertTrue(result.recovered(), "drill exit 0 means recovered: " + result.reason());
            assertEquals(RunVerdict.Kind.RECOVERED_WITH_STAYING, run.verdict().kind());
            assertEquals("recovered; web-0 stays Terminating (StatefulSet)", result.reason());
            assertNotNull(run.prediction().evictionLatest(), "a prediction for the movable pods' eviction");
            Instant lastMovableBack = run.movablePods().stream().map(p -> p.replacementReady().receivedAt())
                    .max(Instant::compareTo).orElseThrow();
            assertEquals(lastMovableBack, run.end(), "the run ends as the last of the Deployment's pods is Ready elsewhere");
            // The rack's own steps after the eviction take a few simulated seconds; every real second the (loaded)
            // machine spends handing the change from controller to controller counts `scale` simulated ones.
            Duration slack = Duration.ofSeconds(10).plus(Duration.ofSeconds(2).multipliedBy((long) scale));
            assertTrue(!run.end().isAfter(run.prediction().evictionLatest().plus(slack)),
                    "ended " + run.elapsed(run.end()) + " after the pull; predicted eviction by "
                            + Duration.between(run.start(), run.prediction().evictionLatest()) + " (+" + slack.toSeconds() + " s)");
            assertTrue(!run.movablePods().isEmpty() && run.movablePods().stream()
                            .noneMatch(p -> p.evicted().name().equals("web-0")),
                    "the Deployment's pods moved, web-0 did not: " + run.movablePods());
        }
    }
    /**
     * {@code --force-statefulset}: once the Pi is NotReady the drill writes the out-of-service taint (seen by the
     * timeline as a real taint on the node), the rehearsal rack's pod GC force-deletes web-0 so its StatefulSet
     * re-creates it on another Pi, and the drill removes the taint after the Pi is back.
     */
    @org.junit.jupiter.api.Test
    void forceStatefulSetWritesTheOutOfServiceTaintAfterNotReadyAndRemovesItAfterTheRestore() throws Exception {
        SimTimings timings = SimTimings.demoTuned();
        RackSpec base = RackSpec.rehearsal(4);
        RackSpec rack = new RackSpec(base.name(), base.slots(), base.subnet(), base.defaultPlugMethod(), base.turingPiUrl(),
                3600);
        Duration timeout = Duration.ofMinutes(10);
        FailoverSettings settings = timings.failoverSettings(timeout);
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(rack, timings, 10));
             PlugService plugs = new PlugService(session, () -> rack, HostKeyPrompt.REFUSE,
                     PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(settings, session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            String node = steadyNodeOfWebZero(session);

            Drill.Result result = new Drill(session, plugs, timeline, line -> { }).run(node, settings, timeout, true);

            FailoverRun run = timeline.runStartedSince(node, result.run() == null ? session.clock().instant().minusSeconds(600)
                    : result.run().start()).orElseThrow();
            var taint = timeline.correlator().events().stream()
                    .filter(e -> e instanceof io.pirack.core.timeline.TimelineEvent.TaintAdded t
                            && t.node().equals(node) && t.key().equals(io.pirack.core.cluster.Taint.OUT_OF_SERVICE))
                    .findFirst();
            assertTrue(taint.isPresent(), "the out-of-service taint reached the API server and the timeline");
            assertTrue(!taint.get().receivedAt().isBefore(run.notReady().receivedAt()), "written after NotReady");
            // The rehearsal rack's pod garbage collector honours the taint: web-0 is re-created elsewhere.
            assertTrue(result.recovered(), result.reason());
            assertEquals(RunVerdict.Kind.RECOVERED, run.verdict().kind(), run.verdict().headline());
            assertTrue(run.pods().stream().anyMatch(p -> p.evicted().name().equals("web-0") && p.movable()
                    && p.replacementNode() != null && !p.replacementNode().equals(node)),
                    "web-0 moved: " + run.pods());
            session.store().await(s -> s.node(node).orElseThrow().taints().stream()
                    .noneMatch(t -> t.key().equals(io.pirack.core.cluster.Taint.OUT_OF_SERVICE)), Duration.ofSeconds(60),
                    "the out-of-service taint removed after the restore");
        }
    }
}
