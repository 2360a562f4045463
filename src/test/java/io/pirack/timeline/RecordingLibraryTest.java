package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.FailoverSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One folder per session; retention never takes the talk (kept) nor the last 20; a crashed session still reads. */
class RecordingLibraryTest {

    @TempDir
    Path recordings;

    /** One app session of about two minutes on {@code source}; returns its folder. */
    private Path session(ManualTime clock, String source) {
        Path folder;
        try (TimelineService service = TimelineService.recording(FailoverSettings.kubernetesDefaults(), clock, recordings, source,
                Runnable::run)) {
            folder = service.recordingFolder().orElseThrow();
            service.listener().linkLost("pi2", "tcp/22", clock.instant());
            service.listener().linkRegained("pi2", "tcp/22", clock.instant().plusSeconds(90));
        }
        return folder;
    }

    @Test
    void theTalkMarkedKeepAndACrashedSessionSurviveTwentyFiveRehearsalsAfterThem() throws IOException {
        RecordingLibrary library = new RecordingLibrary(recordings);
        ManualTime clock = new ManualTime(T0);
        Path talk = session(clock, "booth (context pirack)");
        library.setKeep(talk.getFileName().toString(), true);
        library.rename(talk.getFileName().toString(), "KubeCon talk");
        clock.set(T0.plus(Duration.ofDays(1)));
        Path crashed = session(clock, "rehearsal rack (demo-tuned)");
        Path crashedFile = RecordingFiles.list(crashed).get(0);
        Files.writeString(crashedFile, "{\"seq\":3,\"at\":\"2026-11-", StandardOpenOption.APPEND);
        List<Path> rehearsals = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            clock.set(T0.plus(Duration.ofDays(10 + 10L * i)));
            rehearsals.add(session(clock, "rehearsal rack (demo-tuned)"));
        }

        List<RecordingLibrary.Session> left = library.sessions();

        assertEquals(21, left.size(), "the 20 newest sessions and the kept talk");
        assertEquals("KubeCon talk", left.get(20).title());
        assertTrue(left.get(20).keep());
        assertTrue(Files.isDirectory(talk) && !RecordingFiles.list(talk).isEmpty(), "the talk's recording is still there");
        for (Path recent : rehearsals.subList(5, 25)) {
            assertTrue(Files.isDirectory(recent), recent + " is among the last 20");
        }
        for (Path old : rehearsals.subList(0, 5)) {
            assertFalse(Files.exists(old), old + " was older than 90 days and beyond the last 20");
        }
        assertFalse(Files.exists(crashed), "the crashed session was old too: retention took it, not a read error");
        assertEquals(1, RecordingReader.readFolder(talk).stream().filter(e -> e.type() == RecordedEntry.Type.LINK_LOST).count());
    }

    @Test
    void aCrashedSessionIsListedAndReadsWithTheCutLineSkipped() throws IOException {
        ManualTime clock = new ManualTime(T0);
        Path crashed = session(clock, "rehearsal rack (demo-tuned)");
        Path file = RecordingFiles.list(crashed).get(0);
        Files.writeString(file, "{\"seq\":3,\"at\":\"2026-11-", StandardOpenOption.APPEND);
        clock.set(T0.plusSeconds(600));
        session(clock, "rehearsal rack (demo-tuned)");

        RecordingLibrary library = new RecordingLibrary(recordings);
        List<String> warnings = new ArrayList<>();
        List<RecordedEntry> entries = RecordingReader.readFolder(crashed, warnings::add);

        assertEquals(2, library.sessions().size());
        assertEquals(2, entries.stream().filter(e -> !e.isCheckpoint()).count());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith(file.getFileName() + " line "), warnings.get(0));
    }

    @Test
    void eachSessionHasAFolderNamedByItsStartAndSource() {
        Path folder = session(new ManualTime(T0), "rehearsal rack (demo-tuned, 5.0× speed)");

        assertEquals(recordings, folder.getParent());
        assertTrue(folder.getFileName().toString().endsWith("_rehearsal-rack-demo-tuned-5.0-speed"), folder.toString());
        RecordingLibrary.Session listed = new RecordingLibrary(recordings).sessions().get(0);
        assertEquals("rehearsal rack (demo-tuned, 5.0× speed)", listed.source());
        assertEquals(T0, listed.startedAt());
        assertTrue(listed.bytes() > 0);
    }

    @Test
    void flatFilesOfAnOlderPiRackAreMovedIntoOneSessionPerAppRun() throws IOException {
        ManualTime clock = new ManualTime(T0);
        for (int run = 0; run < 2; run++) {
            try (RecordingWriter writer = new RecordingWriter(recordings, 1_000_000, 10, clock, Runnable::run)) {
                writer.linkLost("pi" + run, "tcp/22", clock.instant());
            }
            clock.set(T0.plusSeconds(3600));
        }
        assertEquals(2, RecordingFiles.list(recordings).size());

        session(clock, "rehearsal rack (demo-tuned)");
        List<RecordingLibrary.Session> sessions = new RecordingLibrary(recordings).sessions();

        assertEquals(List.of(), RecordingFiles.list(recordings), "nothing left flat");
        assertEquals(3, sessions.size());
        assertEquals(List.of(RecordingLibrary.EARLIER, RecordingLibrary.EARLIER), sessions.subList(1, 3).stream()
                .map(RecordingLibrary.Session::source).toList());
        assertEquals("pi0", RecordingReader.readFolder(sessions.get(2).folder()).get(0).node());
    }

    @Test
    void runsAreCountedFromTheRecordingAndRememberedUntilItGrows() {
        Path folder = session(new ManualTime(T0), "rehearsal rack (demo-tuned)");
        RecordingLibrary library = new RecordingLibrary(recordings);
        String id = folder.getFileName().toString();

        assertTrue(library.sessions().get(0).runs().isEmpty());
        int runs = library.countRuns(id);
        assertEquals(java.util.Optional.of(runs), library.sessions().get(0).runs());
    }

    @Test
    void aBadNameIsRefusedInOneSentenceAndNothingChanges() {
        Path folder = session(new ManualTime(T0), "rehearsal rack (demo-tuned)");
        RecordingLibrary library = new RecordingLibrary(recordings);
        String id = folder.getFileName().toString();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> library.rename(id, "a\nb"));
        assertEquals("A session's name cannot hold control characters such as line breaks.", e.getMessage());
        assertEquals("rehearsal rack (demo-tuned)", library.sessions().get(0).title());
        assertThrows(IllegalArgumentException.class, () -> library.delete("../" + recordings.getFileName()));
        assertTrue(Files.isDirectory(folder));
    }
}
