package io.pirack.app;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackFrame;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.function.Consumer;
import javafx.scene.Scene;

/**
 * For the startup benchmark ({@code pirack bench --only startup}, issue 20): with
 * {@code -Dpirack.startupMarks=true} the app prints, in wall-clock milliseconds, when a pulse has
 * laid out in its shown window (1) the first frame — the skeleton of the last known rack — and
 * (2) the first frame with the API live and every Pi of the rack known to it. Off by default.
 */
final class StartupMarks {

    static final String PROPERTY = "pirack.startupMarks";
    static final String MARK = "PIRACK_STARTUP ";

    private final Scene scene;
    private final PrintStream out;
    private boolean skeletonDue = true;
    private boolean liveDue = true;
    private Consumer<RackFrame> watch;

    private StartupMarks(Scene scene, PrintStream out) {
        this.scene = scene;
        this.out = out;
    }

    /** Installs the marks on {@code scene} if the property asks for them. FX thread. */
    static void installIfAsked(Scene scene, FrameSource frames) {
        if (Boolean.getBoolean(PROPERTY)) {
            StartupMarks marks = new StartupMarks(scene, System.out);
            marks.watch = marks::frame;
            frames.subscribe(marks.watch);
            marks.print("jvm " + ManagementFactory.getRuntimeMXBean().getStartTime() + " fx-start " + System.currentTimeMillis());
        }
    }

    private void frame(RackFrame frame) {
        if (skeletonDue) {
            skeletonDue = false;
            afterNextLayout("skeleton");
        }
        boolean allKnown = frame.spec().slots().stream().allMatch(s -> frame.cluster().nodes().containsKey(s.hostname()));
        if (liveDue && frame.cluster().api().isLive() && !frame.cluster().nodes().isEmpty() && allKnown) {
            liveDue = false;
            afterNextLayout("live");
        }
    }

    private void afterNextLayout(String what) {
        Runnable[] once = new Runnable[1];
        once[0] = () -> {
            scene.removePostLayoutPulseListener(once[0]);
            print(what + " " + System.currentTimeMillis());
        };
        scene.addPostLayoutPulseListener(once[0]);
    }

    private void print(String line) {
        out.println(MARK + line);
        out.flush();
    }
}
