package io.pirack.core.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.core.timeline.Script.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.timeline.TimelineEvent.PodCreated;
import io.pirack.testing.ClusterFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FailoverCorrelatorTest {

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static FailoverRun onlyRun(FailoverCorrelator correlator, double nowSeconds) {
        List<FailoverRun> runs = correlator.runs(at(nowSeconds));
        assertEquals(1, runs.size(), () -> "runs: " + runs);
        return runs.get(0);
    }

    @Test
    void pulledNodeRecoversWhenEveryEvictedPodHasAReadyReplacement() {
        FailoverRun run = onlyRun(Script.reference().correlator(), 60);

        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertNull(run.failureReason());
        RunMetrics m = run.metrics();
        assertEquals(seconds(0.8), m.toLinkLoss());
        assertEquals(seconds(10.4), m.toNotReady());
        assertEquals(seconds(10.6), m.toNoExecuteTaint());
        assertEquals(seconds(15.7), m.toFirstEviction());
        assertEquals(seconds(19.0), m.toFirstReplacementReady());
        assertEquals(seconds(21.0), m.toLastReplacementReady());
        assertEquals(seconds(21.0), m.total());
        assertEquals(FailoverSettings.DEMO_TUNED, m.tuningLabel());
        assertEquals("Rescheduled 2/2", run.phaseText());
        assertEquals("plug pulled (sim)", run.trigger());
    }

    @Test
    void eachEvictedPodIsLinkedToItsReplacementWithAPerPodBreakdown() {
        FailoverRun run = onlyRun(Script.reference().correlator(), 60);

        List<RunMetrics.PodMetrics> pods = run.metrics().pods();
        assertEquals(2, pods.size());
        RunMetrics.PodMetrics a = pods.get(0);
        assertEquals("demo/web-a", a.pod());
        assertEquals("demo/web-c", a.replacement());
        assertEquals("pi3", a.replacementNode());
        assertEquals(PodFate.REPLACED, a.fate());
        assertEquals(seconds(15.7), a.toEviction());
        assertEquals(seconds(15.9), a.toReplacementCreated());
        assertEquals(seconds(16.1), a.toReplacementScheduled());
        assertEquals(seconds(17.9), a.toReplacementRunning());
        assertEquals(seconds(19.0), a.toReplacementReady());
        assertEquals("demo/web-d", pods.get(1).replacement());
        assertEquals("pi4", pods.get(1).replacementNode());
        assertTrue(run.pods().get(0).disruptionTarget());
        assertEquals(seconds(19.0 - 15.7), run.pods().get(0).downtime());
    }

    @Test
    void daemonSetPodsAndPodsOnOtherNodesAreNotPartOfTheRun() {
        FailoverRun run = onlyRun(Script.reference().correlator(), 60);

        assertTrue(run.pods().stream().noneMatch(p -> p.evicted().name().equals("proxy-x")));
        assertTrue(run.pods().stream().noneMatch(p -> p.evicted().name().equals("web-z")));
    }

    @Test
    void daemonSetPodIsIgnoredEvenWithAFiniteToleration() {
        Script script = Script.reference();
        script.existingPod(-100, new PodRef("kube-system", "logs-y", "uid-logs-y", OwnerKind.DAEMON_SET, "logs"),
                "pi2", 0L);

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertEquals(2, run.pods().size());
    }

    @Test
    void podThatToleratesTheTaintForeverIsNotWaitedFor() {
        Script script = Script.reference();
        script.existingPod(-100, web("web-forever"), "pi2", null);

        assertEquals(RunOutcome.RECOVERED, onlyRun(script.correlator(), 60).outcome());
    }

    @Test
    void stopwatchPhaseFollowsTheRunAsEventsArrive() {
        List<TimelineEvent> all = Script.reference().events;
        assertEquals("Detecting…", phaseWithEventsUntil(all, 5));
        assertEquals("Evicting…", phaseWithEventsUntil(all, 12));
        assertEquals("Evicting…", phaseWithEventsUntil(all, 17));
        assertEquals("Rescheduled 1/2", phaseWithEventsUntil(all, 20));
        assertEquals("Rescheduled 2/2", phaseWithEventsUntil(all, 22));

        FailoverCorrelator correlator = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
        all.stream().filter(e -> !e.receivedAt().isAfter(at(5))).forEach(correlator);
        FailoverRun run = correlator.activeRun(at(8.4)).orElseThrow();
        assertEquals("Detecting… 8.4 s", run.stopwatchText(at(8.4)));
    }

    private static String phaseWithEventsUntil(List<TimelineEvent> all, double seconds) {
        FailoverCorrelator correlator = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
        all.stream().filter(e -> !e.receivedAt().isAfter(at(seconds))).forEach(correlator);
        return onlyRun(correlator, seconds).phaseText();
    }

    @Test
    void duplicateDeliveriesAfterARelistDoNotChangeTheRun() {
        Script script = Script.reference();
        RunMetrics expected = onlyRun(script.correlator(), 60).metrics();

        FailoverCorrelator correlator = script.correlator();
        for (TimelineEvent event : script.events) {
            correlator.accept(event); // same fact again
        }
        // A relist re-delivers pod facts with a later receive time: the earliest one must win.
        correlator.accept(new PodCreated(at(30), "pi3", web("web-c"), ClusterFixtures.serverAt(15.9), 5L, 5L));
        correlator.accept(new TimelineEvent.PodReady(at(30), "pi3", web("web-c"), ClusterFixtures.serverAt(19)));

        assertEquals(expected, onlyRun(correlator, 60).metrics());
    }

    @Test
    void deliveryOrderDoesNotChangeTheRun() {
        Script script = Script.reference();
        RunMetrics expected = onlyRun(script.correlator(), 60).metrics();
        for (long seed = 1; seed <= 20; seed++) {
            List<TimelineEvent> shuffled = new ArrayList<>(script.events);
            Collections.shuffle(shuffled, new Random(seed));
            FailoverCorrelator correlator = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
            correlator.acceptAll(shuffled);
            assertEquals(expected, onlyRun(correlator, 60).metrics(), "seed " + seed);
        }
    }

    @Test
    void replacementSeenBeforeTheOldPodsDeletionMarkIsStillLinked() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .replacement(15.5, web("web-c"), "pi3", 19.0)
                .marked(15.9, web("web-a"), "pi2");

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertEquals("demo/web-c", run.metrics().pods().get(0).replacement());
        assertEquals(Duration.ofMillis(15_900), run.metrics().toFirstEviction());
    }

    @Test
    void podOfTheSameReplicaSetCreatedBeforeThePullIsNotAReplacement() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .replacement(-50, web("web-old"), "pi3", -45)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .marked(15.7, web("web-a"), "pi2");

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals(PodFate.AWAITING_REPLACEMENT, run.pods().get(0).fate());
        assertEquals(RunOutcome.IN_PROGRESS, run.outcome());
    }

    @Test
    void nodeRestoredBeforeEvictionEndsTheRunAsRestored() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 300L)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .restore(30, "pi2").readyAgain(41, "pi2");

        FailoverRun run = onlyRun(script.correlator(), 100);

        assertEquals(RunOutcome.RESTORED, run.outcome());
        assertEquals(at(41), run.end());
        assertEquals("node restored before any pod was evicted", run.failureReason());
        assertEquals(PodFate.AWAITING_EVICTION, run.pods().get(0).fate());
        assertNotNull(run.nodeBack());
        assertEquals("Node restored", run.phaseText());
    }

    @Test
    void restoreBeforeKubernetesNoticedEndsTheRunAtTheRestore() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi2").linkLost(0.8, "pi2").restore(4, "pi2");

        FailoverRun run = onlyRun(script.correlator(), 100);

        assertEquals(RunOutcome.RESTORED, run.outcome());
        assertEquals(at(4), run.end());
        assertEquals("node restored before Kubernetes marked it NotReady", run.failureReason());
    }

    @Test
    void apiOutageDuringTheRunIsNotedButDoesNotSpoilARecovery() {
        Script script = Script.reference().apiOutage(12).apiRestored(14);

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertEquals(1, run.notes().size());
        assertTrue(run.notes().get(0).startsWith("API server unreachable (watch closed) for 2.0 s"), run.notes()::toString);
    }

    @Test
    void apiStillUnreachableWhenTheRunTimesOutIsTheReason() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi2").apiOutage(3);

        assertEquals("API unreachable", onlyRun(script.correlator(), 5).phaseText());
        FailoverRun run = onlyRun(script.correlator(), 200);

        assertEquals(RunOutcome.TIMED_OUT, run.outcome());
        assertEquals("API server unreachable", run.failureReason());
    }

    @Test
    void threeOfFourNodesDownHaltsEviction() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi2").pull(0.1, "pi3").pull(0.2, "pi4")
                .notReady(10.4, "pi2").notReady(10.5, "pi3").notReady(10.6, "pi4");

        FailoverCorrelator correlator = script.correlator();
        FailoverRun during = correlator.runs(at(30)).get(0);
        assertEquals("Eviction halted", during.phaseText());

        List<FailoverRun> runs = correlator.runs(at(500));
        assertEquals(3, runs.size());
        FailoverRun run = runs.get(0);
        assertEquals("pi2", run.node());
        assertEquals(RunOutcome.TIMED_OUT, run.outcome());
        assertEquals("eviction halted: 3 of 4 nodes down", run.failureReason());
    }

    @Test
    void twoOfFourNodesDownStillFailsOver() {
        Script script = Script.reference().pull(0.1, "pi1").notReady(10.5, "pi1");

        FailoverRun run = Script.reference().pull(0.1, "pi1").notReady(10.5, "pi1").correlator().runs(at(60)).get(0);

        assertNull(run.haltReason());
        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertEquals(2, script.correlator().runs(at(60)).size());
    }

    @Test
    void everyNodeDownHaltsEvictionToo() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi1").pull(0, "pi2").notReady(10.4, "pi1").notReady(10.4, "pi2");

        FailoverRun run = script.correlator().runs(at(500)).get(0);

        assertEquals("eviction halted: all 2 nodes down", run.haltReason());
    }

    @Test
    void statefulSetPodStayingTerminatingIsExpectedAndTheRunEndsWhenTheMovablePodsAreReady() {
        PodRef db0 = new PodRef("demo", "db-0", "uid-db-0", OwnerKind.STATEFUL_SET, "db");
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L).existingPod(-100, db0, "pi2", 5L)
                .existingPod(-100, new PodRef("kube-system", "proxy-x", "uid-proxy-x", OwnerKind.DAEMON_SET, "proxy"),
                        "pi2", null)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .marked(15.7, web("web-a"), "pi2").marked(15.7, db0, "pi2")
                .replacement(15.9, web("web-c"), "pi3", 19.0);

        FailoverRun run = onlyRun(script.correlator(), 200);

        assertEquals(RunOutcome.RECOVERED, run.outcome());
        assertEquals(at(19.0), run.end(), "ends when web-a's replacement is Ready, not at the timeout");
        assertEquals(at(19.0), run.lastReplacementReady().receivedAt());
        assertNull(run.failureReason());
        RunVerdict verdict = run.verdict();
        assertEquals(RunVerdict.Kind.RECOVERED_WITH_STAYING, verdict.kind());
        assertTrue(verdict.ok());
        assertEquals("recovered; db-0 stays Terminating (StatefulSet)", verdict.headline());
        assertEquals("1 pod moved in 19.0 s; db-0 stays Terminating (StatefulSet)", verdict.summary());
        assertEquals(List.of(StayingPod.Reason.STATEFUL_SET, StayingPod.Reason.DAEMON_SET),
                run.staying().stream().map(StayingPod::reason).toList());
        assertEquals(PodFate.STUCK_TERMINATING, run.staying().get(0).fate());
        assertTrue(verdict.details().get(0).contains("out-of-service"), verdict.details().get(0));
        assertEquals("Rescheduled 1/1", run.phaseText());
    }

    @Test
    void aNodeHoldingOnlyPodsThatStayHasNothingToMove() {
        PodRef db0 = new PodRef("demo", "db-0", "uid-db-0", OwnerKind.STATEFUL_SET, "db");
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, db0, "pi2", 300L).pull(0, "pi2").notReady(10.4, "pi2");

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals(RunOutcome.NOTHING_TO_MOVE, run.outcome());
        assertEquals(at(10.4), run.end());
        assertEquals(RunVerdict.Kind.NOTHING_TO_MOVE, run.verdict().kind());
        assertEquals("nothing to move; db-0 stays Terminating (StatefulSet)", run.verdict().headline());
        assertTrue(run.verdict().ok());
        assertEquals(PodFate.AWAITING_EVICTION, run.staying().get(0).fate());
    }

    @Test
    void aMovableReplacementThatNeverGetsReadyIsARealFailure() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L).pull(0, "pi2").notReady(10.4, "pi2")
                .noExecute(10.6, "pi2").marked(15.7, web("web-a"), "pi2");

        RunVerdict verdict = onlyRun(script.correlator(), 200).verdict();

        assertEquals(RunVerdict.Kind.FAILED, verdict.kind());
        assertEquals("timed out after 2 min 00 s: demo/web-a waiting for replacement", verdict.headline());
        assertTrue(!verdict.ok());
    }

    @Test
    void haltedEvictionIsItsOwnVerdict() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi1").pull(0, "pi2").pull(0, "pi3")
                .notReady(10.4, "pi1").notReady(10.4, "pi2").notReady(10.4, "pi3");

        FailoverRun run = script.correlator().runs(at(500)).stream().filter(r -> r.node().equals("pi2"))
                .findFirst().orElseThrow();

        assertEquals(RunVerdict.Kind.EVICTION_HALTED, run.verdict().kind());
        assertEquals("eviction halted: 3 of 4 nodes down", run.verdict().summary());
    }

    @Test
    void theOutOfServiceTaintMakesAStatefulSetPodMovable() {
        PodRef oldDb = new PodRef("demo", "db-0", "uid-db-0", OwnerKind.STATEFUL_SET, "db");
        PodRef newDb = new PodRef("demo", "db-0", "uid-db-0-new", OwnerKind.STATEFUL_SET, "db");
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L).existingPod(-100, oldDb, "pi2", 300L)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .add(new TimelineEvent.TaintAdded(at(11), "pi2", io.pirack.core.cluster.Taint.OUT_OF_SERVICE,
                        io.pirack.core.cluster.Taint.NO_EXECUTE, null))
                .marked(11.2, oldDb, "pi2").marked(15.7, web("web-a"), "pi2")
                .replacement(15.9, web("web-c"), "pi3", 19.0)
                .deleted(12, oldDb, "pi2").replacement(12.5, newDb, "pi4", 25);

        FailoverRun run = onlyRun(script.correlator(), 200);

        assertEquals(RunVerdict.Kind.RECOVERED, run.verdict().kind());
        assertEquals(at(25), run.end(), "waits for db-0 too, not only web-a (Ready at 19): it is movable now");
        assertEquals("uid-db-0-new", run.pods().stream().filter(p -> p.evicted().name().equals("db-0"))
                .findFirst().orElseThrow().replacement().uid(), "re-created under its own name");
        assertEquals("2 pods moved in 25.0 s", run.verdict().summary());
        assertTrue(run.staying().isEmpty());
    }

    @Test
    void spontaneousNotReadyStartsARunAndKeepsAnEarlierLinkLoss() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .heartbeat(-1, "pi2").linkLost(0, "pi2").notReady(10, "pi2").noExecute(10.2, "pi2")
                .marked(15.3, web("web-a"), "pi2").replacement(15.4, web("web-c"), "pi3", 18);

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals("node NotReady", run.trigger());
        assertEquals(at(10), run.start());
        assertEquals(Duration.ofSeconds(-10), run.metrics().toLinkLoss());
        assertEquals(Duration.ZERO, run.metrics().toNotReady());
        assertEquals(RunOutcome.RECOVERED, run.outcome());
    }

    @Test
    void unfinishedRunIsInProgressUntilItsTimeoutThenTimedOut() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 300L)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2");
        FailoverCorrelator correlator = script.correlator();

        assertEquals(RunOutcome.IN_PROGRESS, onlyRun(correlator, 119).outcome());
        FailoverRun run = onlyRun(correlator, 121);
        assertEquals(RunOutcome.TIMED_OUT, run.outcome());
        assertEquals(at(120), run.end());
        assertEquals("timed out after 2 min 00 s waiting for eviction (tolerationSeconds 300)", run.failureReason());
        assertTrue(correlator.activeRun(at(121)).isEmpty());
    }

    @Test
    void replacementReadyOnlyAfterTheTimeoutLeavesTheRunTimedOut() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 5L)
                .pull(0, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2").marked(15.7, web("web-a"), "pi2")
                .replacement(15.9, web("web-c"), "pi3", 130);

        FailoverRun run = onlyRun(script.correlator(), 200);

        assertEquals(RunOutcome.TIMED_OUT, run.outcome());
        assertEquals("timed out after 2 min 00 s: demo/web-a rescheduling", run.failureReason());
        assertNull(run.firstReplacementReady());
    }

    @Test
    void pullingANodeThatIsAlreadyNotReadyEndsAtOnceWithThatReason() {
        Script script = Script.reference().pull(100, "pi2");

        List<FailoverRun> runs = script.correlator().runs(at(101));

        assertEquals(2, runs.size());
        FailoverRun second = runs.get(1);
        assertEquals(RunOutcome.ALREADY_DOWN, second.outcome());
        assertEquals(at(100), second.end());
        assertEquals("node pi2 was already NotReady when the plug was pulled", second.failureReason());
        assertEquals("Node was already down", second.phaseText());
    }

    @Test
    void pullDuringAnActiveRunDoesNotStartAnotherRun() {
        Script script = Script.reference().pull(5, "pi2");

        assertEquals(1, script.correlator().runs(at(60)).size());
    }

    @Test
    void aLaterPullAfterTheNodeCameBackStartsASecondRun() {
        Script script = Script.reference().readyAgain(100, "pi2").pull(200, "pi2");

        List<FailoverRun> runs = script.correlator().runs(at(210));
        assertEquals(2, runs.size());
        assertEquals(at(200), runs.get(1).start());
        assertTrue(runs.get(1).pods().isEmpty(), "web-a/b were evicted in the first run");
    }

    @Test
    void predictionUsesTheLastHeartbeatTheGracePeriodAndThePodsTolerations() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 7L).existingPod(-100, web("web-b"), "pi2", 5L)
                .heartbeat(-10.5, "pi2").heartbeat(-0.5, "pi2").pull(0, "pi2");

        FailoverRun detecting = onlyRun(script.correlator(), 3);
        Prediction p = detecting.prediction();
        assertEquals(at(-0.5), p.basis());
        assertEquals(at(9.5), p.notReadyEarliest());
        assertEquals(at(11.5), p.notReadyLatest());
        assertEquals(5L, p.toleranceSeconds());
        assertEquals(at(14.5), p.evictionEarliest());
        assertEquals(at(16.5), p.evictionLatest());

        script.notReady(10.4, "pi2").noExecute(10.6, "pi2");
        Prediction afterTaint = onlyRun(script.correlator(), 12).prediction();
        assertEquals(at(15.6), afterTaint.evictionEarliest());
        assertEquals(at(17.6), onlyRun(script.correlator(), 12).pods().get(0).predictedEviction());
    }

    @Test
    void runEventsAreOrderedAndLeaveOutOtherPods() {
        FailoverRun run = onlyRun(Script.reference().correlator(), 60);

        List<TimelineEvent> events = run.events();
        assertEquals(TimelineEventKind.PLUG_PULLED, events.get(0).kind());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(!events.get(i).receivedAt().isBefore(events.get(i - 1).receivedAt()));
        }
        assertTrue(events.stream().noneMatch(e -> e.subject().contains("web-z") || e.subject().contains("proxy-x")));
        assertTrue(events.stream().anyMatch(e -> e.kind() == TimelineEventKind.POD_READY
                && e.subject().equals("demo/web-d")));
    }

    @Test
    void historyGivesMediansPerTuningLabel() {
        FailoverSettings defaults = FailoverSettings.kubernetesDefaults();
        Script script = new Script().nodes(-100, "pi1", "pi2", "pi3", "pi4");
        double[] notReadyAfter = {52, 50, 56};
        double t = 0;
        int i = 0;
        for (double n : notReadyAfter) {
            movedRun(script.tuning(t - 1, defaults), t, n, i++);
            t += 1000;
        }
        for (double n : new double[] {10, 12}) {
            movedRun(script.tuning(t - 1, Script.DEMO), t, n, i++);
            t += 1000;
        }
        // A run with nothing to move ends at NotReady: left out of the medians.
        script.tuning(t - 1, Script.DEMO).pull(t, "pi1").notReady(t + 1, "pi1").readyAgain(t + 5, "pi1");
        t += 1000;

        RunHistory history = script.correlator().history(at(t));

        assertEquals(6, history.runs().size());
        RunHistory.RunStats slow = history.byTuning().get(FailoverSettings.KUBERNETES_DEFAULTS);
        RunHistory.RunStats fast = history.byTuning().get(FailoverSettings.DEMO_TUNED);
        assertEquals(3, slow.runs());
        assertEquals(Duration.ofSeconds(52), slow.medianToNotReady());
        assertEquals(Duration.ofSeconds(11), fast.medianToNotReady());
        assertEquals(1, fast.nothingToMove(), "the 1 s nothing-to-move run is not in the medians");
        assertEquals(6, history.overall().runs());
        assertEquals(5, history.overall().recovered());
    }

    /** pi2 loses one movable pod 1 s after NotReady; its replacement is Ready 3 s later. */
    private static void movedRun(Script script, double t, double notReady, int i) {
        PodRef pod = web("web-h" + i);
        script.existingPod(t - 50, pod, "pi2", 0L).pull(t, "pi2").notReady(t + notReady, "pi2")
                .noExecute(t + notReady + 0.2, "pi2").marked(t + notReady + 1, pod, "pi2")
                .replacement(t + notReady + 1.1, web("web-r" + i), "pi3", t + notReady + 4)
                .readyAgain(t + notReady + 5, "pi2");
    }

    @Test
    void askingEveryFrameReusesTheAnswerUntilATimeoutPassesOrAnEventArrives() {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, web("web-a"), "pi2", 300L).pull(0, "pi2");
        FailoverCorrelator correlator = script.correlator();

        List<FailoverRun> first = correlator.runs(at(1));
        assertTrue(first == correlator.runs(at(2)), "same answer object between frames");
        assertEquals(RunOutcome.TIMED_OUT, correlator.runs(at(120)).get(0).outcome());

        correlator.accept(new TimelineEvent.PlugRestored(at(130), "pi2", "sim"));
        assertTrue(correlator.runs(at(130)) != correlator.runs(at(1)));
        assertEquals(RunOutcome.IN_PROGRESS, correlator.runs(at(1)).get(0).outcome(), "asking about the past still works");
    }

    @Test
    void kubernetesEventsBecomeLabelsOfTheMarkerTheySpeakAbout() {
        Script script = Script.reference()
                .kubeEvent(10.5, "pi2", "Node", "pi2", "NodeNotReady", "Node pi2 status is now: NodeNotReady")
                .kubeEvent(15.9, null, "ReplicaSet", "demo/" + Script.RS, "SuccessfulCreate", "Created pod: web-c")
                .kubeEvent(200, "pi2", "Node", "pi2", "Rebooted", "Node pi2 has been rebooted");

        TimelineSnapshot snapshot = script.correlator().snapshot(at(300));

        TimelineEvent notReady = snapshot.markers().stream().filter(e -> e.kind() == TimelineEventKind.NODE_READY_CHANGED
                && e.node().equals("pi2") && e.receivedAt().equals(at(10.4))).findFirst().orElseThrow();
        assertEquals("NodeNotReady", snapshot.labelsOf(notReady).get(0).reason());
        TimelineEvent created = snapshot.markers().stream().filter(e -> e.kind() == TimelineEventKind.POD_CREATED
                && e.subject().equals("demo/web-c")).findFirst().orElseThrow();
        assertEquals("SuccessfulCreate", snapshot.labelsOf(created).get(0).reason());
        assertEquals(1, snapshot.markers().stream().filter(e -> e.kind() == TimelineEventKind.KUBE_EVENT).count(),
                "an Event with no marker nearby stays a label of its own");
        assertEquals(List.of("pi1", "pi2", "pi3", "pi4", "cluster"), snapshot.lanes());
    }

    @Test
    void podsThatExistedBeforeThePullButReachedPiRackAfterItAreNotReplacements() {
        // The plug is pulled while PiRack is still connecting: the first list arrives 3 s after the pull and
        // brings two of the Deployment's pods created 8 s before it (Ready at 5.8 s). They were never
        // replacements; web-c and web-d, created after the evictions, are.
        Script script = Script.reference();
        for (String name : List.of("web-early1", "web-early2")) {
            script.add(new PodCreated(at(3), "pi4", web(name), ClusterFixtures.serverAt(-8), 5L, 5L))
                    .add(new TimelineEvent.PodScheduled(at(3), "pi4", web(name)))
                    .add(new TimelineEvent.PodRunning(at(3), "pi4", web(name)))
                    .add(new TimelineEvent.PodReady(at(5.8), "pi4", web(name), ClusterFixtures.serverAt(5.8)));
        }

        FailoverRun run = onlyRun(script.correlator(), 60);

        assertEquals(List.of("demo/web-c", "demo/web-d"),
                run.metrics().pods().stream().map(RunMetrics.PodMetrics::replacement).toList());
        assertEquals(seconds(19.0), run.metrics().toFirstReplacementReady(), "not the early pods' 5.8 s");
        assertEquals(seconds(21.0), run.metrics().total());
    }
}
