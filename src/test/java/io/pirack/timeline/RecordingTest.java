package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {

    @TempDir
    Path folder;

    /** Remembers every call as the entry it would be recorded as, to compare with what was read back. */
    private static final class CallLog implements DomainListener {
        final List<Object> calls = new ArrayList<>();

        @Override
        public void nodeChanged(NodeInfo before, NodeInfo after) {
            calls.add(List.of("node", String.valueOf(before), String.valueOf(after)));
        }

        @Override
        public void podChanged(PodInfo before, PodInfo after) {
            calls.add(List.of("pod", String.valueOf(before), String.valueOf(after)));
        }

        @Override
        public void leaseChanged(LeaseInfo before, LeaseInfo after) {
            calls.add(List.of("lease", String.valueOf(before), String.valueOf(after)));
        }

        @Override
        public void eventReceived(EventInfo event) {
            calls.add(List.of("event", event.toString()));
        }

        @Override
        public void apiStatusChanged(ApiStatus before, ApiStatus after) {
            calls.add(List.of("api", String.valueOf(before), String.valueOf(after)));
        }

        @Override
        public void plugPulled(String node, String strategy, Instant at) {
            calls.add(List.of("pulled", node, strategy, at.toString()));
        }

        @Override
        public void plugRestored(String node, String strategy, Instant at) {
            calls.add(List.of("restored", node, strategy, at.toString()));
        }

        @Override
        public void linkLost(String node, String probe, Instant at) {
            calls.add(List.of("lost", node, probe, at.toString()));
        }

        @Override
        public void tuningApplied(FailoverSettings settings, Instant at) {
            calls.add(List.of("tuning", settings.toString(), at.toString()));
        }
    }

    private RecordingWriter writer(long maxBytes, int keep) {
        return new RecordingWriter(folder, maxBytes, keep, new ManualTime(T0), Runnable::run);
    }

    @Test
    void everyKindOfCallReadsBackEqualToWhatWasRecorded() {
        CallLog live = new CallLog();
        ManualTime clock = new ManualTime(T0);
        try (RecordingWriter writer = writer(1_000_000, 3)) {
            new LiveSession(new io.pirack.core.timeline.DomainFanOut(List.of(writer, live)), clock).play();
        }

        List<RecordedEntry> entries = RecordingReader.readFolder(folder);
        CallLog replayed = new CallLog();
        entries.forEach(e -> e.deliverTo(replayed));

        assertEquals(live.calls, replayed.calls);
        assertTrue(live.calls.size() > 25);
        assertEquals(1, RecordingFiles.list(folder).size());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(i + 1, entries.get(i).seq());
        }
    }

    @Test
    void recordingLinesLeaveOutHelperMethodsAndNulls() throws IOException {
        try (RecordingWriter writer = writer(1_000_000, 3)) {
            new LiveSession(writer, new ManualTime(T0)).play();
        }
        String text = Files.readString(RecordingFiles.list(folder).get(0));

        assertTrue(text.startsWith("{\"format\":\"pirack-recording\",\"version\":1,"), text.substring(0, 80));
        assertTrue(!text.contains("\"daemon\"") && !text.contains("\"noExecute\"") && !text.contains("\"live\""));
        assertTrue(!text.contains("null"), "nulls are left out");
        assertTrue(text.contains("\"receivedAt\":\"2026-11-26T10:00:10.400Z\""), "times as ISO-8601");
    }

    @Test
    void recordingIsRotatedBySizeKeepingTheNewestFiles() {
        try (RecordingWriter writer = writer(4096, 2)) {
            for (int i = 0; i < 200; i++) {
                writer.linkLost("pi" + i, "tcp/22", T0.plusSeconds(i));
            }
        }

        List<Path> files = RecordingFiles.list(folder);
        assertEquals(2, files.size());
        for (Path file : files) {
            assertTrue(file.toFile().length() <= 4096, file + " is " + file.toFile().length() + " bytes");
        }
        List<RecordedEntry> kept = RecordingReader.readFolder(folder);
        assertTrue(kept.stream().noneMatch(RecordedEntry::isCheckpoint), "nothing to checkpoint: only moments");
        assertEquals(200, kept.get(kept.size() - 1).seq(), "the newest entry survives");
        for (int i = 1; i < kept.size(); i++) {
            assertEquals(kept.get(i - 1).seq() + 1, kept.get(i).seq(), "no gap inside the kept files");
        }
        assertTrue(kept.size() < 200);
    }

    @Test
    void aLastLineCutShortByACrashIsSkipped() throws IOException {
        try (RecordingWriter writer = writer(1_000_000, 3)) {
            writer.linkLost("pi2", "tcp/22", T0);
            writer.linkRegained("pi2", "tcp/22", T0.plusSeconds(5));
        }
        Path file = RecordingFiles.list(folder).get(0);
        Files.writeString(file, "{\"seq\":3,\"at\":\"2026-11-", StandardOpenOption.APPEND);

        assertEquals(2, RecordingReader.readFolder(folder).size());
    }

    @Test
    void aBadLineInTheMiddleIsAnErrorNamingFileAndLine() throws IOException {
        try (RecordingWriter writer = writer(1_000_000, 3)) {
            writer.linkLost("pi2", "tcp/22", T0);
        }
        Path file = RecordingFiles.list(folder).get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(1, "{not json");
        Files.write(file, lines, StandardCharsets.UTF_8);

        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> RecordingReader.readFolder(folder));
        assertTrue(e.getMessage().startsWith(file.getFileName() + " line 2: not a recording entry"), e.getMessage());
    }

    @Test
    void aFileWithoutTheHeaderIsNotARecording() throws IOException {
        Path file = folder.resolve(RecordingFiles.name(T0, 1));
        Files.writeString(file, "{\"seq\":1}\n");

        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.readFile(file));
        assertEquals(file.getFileName() + " line 1: not a PiRack recording header", e.getMessage());
    }

    @Test
    void aFolderWithoutRecordingsIsReportedPlainly() {
        RecordingFormatException e = assertThrows(RecordingFormatException.class,
                () -> RecordingReader.readFolder(folder));
        assertEquals("no PiRack recordings (pirack-recording-*.jsonl) in " + folder, e.getMessage());
    }

    @Test
    void anUnwritableFolderStopsRecordingWithAReasonInsteadOfFailingTheApp() throws IOException {
        Path blocker = folder.resolve("not-a-folder");
        Files.writeString(blocker, "x");
        RecordingWriter writer = new RecordingWriter(blocker.resolve("rec"), 4096, 2, new ManualTime(T0), Runnable::run);

        writer.linkLost("pi2", "tcp/22", T0);
        writer.linkLost("pi3", "tcp/22", T0);

        assertTrue(writer.problem().orElseThrow().startsWith("recording to " + blocker.resolve("rec") + " stopped"));
    }

    @Test
    void eachRotatedFileStartsWithTheRackAsRecordedSoFar() {
        try (RecordingWriter writer = writer(4096, 2)) {
            writer.tuningApplied(FailoverSettings.kubernetesDefaults(), T0);
            for (String node : List.of("pi1", "pi2", "pi3")) {
                writer.nodeChanged(null, ClusterFixtures.readyNode(node, 0));
            }
            writer.podChanged(null, ClusterFixtures.pod("web-a").on("pi2").at(1));
            writer.podChanged(null, ClusterFixtures.pod("web-b").on("pi3").at(1));
            writer.podChanged(ClusterFixtures.pod("web-b").on("pi3").at(1), null);
            writer.nodeChanged(null, ClusterFixtures.unreachableNode("pi3", 5, 5));
            for (int i = 0; i < 200; i++) {
                writer.linkLost("pi" + i, "tcp/22", T0.plusSeconds(10 + i));
            }
        }

        List<Path> files = RecordingFiles.list(folder);
        assertEquals(2, files.size());
        List<RecordedEntry> oldestKept = RecordingReader.readFile(files.get(0));
        List<RecordedEntry> checkpoint = oldestKept.stream().filter(RecordedEntry::isCheckpoint).toList();
        assertEquals(List.of(RecordedEntry.Type.TUNING, RecordedEntry.Type.NODE, RecordedEntry.Type.NODE,
                RecordedEntry.Type.NODE, RecordedEntry.Type.POD), checkpoint.stream().map(RecordedEntry::type).toList());
        assertEquals(io.pirack.core.cluster.ConditionStatus.UNKNOWN, checkpoint.get(3).nodeAfter().ready(),
                "the latest version of pi3");
        assertEquals("web-a", checkpoint.get(4).podAfter().name(), "deleted pods are not in the checkpoint");
        assertTrue(checkpoint.stream().allMatch(e -> e.podBefore() == null && e.nodeBefore() == null), "as adds");

        List<RecordedEntry> folderEntries = RecordingReader.readFolder(folder);
        assertEquals(5, folderEntries.stream().filter(RecordedEntry::isCheckpoint).count(),
                "only the oldest file's checkpoint is replayed");
        FailoverCorrelator correlator = RecordingAnalysis.analyse(folderEntries, FailoverSettings.kubernetesDefaults());
        assertTrue(correlator.snapshot(T0.plusSeconds(300)).lanes().containsAll(List.of("pi1", "pi2", "pi3")));
    }
}
