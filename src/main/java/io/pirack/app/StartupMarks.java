package io.pirack.app;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackFrame;
import io.pirack.trace.StartupLine;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * For the startup benchmark ({@code pirack bench --only startup}, issue 20): with
 * {@code -Dpirack.startupMarks=true} the app prints, in wall-clock milliseconds, when a pulse has
 * laid out in its shown window (1) the first frame — the skeleton of the last known rack — and
 * (2) the first frame with the API live and every Pi of the rack known to it. Off by default.
 */
final class StartupMarks {

    static final String PROPERTY = StartupLine.PROPERTY;
    /**
     * With this property too, the app quits once the live mark is printed: the packaged app's AppCDS
     * training run ({@code packaging/jpackage.sh}) is a real start of the window, to the first live frame.
     */
    static final String EXIT_WHEN_LIVE = "pirack.startupMarks.exitWhenLive";
    /**
     * With {@link #EXIT_WHEN_LIVE}: quit this many milliseconds after the live mark instead of at once, so that the
     * training run also archives what the first seconds after live load — the rehearsal rack's kubelets and
     * controllers, which the app holds until the live frame (issue 20, {@link EarlyStart#RACK_AFTER_LIVE}).
     */
    static final String EXIT_AFTER_LIVE_MILLIS = "pirack.startupMarks.exitAfterLiveMillis";
    static final String MARK = StartupLine.MARK;

    private final Scene scene;
    private final PrintStream out;
    private final LongSupplier millis;
    /** What a mark cost so far, appended to its line ({@code " skeleton-cpu-ms 812 …"}); empty in tests. */
    private final java.util.function.UnaryOperator<String> costs;
    private boolean skeletonDue = true;
    private boolean liveDue = true;
    /** Steps towards live, for the bench's breakdown: the first frame with the API live, with every Pi known. */
    private boolean apiLiveDue = true;
    private boolean nodesDue = true;

    private StartupMarks(Scene scene, PrintStream out, LongSupplier millis, java.util.function.UnaryOperator<String> costs) {
        this.scene = scene;
        this.out = out;
        this.millis = millis;
        this.costs = costs;
    }

    /**
     * With the property: marks {@code what} now, with the costs so far — {@code start-entered} as
     * {@code Application.start} begins, {@code shown} once the window is built and shown (its first pulse,
     * CSS and skins, still to come). Any thread.
     */
    static void stepIfAsked(String what) {
        StartupLine.step(what);
    }

    /** Installs the marks on {@code scene} if the property asks for them. FX thread. */
    static void installIfAsked(Scene scene, FrameSource frames) {
        if (Boolean.getBoolean(PROPERTY)) {
            install(scene, frames, System.out, System::currentTimeMillis, StartupLine::costsSoFar);
        }
    }

    /** Installs the marks: they go to {@code out}, stamped by {@code millis}. FX thread. */
    static void install(Scene scene, FrameSource frames, PrintStream out, LongSupplier millis) {
        install(scene, frames, out, millis, what -> "");
    }

    /** Like {@link #install(Scene, FrameSource, PrintStream, LongSupplier)}, each mark followed by {@code costs.apply(mark)}. */
    static void install(Scene scene, FrameSource frames, PrintStream out, LongSupplier millis, java.util.function.UnaryOperator<String> costs) {
        StartupMarks marks = new StartupMarks(scene, out, millis, costs);
        frames.subscribe(marks::frame);
        marks.print("jvm " + ManagementFactory.getRuntimeMXBean().getStartTime() + " fx-start " + millis.getAsLong());
    }

    /** Whether {@code frame} shows the API live and every Pi of the rack (at least one) known to it. */
    static boolean allPisLive(RackFrame frame) {
        return frame.cluster().api().isLive() && !frame.cluster().nodes().isEmpty()
                && frame.spec().slots().stream().allMatch(s -> frame.cluster().nodes().containsKey(s.hostname()));
    }

    private void frame(RackFrame frame) {
        if (skeletonDue) {
            skeletonDue = false;
            afterNextLayout("skeleton");
        }
        if (apiLiveDue && frame.cluster().api().isLive()) {
            apiLiveDue = false;
            stepIfAsked("frame-api-live");
        }
        if (nodesDue && !frame.cluster().nodes().isEmpty()
                && frame.spec().slots().stream().allMatch(s -> frame.cluster().nodes().containsKey(s.hostname()))) {
            nodesDue = false;
            stepIfAsked("frame-nodes-known");
        }
        if (liveDue && allPisLive(frame)) {
            liveDue = false;
            afterNextLayout("live");
        }
    }

    private void afterNextLayout(String what) {
        NextLayout.run(scene, () -> {
            print(what + " " + millis.getAsLong() + costs.apply(what));
            if ("live".equals(what) && Boolean.getBoolean(EXIT_WHEN_LIVE)) {
                long after = Long.getLong(EXIT_AFTER_LIVE_MILLIS, 0);
                java.util.concurrent.CompletableFuture.delayedExecutor(after, java.util.concurrent.TimeUnit.MILLISECONDS)
                        .execute(() -> Platform.runLater(Platform::exit));
            }
        });
    }

    private void print(String line) {
        StartupLine.print(out, line);
    }
}
