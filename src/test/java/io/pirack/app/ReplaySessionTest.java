package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.sim.SimTimings;
import io.pirack.timeline.RecordingReader;
import io.pirack.timeline.TimelineService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded session replayed into a fresh store shows the same cluster the live one showed. */
class ReplaySessionTest {

    @TempDir
    Path recordings;

    @Test
    void replayingARecordingRebuildsTheRackStateIncludingTheUnpluggedPi() throws Exception {
        SimTimings timings = SimTimings.demoTuned();
        FailoverSettings settings = timings.failoverSettings(Duration.ofMinutes(5));
        Path session;
        try (ClusterSession live = ClusterSession.open(new ClusterSession.Rehearsal(RackSpec.rehearsal(3), timings, 5))) {
            TimelineService recorder = TimelineService.recording(settings, live.clock(), recordings, "rehearsal rack", Runnable::run);
            live.store().addListener(recorder.listener());
            live.links().addListener(l -> {
                if (Boolean.FALSE.equals(l.up())) {
                    recorder.listener().linkLost(l.node(), "power", l.since());
                }
            });
            live.start();
            live.store().await(s -> s.api().isLive() && s.nodes().size() == 3 && !s.pods().isEmpty(), Duration.ofSeconds(60), "live");
            live.rehearsal().orElseThrow().unplug("rpi3");
            live.store().await(s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.UNKNOWN).orElse(false),
                    Duration.ofSeconds(60), "rpi3 NotReady");
            recorder.close();
            session = recorder.recordingFolder().orElseThrow();
        }

        try (ReplaySession replay = new ReplaySession(RecordingReader.readFolder(session), "test", settings)) {
            replay.play(4);
            var shown = replay.store().await(s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.UNKNOWN).orElse(false),
                    Duration.ofSeconds(60), "rpi3 NotReady in the replay");
            assertEquals(3, shown.nodes().size());
            assertEquals(Boolean.FALSE, replay.links().states().get("rpi3").up(), "the link LED replays too");
            assertEquals("replay of test", shown.source());
        }
    }
}
