package io.pirack.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartupLineTest {

    @Test
    void aMarkIsOneLineTheBenchReads() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StartupLine.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "rack-seeded 1000 rack-seeded-cpu-ms 20");

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("PIRACK_STARTUP rack-seeded 1000 rack-seeded-cpu-ms 20" + System.lineSeparator());
    }

    @Test
    void aMarkCarriesWhatTheStartCostSoFarAsNameValuePairs() {
        String costs = StartupLine.costsSoFar("skeleton");

        // Pairs, as the bench reads them: " skeleton-cpu-ms 1830 skeleton-classes 9120 skeleton-rss-kb 301234".
        String[] words = costs.strip().split(" ");
        assertThat(words.length % 2).isZero();
        java.util.Map<String, Long> figures = new java.util.HashMap<>();
        for (int w = 0; w < words.length; w += 2) {
            figures.put(words[w], Long.parseLong(words[w + 1]));
        }
        assertThat(figures.get("skeleton-classes")).isGreaterThan(1000L);
        if (System.getProperty("os.name").startsWith("Linux")) {
            assertThat(figures.get("skeleton-cpu-ms")).isPositive();
            assertThat(figures.get("skeleton-rss-kb")).isGreaterThan(10_000L);
        }
    }

    @Test
    void aMarkSplitsTheCpuByKindOfThread() {
        String costs = StartupLine.costsSoFar("live");

        assertThat(StartupLine.threadKind("JavaFX Applicat")).isEqualTo("fx");
        assertThat(StartupLine.threadKind("pirack-early-co")).isEqualTo("early");
        assertThat(StartupLine.threadKind("C1 CompilerThre")).isEqualTo("c1");
        assertThat(StartupLine.threadKind("C2 CompilerThre")).isEqualTo("c2");
        assertThat(StartupLine.threadKind("QuantumRenderer")).isEqualTo("render");
        assertThat(StartupLine.threadKind("Finalizer")).isEqualTo("other");
        if (System.getProperty("os.name").startsWith("Linux")) {
            // This test JVM has compiled something and run its own threads by now.
            assertThat(costs).contains(" live-cpu-ms-c1 ").contains(" live-cpu-ms-other ");
        }
    }
}
