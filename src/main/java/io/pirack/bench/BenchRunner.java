package io.pirack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the benchmarks in one JVM and writes {@code results.json} and {@code summary.txt}. The FX
 * executor and the view under test are passed in, so the same runner works from the CLI (real
 * JavaFX) and from the {@code -Pbench} Maven profile (headless Monocle on the test class path).
 */
public final class BenchRunner {

    /** How much to run; {@link #quick()} finishes in about a minute, {@link #full()} in about ten. */
    public record Plan(int latencyChanges, int scaleNodes, int scalePods, int scaleRate, int scaleSeconds,
                       int cycles, double cycleTimeScale, int startupRuns, int drills, int writeRateSamples) {
        public static Plan full() {
            return new Plan(600, 100, 3000, 200, 60, 1000, 100, 5, 20, 500);
        }

        public static Plan quick() {
            return new Plan(150, 100, 3000, 200, 10, 20, 100, 2, 3, 100);
        }
    }

    /**
     * Held so the level sticks (java.util.logging keeps loggers weakly): the mock server logs every
     * request at INFO, and console output on the request path would distort the latency figures.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final Plan plan;
    private final Executor fx;
    private final java.util.function.Supplier<ViewUnderTest> views;
    private final Consumer<String> progress;

    /**
     * @param fx     runs tasks on the JavaFX application thread (e.g. {@code Platform::runLater})
     * @param views  makes a fresh view under test for each benchmark
     */
    public BenchRunner(Plan plan, Executor fx, java.util.function.Supplier<ViewUnderTest> views, Consumer<String> progress) {
        this.plan = plan;
        this.fx = fx;
        this.views = views;
        this.progress = progress;
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public Map<String, Object> runAll(Path outputDir) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("started", Instant.now().toString());
        results.put("plan", plan);
        progress.accept("1/6 event -> pixel latency");
        results.put("latency", new LatencyBench().run(plan.latencyChanges(), fx, views.get(), progress));
        progress.accept("2/6 scale (synthetic feed) and steady-state memory");
        results.put("scale", new ScaleBench().run(plan.scaleNodes(), plan.scalePods(), plan.scaleRate(), plan.scaleSeconds(),
                fx, views.get(), progress));
        write(outputDir, results);
        progress.accept("3/6 startup (fresh JVMs)");
        results.put("startup", new StartupBench().run(plan.startupRuns()));
        write(outputDir, results);
        progress.accept("4/6 memory over pull/restore cycles");
        results.put("cycles_memory", new CycleMemoryBench().run(plan.cycles(), plan.cycleTimeScale(), fx, views.get(), progress));
        write(outputDir, results);
        progress.accept("5/6 embedded API server write rate");
        results.put("api_server_write_rate", new WriteRateBench().run(plan.writeRateSamples()));
        write(outputDir, results);
        return results;
    }

    static void write(Path dir, Map<String, Object> results) throws IOException {
        Files.createDirectories(dir);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(results));
        Files.writeString(dir.resolve("summary.txt"), Summary.text(results));
    }
}
