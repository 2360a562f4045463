package io.pirack.timeline;

import static io.pirack.testing.ClusterFixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crashed session followed by the next one in the same folder still reads, and says what it skipped. */
class RecordingCrashTest {

    @TempDir
    Path folder;

    private void session(ManualTime clock, String node) {
        try (RecordingWriter writer = new RecordingWriter(folder, 1_000_000, 50, clock, Runnable::run)) {
            writer.linkLost(node, "tcp/22", clock.instant());
            writer.linkRegained(node, "tcp/22", clock.instant().plusSeconds(5));
        }
    }

    @Test
    void aCutOffLastLineInAnOlderFileIsSkippedWithAWarningNamingFileAndLine() throws IOException {
        ManualTime clock = new ManualTime(T0);
        session(clock, "pi2");
        Path crashed = RecordingFiles.list(folder).get(0);
        Files.writeString(crashed, "{\"seq\":3,\"at\":\"2026-11-", StandardOpenOption.APPEND);
        int cutLine = Files.readAllLines(crashed).size();
        clock.set(T0.plusSeconds(300));
        session(clock, "pi3");
        assertEquals(2, RecordingFiles.list(folder).size());

        List<String> warnings = new ArrayList<>();
        List<RecordedEntry> entries = RecordingReader.readFolder(folder, warnings::add);

        assertEquals(4, entries.size(), "both sessions' moments");
        assertEquals(List.of(crashed.getFileName() + " line " + cutLine
                + " was cut off (PiRack stopped while writing it) and was skipped."), warnings);
    }

    @Test
    void aByteThatIsNotUtf8IsReportedWithFileAndLine() throws IOException {
        session(new ManualTime(T0), "pi2");
        Path file = RecordingFiles.list(folder).get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        Files.write(file, (String.join("\n", lines.subList(0, 2)) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', '}', '\n'}, StandardOpenOption.APPEND);

        RecordingFormatException e = assertThrows(RecordingFormatException.class, () -> RecordingReader.readFolder(folder));
        assertEquals(file.getFileName() + " line 3: byte 0xE9 is not UTF-8, so this is not a PiRack recording", e.getMessage());
    }
}
