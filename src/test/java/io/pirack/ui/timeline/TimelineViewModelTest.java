package io.pirack.ui.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.TimelineEventKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineViewModelTest {

    private final TimelineViewModel model = new TimelineViewModel();

    private List<TimelineMarker> markersOf(TimelineEventKind kind) {
        return model.markersProperty().get().stream().filter(m -> m.kind() == kind).toList();
    }

    @Test
    void stopwatchShowsThePhaseAndTheTimeSinceThePull() {
        model.show(ScriptedRun.upTo(8.4).snapshot(at(8.4)));

        assertEquals("8.4 s", model.stopwatchProperty().get());
        assertEquals("Detecting… · pi2", model.phaseProperty().get());
        assertTrue(model.runActiveProperty().get());

        model.show(ScriptedRun.upTo(30).snapshot(at(30)));
        assertEquals("Rescheduled 1/1 · pi2", model.phaseProperty().get());
        assertEquals("19 s", model.stopwatchProperty().get(), "a finished run keeps its final time");
        assertFalse(model.runActiveProperty().get());
    }

    @Test
    void markersCoverTheStoryWithLanesPerNodeAndACusterLane() {
        model.show(ScriptedRun.upTo(30).snapshot(at(30)));

        assertEquals(List.of("pi1", "pi2", "pi3", "cluster"), model.lanesProperty().get());
        assertEquals("pi2", markersOf(TimelineEventKind.PLUG_PULLED).get(0).lane());
        assertEquals(1, markersOf(TimelineEventKind.LINK_LOST).size());
        assertEquals(1, markersOf(TimelineEventKind.POD_MARKED_FOR_DELETION).size());
        assertEquals("pi3", markersOf(TimelineEventKind.POD_READY).stream().filter(m -> m.at().equals(at(19)))
                .findFirst().orElseThrow().lane());
        assertEquals("cluster", markersOf(TimelineEventKind.POD_CREATED).stream()
                .filter(m -> m.at().equals(at(15.9))).findFirst().orElseThrow().lane(), "not scheduled yet");
        TimelineMarker notReady = markersOf(TimelineEventKind.NODE_READY_CHANGED).stream()
                .filter(m -> m.lane().equals("pi2") && m.at().equals(at(10.4))).findFirst().orElseThrow();
        assertEquals(List.of("NodeNotReady: Node pi2 status is now: NodeNotReady"), notReady.labels(),
                "the Kubernetes Event is a label on the NotReady marker, not a marker of its own");
        assertTrue(markersOf(TimelineEventKind.KUBE_EVENT).isEmpty());
        TimelineMarker lastHeartbeat = markersOf(TimelineEventKind.HEARTBEATS_STOPPED).get(0);
        assertEquals(at(-0.5), lastHeartbeat.at(), "drawn where the last heartbeat arrived");
    }

    @Test
    void predictedMilestonesSitBesideTheActualOnes() {
        model.show(ScriptedRun.upTo(5).snapshot(at(5)));

        List<TimelineMarker> predicted = model.markersProperty().get().stream().filter(TimelineMarker::predicted)
                .toList();
        assertEquals(2, predicted.size());
        assertEquals(at(9.5), predicted.get(0).at());
        assertEquals("predicted NotReady 9.5 s–11.5 s", predicted.get(0).text());
        assertEquals("predicted eviction 14.5 s–16.5 s (tolerationSeconds 5)", predicted.get(1).text());
    }

    @Test
    void followingNowKeepsThePresentNearTheRightEdge() {
        model.show(ScriptedRun.upTo(30).snapshot(at(30)));

        assertEquals(0.9, model.positionOf(at(30)), 1e-9);
        model.show(ScriptedRun.upTo(30).snapshot(at(40)));
        assertEquals(0.9, model.positionOf(at(40)), 1e-9);
    }

    @Test
    void panningStopsFollowingAndZoomKeepsTheAnchoredTime() {
        model.show(ScriptedRun.upTo(30).snapshot(at(30)));
        model.pan(-0.5);
        assertFalse(model.followNowProperty().get());
        assertEquals(0.9 + 0.5, model.positionOf(at(30)), 1e-9);

        double anchor = 0.25;
        var anchoredTime = model.timeAt(anchor);
        model.zoom(0.5, anchor);
        assertEquals(Duration.ofMinutes(1), model.spanProperty().get());
        assertEquals(anchor, model.positionOf(anchoredTime), 1e-3);

        model.show(ScriptedRun.upTo(30).snapshot(at(50)));
        assertEquals(anchor, model.positionOf(anchoredTime), 1e-3, "a new frame does not move a panned window");

        model.followNow();
        assertEquals(0.9, model.positionOf(at(50)), 1e-9);
    }

    @Test
    void slidingWithinTheListedMarginKeepsTheSameMarkerList() {
        var correlator = ScriptedRun.upTo(30);
        model.show(correlator.snapshot(at(30)));
        List<TimelineMarker> listed = model.markersProperty().get();

        model.show(correlator.snapshot(at(40)));
        assertTrue(listed == model.markersProperty().get(), "10 s of a 2 min window: no new list");

        model.show(correlator.snapshot(at(200)));
        assertTrue(listed != model.markersProperty().get());
    }

    @Test
    void zoomStopsAtFiveSecondsAndSixHours() {
        for (int i = 0; i < 50; i++) {
            model.zoom(0.5, 0.5);
        }
        assertEquals(Duration.ofSeconds(5), model.spanProperty().get());
        for (int i = 0; i < 50; i++) {
            model.zoom(2, 0.5);
        }
        assertEquals(Duration.ofHours(6), model.spanProperty().get());
    }

    @Test
    void showRunFramesTheWholeRun() {
        var correlator = ScriptedRun.upTo(30);
        model.show(correlator.snapshot(at(300)));
        model.showRun(correlator.runs(at(300)).get(0));

        assertTrue(model.positionOf(at(0)) > 0 && model.positionOf(at(0)) < 0.2);
        assertTrue(model.positionOf(at(19)) > 0.8 && model.positionOf(at(19)) < 1);
    }

    @Test
    void ticksAreRoundTimesInsideTheWindow() {
        model.show(ScriptedRun.upTo(30).snapshot(at(30)));

        List<java.time.Instant> ticks = model.ticks();
        assertEquals(12, ticks.size(), ticks::toString);
        assertTrue(ticks.stream().allMatch(t -> t.toEpochMilli() % 10_000 == 0));
        assertTrue(model.positionOf(ticks.get(0)) >= 0 && model.positionOf(ticks.get(11)) <= 1);
    }
    @Test
    void predictionsBelongToTheirRunAndAreGoneWhenItEndsButKeptInItsSummary() {
        model.show(ScriptedRun.upTo(30).snapshot(at(30)));

        assertTrue(model.markersProperty().get().stream().noneMatch(TimelineMarker::predicted),
                "no stale 'predicted eviction' after the run");
        var summary = model.selectedRunProperty().get();
        var notReady = summary.boundaries().stream()
                .filter(b -> b.milestone() == io.pirack.core.timeline.RunMilestone.NOT_READY).findFirst().orElseThrow();
        assertEquals(9.5, notReady.predictedFrom(), 1e-9);
        assertEquals(io.pirack.core.timeline.RunSummary.Fit.INSIDE, notReady.fit());
    }

    @Test
    void runsAreListedNewestFirstAndChoosingOneFocusesTheLanesAndTheAxis() {
        model.show(ScriptedRun.upTo(30).snapshot(at(30)));
        var run = model.runSummariesProperty().get().get(0);

        model.select(run);

        assertEquals(run, model.selectedRunProperty().get());
        assertFalse(model.followNowProperty().get());
        assertTrue(model.positionOf(at(0)) > 0 && model.positionOf(at(19)) < 1, "the whole run is in view");
        assertEquals("+10 s", model.axisLabel(at(10)));
        assertEquals("−5 s", model.axisLabel(at(-5)));
        assertTrue(model.ticks().stream().anyMatch(t -> t.equals(at(10))), "ticks at round seconds since the pull");
    }

    @Test
    void heartbeatsAreOneStripPerLaneWithAGapWhereTheyFellSilent() {
        java.util.List<io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed> beats = new java.util.ArrayList<>();
        for (double t : new double[] {0, 2, 4, 6, 8, 20, 22, 24}) {
            beats.add(new io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed(at(t), "pi2", at(t)));
        }

        List<TimelineViewModel.Strip> strips = TimelineBands.strips(beats);

        assertEquals(List.of(new TimelineViewModel.Strip("pi2", at(0), at(8)), new TimelineViewModel.Strip("pi2", at(20), at(24))),
                strips);
    }

    @Test
    void anApiOutageIsOneIntervalAcrossTheLanesAndNotAMarker() {
        var correlator = ScriptedRun.upTo(30);
        correlator.accept(new io.pirack.core.timeline.TimelineEvent.ApiOutage(at(20), "watch closed"));
        correlator.accept(new io.pirack.core.timeline.TimelineEvent.ApiRestored(at(25)));

        model.show(correlator.snapshot(at(30)));

        assertEquals(List.of(new TimelineViewModel.Interval(at(20), at(25), "API server unreachable (watch closed)")),
                model.outagesProperty().get());
        assertTrue(markersOf(TimelineEventKind.API_OUTAGE).isEmpty());
    }

    @Test
    void hidingKubeSystemLeavesOutItsPods() {
        var correlator = ScriptedRun.upTo(30);
        var proxy = new io.pirack.core.timeline.PodRef("kube-system", "proxy-x", "uid-proxy-x",
                io.pirack.core.cluster.OwnerKind.DAEMON_SET, "proxy");
        correlator.accept(new io.pirack.core.timeline.TimelineEvent.PodReady(at(12), "pi1", proxy, at(12)));
        model.show(correlator.snapshot(at(30)));
        int all = model.markersProperty().get().size();

        model.hideSystemProperty().set(true);

        assertEquals(all - 1, model.markersProperty().get().size());
    }
}
