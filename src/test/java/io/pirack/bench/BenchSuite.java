package io.pirack.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the {@code -Pbench} profile's way to run the benchmarks headless (Monocle is on the
 * test class path only). Excluded from {@code ./mvnw verify} by its tag. {@code -Dbench.quick=true}
 * for the short plan, {@code -Dbench.only=latency,scale} for some of them.
 */
@Tag("bench")
class BenchSuite {

    @Test
    void runBenchmarks() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        assertTrue(started.await(30, TimeUnit.SECONDS), "JavaFX did not start");
        BenchRunner.Plan plan = Boolean.getBoolean("bench.quick") ? BenchRunner.Plan.quick() : BenchRunner.Plan.full();
        Path out = Path.of("target", "bench");
        new BenchRunner(plan, Platform::runLater, ViewUnderTest::rackViewAndTables, line -> System.out.println("bench: " + line))
                .run(out, only());
        System.out.println(Files.readString(out.resolve("summary.txt")));
    }

    private static Set<String> only() {
        String only = System.getProperty("bench.only", "").trim();
        return only.isEmpty() ? Set.of() : Set.of(only.split("\\s*,\\s*"));
    }
}
