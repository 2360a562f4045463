package io.pirack.core.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.core.timeline.Script.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The drill says when a rack did not keep to the prediction the presenter's script quotes. */
class PredictionCheckTest {

    @Test
    void runThatKeepsToThePredictionHasNoNote() {
        FailoverRun run = run(Script.reference());

        assertEquals(List.of(), PredictionCheck.misses(run));
        assertTrue(!RunReport.text(run).contains("Note: "), RunReport.text(run));
    }

    @Test
    void evictionEarlierThanTheTolerationAllowsIsFlaggedAsARackThatBreaksTheRules() {
        // NoExecute at 10.6 with 5 s tolerations: eviction is due at 15.6; a rack evicting at 11.0 is not 1.32's.
        Script s = story(11.0);

        List<String> misses = PredictionCheck.misses(run(s));

        assertEquals(1, misses.size(), misses::toString);
        assertTrue(misses.get(0).startsWith("eviction came 4.6 s earlier than predicted (at +11.0 s, window +15.6 … +15.6 s)"),
                misses.get(0));
        assertTrue(RunReport.text(run(s)).contains("  Note: eviction came 4.6 s earlier"), RunReport.text(run(s)));
    }

    @Test
    void lateEvictionIsFlaggedAsABusyControlPlane() {
        List<String> misses = PredictionCheck.misses(run(story(19.0)));

        assertEquals(1, misses.size(), misses::toString);
        assertTrue(misses.get(0).startsWith("eviction came 3.4 s later than predicted"), misses.get(0));
        assertTrue(misses.get(0).endsWith("a busy control plane or a slow watch"), misses.get(0));
    }

    @Test
    void withinOneSecondOfTheWindowIsOnTime() {
        assertEquals(List.of(), PredictionCheck.misses(run(story(16.5))));
    }

    /** The reference story with both evictions at {@code evictedAt} s. */
    private static Script story(double evictedAt) {
        Script s = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4");
        s.existingPod(-100, web("web-a"), "pi2", 5L).existingPod(-100, web("web-b"), "pi2", 5L);
        s.heartbeat(-10.5, "pi2").heartbeat(-0.5, "pi2").pull(0, "pi2").linkLost(0.8, "pi2")
                .notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .marked(evictedAt, web("web-a"), "pi2").marked(evictedAt + 0.1, web("web-b"), "pi2")
                .replacement(evictedAt + 0.2, web("web-c"), "pi3", evictedAt + 3)
                .replacement(evictedAt + 0.3, web("web-d"), "pi4", evictedAt + 4);
        return s;
    }

    private static FailoverRun run(Script script) {
        List<FailoverRun> runs = script.correlator().runs(at(60));
        assertEquals(1, runs.size(), () -> "runs: " + runs);
        return runs.get(0);
    }
}
