package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.DomainFanOut;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.EventDeriver;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RunOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayerTest {

    @TempDir
    Path folder;

    private static final Instant WALL_START = Instant.parse("2027-01-01T12:00:00Z");

    private List<RecordedEntry> linkFlaps() {
        List<RecordedEntry> entries = new ArrayList<>();
        entries.add(RecordedEntry.action(1, at(0), RecordedEntry.Type.LINK_LOST, "pi2", "tcp/22"));
        entries.add(RecordedEntry.action(2, at(8), RecordedEntry.Type.LINK_REGAINED, "pi2", "tcp/22"));
        entries.add(RecordedEntry.action(3, at(20), RecordedEntry.Type.LINK_LOST, "pi2", "tcp/22"));
        return entries;
    }

    /** Notes the session clock's time at each delivery. */
    private static final class Probe implements DomainListener {
        final List<Instant> seenAt = new ArrayList<>();
        java.time.Clock sessionClock;

        @Override
        public void linkLost(String node, String probe, Instant at) {
            seenAt.add(sessionClock.instant());
        }

        @Override
        public void linkRegained(String node, String probe, Instant at) {
            seenAt.add(sessionClock.instant());
        }
    }

    private final ManualTime wall = new ManualTime(WALL_START);
    private final Probe probe = new Probe();

    private Replayer replayerWithProbe() {
        Replayer replayer = new Replayer(linkFlaps(), wall, wall);
        probe.sessionClock = replayer.sessionClock();
        return replayer.deliverTo(probe);
    }

    @Test
    void entriesArriveAtTheRecordedPaceDividedByTheSpeed() {
        Replayer replayer = replayerWithProbe();

        replayer.play(2);
        wall.runUntil(WALL_START.plusSeconds(3));
        assertEquals(1, probe.seenAt.size());
        wall.runUntil(WALL_START.plusMillis(3_999));
        assertEquals(1, probe.seenAt.size(), "the entry 8 s in comes 4 s in at 2x");
        wall.runUntil(WALL_START.plusSeconds(4));
        assertEquals(2, probe.seenAt.size());
        wall.runUntil(WALL_START.plusSeconds(5));
        assertEquals(at(10), replayer.sessionClock().instant(), "5 s of wall time at 2x is 10 s of session");

        wall.runUntil(WALL_START.plusSeconds(10));
        assertEquals(List.of(at(0), at(8), at(20)), probe.seenAt, "deliveries see the recorded time");
        assertTrue(replayer.finished());
        wall.runUntil(WALL_START.plusSeconds(60));
        assertEquals(at(20), replayer.sessionClock().instant(), "the finished replay holds its last moment");
    }

    @Test
    void pauseHoldsTheSessionClockAndASpeedChangeKeepsThePosition() {
        Replayer replayer = replayerWithProbe();

        replayer.play(1);
        wall.runUntil(WALL_START.plusSeconds(5));
        replayer.pause();
        wall.runUntil(WALL_START.plusSeconds(100));
        assertEquals(at(5), replayer.sessionClock().instant());
        assertEquals(1, probe.seenAt.size());

        replayer.play(4);
        wall.runUntil(WALL_START.plusMillis(100_750));
        assertEquals(2, probe.seenAt.size(), "3 s of session left to the 8 s entry, 0.75 s at 4x");
        wall.runAll();
        assertTrue(replayer.finished());
    }

    @Test
    void aCheckpointIsDeliveredAtOnceAndTheClockStartsAfterIt() {
        List<RecordedEntry> entries = new ArrayList<>();
        entries.add(RecordedEntry.action(0, at(-3600), RecordedEntry.Type.LINK_REGAINED, "pi1", "tcp/22")
                .asCheckpoint(0));
        entries.addAll(linkFlaps());
        Replayer replayer = new Replayer(entries, wall, wall);
        probe.sessionClock = replayer.sessionClock();
        replayer.deliverTo(probe);

        replayer.play(1);
        wall.runUntil(WALL_START);

        assertEquals(List.of(at(-3600), at(0)), probe.seenAt);
        assertEquals(at(0), replayer.sessionClock().instant());
    }

    @Test
    void onlyOneTwoAndFourTimesAreOffered() {
        Replayer replayer = replayerWithProbe();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> replayer.play(3));
        assertEquals("replay speed must be 1, 2 or 4, not 3", e.getMessage());
    }

    @Test
    void finishingTellsTheListener() {
        Replayer replayer = replayerWithProbe();
        boolean[] finished = {false};
        replayer.onFinished(() -> finished[0] = true);

        replayer.play(4);
        wall.runUntil(WALL_START.plusSeconds(4));
        assertFalse(finished[0]);
        wall.runUntil(WALL_START.plusSeconds(5));
        assertTrue(finished[0]);
    }

    @Test
    void replayingARecordingGivesTheSameRunMetricsAsTheLiveRun() {
        // Live: store → recorder and deriver → correlator, all on one clock.
        ManualTime liveClock = new ManualTime(T0);
        FailoverCorrelator live = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
        try (RecordingWriter writer = new RecordingWriter(folder, 1_000_000, 3, liveClock, Runnable::run)) {
            new LiveSession(new DomainFanOut(List.of(writer, new EventDeriver(live, liveClock))), liveClock).play();
        }
        List<FailoverRun> liveRuns = live.runs(at(100));
        assertEquals(1, liveRuns.size());
        assertEquals(RunOutcome.RECOVERED, liveRuns.get(0).outcome());
        assertEquals(1, liveRuns.get(0).notes().size(), "the outage at 12 s is noted");

        for (int speed : new int[] {1, 2, 4}) {
            ManualTime replayWall = new ManualTime(WALL_START);
            FailoverCorrelator replayed = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
            Replayer replayer = new Replayer(RecordingReader.readFolder(folder), replayWall, replayWall);
            replayer.deliverTo(new EventDeriver(replayed, replayer.sessionClock()));
            replayer.play(speed);
            replayWall.runAll();

            assertTrue(replayer.finished());
            List<FailoverRun> replayedRuns = replayed.runs(at(100));
            assertEquals(liveRuns.get(0).metrics(), replayedRuns.get(0).metrics(), "at " + speed + "x");
            assertEquals(liveRuns, replayedRuns, "at " + speed + "x: the whole run, events included");
        }
    }

    @Test
    void anEmptyRecordingCannotBeReplayed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Replayer(List.of(), wall, wall));
        assertEquals("the recording has no entries to replay", e.getMessage());
    }
}
