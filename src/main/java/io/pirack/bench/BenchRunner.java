package io.pirack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                       int cycles, double cycleTimeScale, int startupRuns, int drills, int writeRateSamples, int soakSeconds) {
        public static Plan full() {
            return new Plan(600, 100, 3000, 200, 60, 1000, 100, 5, 20, 1000, 1800);
        }

        public static Plan quick() {
            return new Plan(150, 100, 3000, 200, 10, 20, 100, 2, 3, 100, 120);
        }
    }

    /**
     * Held so the level sticks (java.util.logging keeps loggers weakly): the mock server logs every
     * request at INFO, and console output on the request path would distort the latency figures.
     */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    /** Fast enough for 20 drills in a few minutes; differences are converted back to real time. */
    static final double DRILL_TIME_SCALE = 10;

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

    /** The benchmarks by name, in the order they run. */
    public static final List<String> NAMES = List.of("latency", "latency-offscreen", "scale", "scale-pulsed", "startup", "cycles",
            "writes", "failover", "soak", "pixel", "pending-rest");

    /** Benchmarks that run only when named: the 30 min soak, the pixel probe (needs a real X display), pending-rest. */
    static final Set<String> ON_REQUEST = Set.of("soak", "pixel", "pending-rest");

    /** Runs the named benchmarks (all when {@code only} is empty), rewriting the results after each. */
    public Map<String, Object> run(Path outputDir, Set<String> only) throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", Machine.describe());
        results.put("started", Instant.now().toString());
        results.put("plan", plan);
        for (String name : NAMES) {
            if (only.isEmpty() ? ON_REQUEST.contains(name) : !only.contains(name)) {
                continue;
            }
            progress.accept(name);
            results.put(name, runOne(name, outputDir));
            results.put("finished", Instant.now().toString());
            write(outputDir, results);
        }
        return results;
    }

    private Map<String, Object> runOne(String name, Path outputDir) throws Exception {
        return switch (name) {
            case "latency" -> withView(view -> new LatencyBench().run(plan.latencyChanges(), fx, view, progress));
            case "latency-offscreen" -> {
                try (ViewUnderTest view = ViewUnderTest.rackScreenOffscreen()) {
                    yield new LatencyBench().run(plan.latencyChanges(), fx, view, progress);
                }
            }
            case "scale" -> withView(view -> new ScaleBench().run(plan.scaleNodes(), plan.scalePods(), plan.scaleRate(),
                    plan.scaleSeconds(), fx, false, view, progress));
            case "scale-pulsed" -> withView(view -> new ScaleBench().run(plan.scaleNodes(), plan.scalePods(), plan.scaleRate(),
                    Math.max(10, plan.scaleSeconds() / 2), fx, true, view, progress));
            case "startup" -> new StartupBench().run(plan.startupRuns());
            case "cycles" -> withView(view -> new CycleMemoryBench().run(plan.cycles(), plan.cycleTimeScale(), fx, view, progress));
            case "writes" -> new WriteRateBench().run(plan.writeRateSamples());
            case "failover" -> new FailoverObservationBench().run(plan.drills(), DRILL_TIME_SCALE, progress);
            case "pixel" -> new PixelProbeBench().run(Integer.getInteger("bench.pixel.changes", 80), outputDir, progress);
            case "pending-rest" -> withView(view -> new PendingRestBench().run(Integer.getInteger("bench.rest.pis", 4),
                    Integer.getInteger("bench.rest.seconds", 30), fx, view, progress));
            case "soak" -> new WatchSoakBench().run(Integer.getInteger("bench.soak.seconds", plan.soakSeconds()), progress);
            default -> throw new IllegalArgumentException("unknown benchmark '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }

    private interface ViewBench {
        Map<String, Object> run(ViewUnderTest view) throws Exception;
    }

    /** A fresh view for one benchmark, closed (its window hidden) afterwards. */
    private Map<String, Object> withView(ViewBench bench) throws Exception {
        try (ViewUnderTest view = views.get()) {
            return bench.run(view);
        }
    }

    static void write(Path dir, Map<String, Object> results) throws IOException {
        Files.createDirectories(dir);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(dir.resolve("results.json"), json.writeValueAsString(results));
        Files.writeString(dir.resolve("summary.txt"), Summary.text(results));
    }
}
