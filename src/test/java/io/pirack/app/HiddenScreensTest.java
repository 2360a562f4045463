package io.pirack.app;

import static io.pirack.testing.ClusterFixtures.LIVE;
import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.testing.ClusterFixtures.frame;
import static io.pirack.testing.ClusterFixtures.snapshot;
import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.TimelineSnapshot;
import io.pirack.testing.PushedFrames;
import io.pirack.ui.shell.StatusViewModel;
import io.pirack.ui.timeline.ScriptedRun;
import io.pirack.ui.timeline.TimelineStyles;
import io.pirack.ui.tuning.TuningStyles;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Issue 20, quiet idle: the Timeline and Tuning screens correlate the timeline for a frame only while
 * they are on screen, and a screen opened after frames went by shows the newest state at once.
 */
@ExtendWith(ApplicationExtension.class)
class HiddenScreensTest {

    private final PushedFrames live = new PushedFrames();
    private final ShownFrames shown = new ShownFrames();
    private final AtomicInteger correlated = new AtomicInteger();
    /** How far the scripted failover has got, in seconds after the pull. */
    private volatile double runAt = 8.4;
    private final StackPane window = new StackPane();
    private TuningScreen tuning;

    @Start
    void start(Stage stage) {
        Supplier<TimelineSnapshot> timeline = () -> {
            correlated.incrementAndGet();
            return ScriptedRun.upTo(runAt).snapshot(at(runAt));
        };
        shown.showLive(live, timeline);
        stage.setScene(new Scene(window, 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (tuning != null) {
            tuning.close();
        }
    }

    private void tick(FxRobot robot, double seconds) {
        runAt = seconds;
        robot.interact(() -> live.push(frame(RackSpec.rehearsal(3), snapshot(LIVE, List.of(), List.of(), List.of(), List.of()),
                at(seconds))));
    }

    private void open(FxRobot robot, Node screen) {
        robot.interact(() -> window.getChildren().setAll(screen));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void theTimelineScreenCorrelatesNothingWhileHiddenAndShowsTheNewestRunWhenOpened(FxRobot robot) throws Exception {
        TimelineScreen screen = onFx(() -> new TimelineScreen(shown, () -> null, Runnable::run, new StatusViewModel()));
        for (double s = 8.4; s <= 19; s += 1) {
            tick(robot, s);
        }
        tick(robot, 19);
        assertEquals(0, correlated.get(), "frames went by while the screen was never shown");

        Node view = onFx(screen::view);
        open(robot, view);
        assertEquals("19 s", text(robot, "." + TimelineStyles.STOPWATCH), "the run as it is now, not as it began");
        assertEquals("Rescheduled 1/1 · pi2", text(robot, "." + TimelineStyles.PHASE));

        open(robot, new Label("another screen"));
        int whileShown = correlated.get();
        tick(robot, 25);
        tick(robot, 26);
        assertEquals(whileShown, correlated.get(), "hidden again: no work per frame");
    }

    @Test
    void theTuningScreenMeasuresTheLastDrillOnlyWhenShownAndThenFromTheNewestFrame(FxRobot robot) throws Exception {
        tuning = onFx(() -> new TuningScreen(new SimpleObjectProperty<>(), shown, Runnable::run, () -> null));
        tick(robot, 8.4);
        tick(robot, 19);
        assertEquals(0, correlated.get(), "frames went by while the screen was never shown");

        Node view = onFx(tuning::view);
        open(robot, view);
        String measured = text(robot, "#" + TuningStyles.ID_MEASURED);
        assertTrue(measured.startsWith("measured in the last drill: "), measured);
        assertTrue(correlated.get() > 0);
    }
}
