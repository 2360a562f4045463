package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drill on the Pi that holds the StatefulSet pod web-0 (wherever the rehearsal rack's scheduler put it): the
 * run ends when the Deployment's pods are Ready elsewhere, and web-0 staying is an expected outcome, not a timeout.
 */
class DrillOnStatefulPiTest {

    static Stream<Arguments> presets() {
        return Stream.of(Arguments.of(SimTimings.demoTuned(), 5.0), Arguments.of(SimTimings.kubernetesDefaults(), 40.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void drillOnThePiHoldingWebZeroRecoversWithinThePredictedWindowAndNamesWebZeroAsStaying(SimTimings timings,
                                                                                          double scale) throws Exception {
        RackSpec base = RackSpec.rehearsal(4);
        RackSpec rack = new RackSpec(base.name(), base.slots(), base.subnet(), base.defaultPlugMethod(), base.turingPiUrl(),
                3600);
        Duration timeout = Duration.ofMinutes(10);
        FailoverSettings settings = timings.failoverSettings(timeout);
        ExecutorService plugExecutor = Executors.newCachedThreadPool();
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(rack, timings, scale));
             PlugService plugs = new PlugService(session, () -> rack, plugExecutor, HostKeyPrompt.REFUSE,
                     PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(settings, session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            String node = session.store().await(s -> s.pods().values().stream()
                            .anyMatch(p -> "web-0".equals(p.name()) && p.ready()), Duration.ofSeconds(60), "web-0 Ready")
                    .pods().values().stream().filter(p -> "web-0".equals(p.name())).map(PodInfo::nodeName)
                    .findFirst().orElseThrow();

            Drill.Result result = new Drill(session, plugs, timeline, line -> { }).run(node, settings, timeout);

            FailoverRun run = result.run();
            assertNotNull(run, result.reason());
            assertTrue(result.recovered(), "drill exit 0 means recovered: " + result.reason());
            assertEquals(RunVerdict.Kind.RECOVERED_WITH_STAYING, run.verdict().kind());
            assertEquals("recovered; web-0 stays Terminating (StatefulSet)", result.reason());
            assertNotNull(run.prediction().evictionLatest(), "a prediction for the movable pods' eviction");
            assertTrue(!run.end().isAfter(run.prediction().evictionLatest().plusSeconds(10)),
                    "ended " + run.elapsed(run.end()) + " after the pull; predicted eviction by "
                            + Duration.between(run.start(), run.prediction().evictionLatest()));
            assertTrue(!run.movablePods().isEmpty() && run.movablePods().stream()
                            .noneMatch(p -> p.evicted().name().equals("web-0")),
                    "the Deployment's pods moved, web-0 did not: " + run.movablePods());
        } finally {
            plugExecutor.shutdownNow();
        }
    }
    /**
     * {@code --force-statefulset}: once the Pi is NotReady the drill writes the out-of-service taint (seen by the
     * timeline as a real taint on the node) and removes it after the Pi is back. Whether the rehearsal rack then
     * moves web-0 is the simulator's part; this checks the drill's own write.
     */
    @org.junit.jupiter.api.Test
    void forceStatefulSetWritesTheOutOfServiceTaintAfterNotReadyAndRemovesItAfterTheRestore() throws Exception {
        SimTimings timings = SimTimings.demoTuned();
        RackSpec base = RackSpec.rehearsal(4);
        RackSpec rack = new RackSpec(base.name(), base.slots(), base.subnet(), base.defaultPlugMethod(), base.turingPiUrl(),
                3600);
        Duration timeout = Duration.ofSeconds(90);
        FailoverSettings settings = timings.failoverSettings(timeout);
        ExecutorService plugExecutor = Executors.newCachedThreadPool();
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(rack, timings, 10));
             PlugService plugs = new PlugService(session, () -> rack, plugExecutor, HostKeyPrompt.REFUSE,
                     PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(settings, session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            String node = session.store().await(s -> s.pods().values().stream()
                            .anyMatch(p -> "web-0".equals(p.name()) && p.ready()), Duration.ofSeconds(60), "web-0 Ready")
                    .pods().values().stream().filter(p -> "web-0".equals(p.name())).map(PodInfo::nodeName)
                    .findFirst().orElseThrow();

            Drill.Result result = new Drill(session, plugs, timeline, line -> { }).run(node, settings, timeout, true);

            FailoverRun run = timeline.runStartedSince(node, result.run() == null ? session.clock().instant().minusSeconds(600)
                    : result.run().start()).orElseThrow();
            var taint = timeline.correlator().events().stream()
                    .filter(e -> e instanceof io.pirack.core.timeline.TimelineEvent.TaintAdded t
                            && t.node().equals(node) && t.key().equals(io.pirack.core.cluster.Taint.OUT_OF_SERVICE))
                    .findFirst();
            assertTrue(taint.isPresent(), "the out-of-service taint reached the API server and the timeline");
            assertTrue(!taint.get().receivedAt().isBefore(run.notReady().receivedAt()), "written after NotReady");
            session.store().await(s -> s.node(node).orElseThrow().taints().stream()
                    .noneMatch(t -> t.key().equals(io.pirack.core.cluster.Taint.OUT_OF_SERVICE)), Duration.ofSeconds(10),
                    "the out-of-service taint removed after the restore");
        } finally {
            plugExecutor.shutdownNow();
        }
    }
}
