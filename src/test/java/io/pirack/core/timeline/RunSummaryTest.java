package io.pirack.core.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The run view's numbers: each phase boundary in seconds since the pull, judged against its predicted window. */
class RunSummaryTest {

    private static RunSummary.Boundary boundary(RunSummary summary, RunMilestone milestone) {
        return summary.boundaries().stream().filter(b -> b.milestone() == milestone).findFirst().orElseThrow();
    }

    /** The demo tuning's NotReady boundary when the node is marked NotReady {@code seconds} after the pull (heartbeat at −0.5 s). */
    private static RunSummary.Boundary notReadyAt(double seconds) {
        Script script = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4")
                .existingPod(-100, Script.web("web-a"), "pi2", 5L).heartbeat(-0.5, "pi2").pull(0, "pi2")
                .notReady(seconds, "pi2");
        return boundary(RunSummary.of(script.correlator().runs(at(20)).get(0), at(20)), RunMilestone.NOT_READY);
    }

    @Test
    void eachMilestoneHasItsSecondsSinceThePullAndItsPredictedWindow() {
        FailoverRun run = Script.reference().correlator().runs(at(60)).get(0);

        RunSummary summary = RunSummary.of(run, at(60));

        assertEquals(List.of(0.8, -0.5, 10.4, 10.6, 15.7, 19.0, 21.0),
                summary.boundaries().stream().map(RunSummary.Boundary::seconds).toList());
        RunSummary.Boundary notReady = boundary(summary, RunMilestone.NOT_READY);
        assertEquals(9.5, notReady.predictedFrom(), 1e-9, "last heartbeat −0.5 s + 10 s grace");
        assertEquals(11.5, notReady.predictedTo(), 1e-9);
        assertEquals(RunSummary.Fit.INSIDE, notReady.fit());
        assertEquals("NotReady 10.4 s", notReady.text());
        assertEquals("✓ inside 9.5–11.5 s", notReady.fitText());
        assertEquals(RunSummary.Fit.INSIDE, boundary(summary, RunMilestone.FIRST_EVICTION).fit(), "taint 10.6 + 5 s");
        assertNull(boundary(summary, RunMilestone.LAST_REPLACEMENT_READY).predictedFrom());
        assertEquals("2 pods moved in 21.0 s", summary.verdict().summary());
        assertEquals("pi2 · plug pulled (sim) · " + io.pirack.core.cluster.TimeText.clock(at(0)), summary.title());
    }

    @Test
    void aLateMilestoneSaysByHowMuch() {
        RunSummary.Boundary notReady = notReadyAt(14.0);

        assertEquals(RunSummary.Fit.LATE, notReady.fit());
        assertEquals("▲ 2.5 s late (predicted 9.5–11.5 s)", notReady.fitText());
    }

    @Test
    void aMilestoneInsideOnlyByTheToleranceDoesNotClaimToBeInsideTheWindowItPrints() {
        RunSummary.Boundary notReady = notReadyAt(11.8);

        assertEquals(RunSummary.Fit.INSIDE, notReady.fit(), "0.3 s after the window: PiRack sees writes a little late");
        assertEquals("NotReady 11.8 s", notReady.text());
        assertEquals("✓ within 0.5 s of 9.5–11.5 s", notReady.fitText());
    }
}
