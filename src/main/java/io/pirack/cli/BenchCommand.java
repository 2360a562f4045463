package io.pirack.cli;

import io.pirack.bench.BenchRunner;
import io.pirack.bench.ViewUnderTest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirack bench}: measures event → pixel latency (in a window and offscreen), scale, scale-pulsed, startup, memory and failover
 * observation on the rehearsal rack and writes {@code results.json} and {@code summary.txt}.
 * Needs a display for JavaFX; {@code ./mvnw -Pbench verify} runs the same benchmarks headless.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure latency, scale, startup, memory and failover observation (rehearsal rack).")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Shorter runs (about a minute) instead of the full set (about ten).")
    boolean quick;

    @Option(names = "--out", defaultValue = "target/bench", paramLabel = "DIR",
            description = "Where to write results.json and summary.txt (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "Run only these: latency, latency-offscreen, scale, scale-pulsed, startup, cycles, writes, failover,"
                    + " soak (default: all but soak; soak runs 30 min, -Dbench.soak.seconds=N to change).")
    java.util.Set<String> only = java.util.Set.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        for (String name : only) {
            if (!BenchRunner.NAMES.contains(name)) {
                err.println("pirack bench: unknown benchmark '" + name + "' (" + String.join(", ", BenchRunner.NAMES) + ")");
                return 2;
            }
        }
        try {
            Platform.startup(() -> { });
        } catch (UnsupportedOperationException | IllegalStateException e) {
            err.println("pirack bench: JavaFX could not start (" + e.getMessage() + "); set DISPLAY (e.g. Xvfb)"
                    + " or run ./mvnw -Pbench verify, which runs headless");
            return 2;
        }
        try {
            BenchRunner.Plan plan = quick ? BenchRunner.Plan.quick() : BenchRunner.Plan.full();
            new BenchRunner(plan, Platform::runLater, ViewUnderTest::rackViewAndTables, line -> {
                err.println("bench: " + line);
                err.flush();
            }).run(out, only);
            spec.commandLine().getOut().println(java.nio.file.Files.readString(out.resolve("summary.txt")));
            return 0;
        } finally {
            Platform.exit();
        }
    }
}
