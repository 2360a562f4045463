package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.DomainFanOut;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RunOutcome;
import io.pirack.core.timeline.TimelineEventKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineServiceTest {

    @TempDir
    Path folder;

    @Test
    void liveServiceRecordsAndCorrelatesAndAReplayServiceShowsTheSameRun() {
        ManualTime clock = new ManualTime(T0);
        FailoverRun live;
        Path sessionFolder;
        try (TimelineService service = TimelineService.recording(FailoverSettings.kubernetesDefaults(), clock, folder,
                "rehearsal rack", Runnable::run)) {
            sessionFolder = service.recordingFolder().orElseThrow();
            new LiveSession(service.listener(), clock).play();
            clock.set(at(100));
            live = service.runStartedSince("pi2", at(0)).orElseThrow();
            assertEquals(RunOutcome.RECOVERED, live.outcome());
            assertTrue(service.recordingProblem().isEmpty());
            assertEquals("Rescheduled 2/2", service.snapshot().latestRun().orElseThrow().phaseText());
        }

        ManualTime wall = new ManualTime(Instant.parse("2027-01-01T12:00:00Z"));
        Replayer replayer = new Replayer(RecordingReader.readFolder(sessionFolder), wall, wall);
        TimelineService replay = TimelineService.forReplay(FailoverSettings.kubernetesDefaults(), replayer);
        List<String> rackViewCalls = new java.util.ArrayList<>();
        replayer.deliverTo(new DomainFanOut(List.of(new io.pirack.core.timeline.DomainListener() {
            @Override
            public void nodeChanged(io.pirack.core.cluster.NodeInfo before, io.pirack.core.cluster.NodeInfo after) {
                rackViewCalls.add(after == null ? "deleted" : after.name());
            }
        }, replay.listener())));
        replayer.play(4);
        wall.runAll();

        assertEquals(live.metrics(), replay.runStartedSince("pi2", at(0)).orElseThrow().metrics());
        assertTrue(rackViewCalls.size() >= 6, "the rack view's store gets the node changes too");
    }

    @Test
    void tickReportsStoppedHeartbeats() {
        ManualTime clock = new ManualTime(T0);
        TimelineService service = TimelineService.unrecorded(FailoverSettings.kubernetesDefaults(), clock);
        service.listener().leaseChanged(null, io.pirack.testing.ClusterFixtures.lease("pi2", 0, 0.2));

        clock.set(at(25));
        service.tick();

        assertTrue(service.correlator().events().stream()
                .anyMatch(e -> e.kind() == TimelineEventKind.HEARTBEATS_STOPPED));
    }

    @Test
    void whenRunEndsCompletesOnRecoveryOrOnTheTimeoutNoticedByTick() throws Exception {
        ManualTime clock = new ManualTime(T0);
        TimelineService service = TimelineService.unrecorded(FailoverSettings.kubernetesDefaults(), clock);
        var recovered = service.whenRunEnds("pi2", at(0));
        var other = service.whenRunEnds("pi4", at(0));

        new LiveSession(service.listener(), clock).play();

        assertTrue(recovered.isDone());
        assertEquals(RunOutcome.RECOVERED, recovered.get().outcome());
        assertEquals(at(0), recovered.get().start());
        assertTrue(!other.isDone(), "pi4 was never pulled");

        service.listener().plugPulled("pi4", "sim", at(70));
        clock.set(at(70 + 119));
        service.tick();
        assertTrue(!other.isDone());
        clock.set(at(70 + 120));
        service.tick();
        assertEquals(RunOutcome.TIMED_OUT, other.get().outcome());
        assertEquals("timed out after 2 min 00 s: node never marked NotReady", other.get().failureReason());
    }
}
