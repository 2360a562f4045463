package io.pirack.core.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.core.timeline.Script.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import io.pirack.core.timeline.TimelineEvent.PodCreated;
import io.pirack.core.timeline.TimelineEvent.PodScheduled;
import io.pirack.testing.ClusterFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A replacement whose image has no arm64 build never gets Ready: the run says why while it is still going. */
class ImageTroubleTest {

    private static final String NO_ARM64 = "Failed to pull image \"example/amd64-only:1.0\": rpc error: code = NotFound"
            + " desc = failed to pull and unpack image \"docker.io/example/amd64-only:1.0\": no matching manifest for"
            + " linux/arm64/v8 in the manifest list entries";

    @Test
    void timelineLabelExplainsAPullThatFailsOnArchitecture() {
        KubeEvent failed = new KubeEvent(at(17), "pi3", "Pod", "demo/web-c", "Failed", NO_ARM64, "Warning", at(17),
                "ev-1", 1);

        assertEquals("Failed: the image has no linux/arm64/v8 build — use a multi-architecture tag", failed.describe());
        assertEquals(NO_ARM64, failed.message(), "the runtime's words are kept for the recording");
    }

    @Test
    void crashLoopWithExecFormatErrorIsExplainedAsTheWrongCpu() {
        KubeEvent backOff = new KubeEvent(at(20), "pi3", "Pod", "demo/web-c", "BackOff",
                "exec /usr/local/bin/web: exec format error", "Warning", at(20), "ev-2", 3);

        assertEquals("BackOff: the image was built for another CPU (exec format error) — use a multi-architecture tag",
                backOff.describe());
    }

    @Test
    void ordinaryEventKeepsKubernetesWords() {
        KubeEvent pulled = new KubeEvent(at(17), "pi3", "Pod", "demo/web-c", "Pulled",
                "Successfully pulled image \"nginx:1.27\"", "Normal", at(17), "ev-3", 1);

        assertEquals("Pulled: Successfully pulled image \"nginx:1.27\"", pulled.describe());
    }

    @Test
    void runInProgressNamesTheReplacementThatCannotPullItsImage() {
        FailoverRun run = runUntil(25, 30);

        assertEquals(RunOutcome.IN_PROGRESS, run.outcome());
        RunVerdict verdict = run.verdict();
        assertEquals("Rescheduled 1/2 — web-c cannot start on pi3: the image has no linux/arm64/v8 build",
                verdict.summary());
        assertTrue(verdict.details().contains("web-c cannot start on pi3: the image has no linux/arm64/v8 build"),
                () -> verdict.details().toString());
    }

    @Test
    void timedOutRunBlamesTheImageNotABareTimeout() {
        FailoverRun run = runUntil(400, 400);

        assertEquals(RunOutcome.TIMED_OUT, run.outcome());
        assertTrue(run.failureReason().endsWith(": web-c cannot start on pi3: the image has no linux/arm64/v8 build"),
                run.failureReason());
        assertTrue(run.notes().contains("web-c cannot start on pi3: the image has no linux/arm64/v8 build"),
                () -> run.notes().toString());
    }

    @Test
    void aRecoveredRunHasNoImageTrouble() {
        FailoverRun run = onlyRun(Script.reference().correlator(), 60);

        assertTrue(run.imageTrouble().isEmpty());
        assertEquals(List.of(), run.notes());
    }

    /** Events until {@code eventsUntil} s, the run judged at {@code now} s. */
    private static FailoverRun runUntil(double eventsUntil, double now) {
        Script s = new Script().tuning(-200, Script.DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4");
        s.existingPod(-100, web("web-a"), "pi2", 5L).existingPod(-100, web("web-b"), "pi2", 5L);
        s.heartbeat(-0.5, "pi2").pull(0, "pi2").linkLost(0.8, "pi2").notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .marked(15.7, web("web-a"), "pi2").marked(15.8, web("web-b"), "pi2");
        s.add(new PodCreated(at(15.9), null, web("web-c"), ClusterFixtures.serverAt(15.9), 5L, 5L));
        s.add(new PodScheduled(at(16.1), "pi3", web("web-c")));
        s.add(new KubeEvent(at(17.0), "pi3", "Pod", "demo/web-c", "Failed", NO_ARM64, "Warning", at(17), "ev-f", 1));
        s.add(new KubeEvent(at(17.1), "pi3", "Pod", "demo/web-c", "Failed", "Error: ErrImagePull", "Warning", at(17),
                "ev-e", 1));
        s.replacement(16.0, web("web-d"), "pi4", 21.0);
        FailoverCorrelator correlator = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
        s.events.stream().filter(e -> !e.receivedAt().isAfter(at(eventsUntil))).forEach(correlator);
        return onlyRun(correlator, now);
    }

    private static FailoverRun onlyRun(FailoverCorrelator correlator, double nowSeconds) {
        List<FailoverRun> runs = correlator.runs(at(nowSeconds));
        assertEquals(1, runs.size(), () -> "runs: " + runs);
        return runs.get(0);
    }
}
