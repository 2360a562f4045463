package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.timeline.RecordingFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunsCommandTest {

    @TempDir
    Path folder;

    private CliRun last;

    private int run(String... args) {
        last = CliRun.of(args);
        return last.exitCode();
    }

    @Test
    void printsEachRunWithItsTimingsAndTheMediansPerTuning() {
        RecordingFixture.writeLiveSession(folder);

        assertEquals(0, run("runs", "--recording", folder.toString()));

        String text = last.out();
        assertTrue(text.startsWith("Failover of pi2: plug pulled (sim), tuning demo-tuned\nOutcome: recovered after 21.000 s"),
                text);
        assertTrue(text.contains("  demo-tuned           1/1  NotReady 10.4 s  NoExecute 10.6 s  first eviction 15.7 s"
                + "  all Ready 21.0 s"), text);
    }

    @Test
    void csvHasOneRowPerRun() {
        RecordingFixture.writeLiveSession(folder);

        assertEquals(0, run("runs", "--recording", folder.toString(), "--csv"));

        String[] lines = last.out().split("\r\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("pi2,demo-tuned,"), lines[1]);
    }

    @Test
    void aFolderWithoutRecordingsIsAPlainErrorWithoutStackTrace() {
        assertEquals(2, run("runs", "--recording", folder.toString()));

        assertEquals("pirack runs: no PiRack recordings (pirack-recording-*.jsonl) in " + folder + System.lineSeparator(),
                last.err());
    }

    @Test
    void jsonHasTheRunsAndTheMediansPerTuning() {
        RecordingFixture.writeLiveSession(folder);

        assertEquals(0, run("runs", "--recording", folder.toString(), "--json"));

        String json = last.out();
        assertTrue(json.contains("\"outcome\" : \"RECOVERED\""), json);
        assertTrue(json.contains("\"demo-tuned\" : {"), json);
        assertTrue(json.contains("\"toLastReplacementReadySeconds\" : 21.000"), json);
    }
}
