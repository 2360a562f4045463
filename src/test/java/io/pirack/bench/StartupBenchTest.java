package io.pirack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupBenchTest {

    /**
     * The app's output as a pipe from a process that is still running: it hands out what was printed
     * and fails the test if asked for more (a real pipe would block until the run's time-out).
     */
    private static Reader stillRunning(String printed) {
        return new Reader() {
            private int at;

            @Override
            public int read(char[] into, int off, int len) {
                if (at == printed.length()) {
                    throw new AssertionError("read past what the app printed: the bench waits for output that never comes");
                }
                int n = Math.min(len, printed.length() - at);
                printed.getChars(at, at + n, into, off);
                at += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theLiveMarkEndsTheReadingWhileTheAppKeepsRunning() throws Exception {
        String printed = "WARNING: Unsupported JavaFX configuration\n"
                + "PIRACK_STARTUP jvm 1000 fx-start 1400\n"
                + "PIRACK_STARTUP skeleton 1900\n"
                + "PIRACK_STARTUP live 2600\n";

        Map<String, Long> marks = StartupBench.readMarks(new BufferedReader(stillRunning(printed)), new StringWriter());

        assertThat(marks).containsExactlyInAnyOrderEntriesOf(Map.of("jvm", 1000L, "fx-start", 1400L, "skeleton", 1900L, "live", 2600L));
    }

    @Test
    void everyLineTheAppPrintedIsKeptForTheFailureReport() throws Exception {
        String printed = "12:00:01 WARN  kube - could not connect\nPIRACK_STARTUP jvm 1000 fx-start 1400\n";
        StringWriter kept = new StringWriter();

        Map<String, Long> marks = StartupBench.readMarks(new BufferedReader(new java.io.StringReader(printed)), kept);

        assertThat(marks).doesNotContainKey("live");
        assertThat(kept.toString().lines()).containsExactly("12:00:01 WARN  kube - could not connect", "PIRACK_STARTUP jvm 1000 fx-start 1400");
    }
}
