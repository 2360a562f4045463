package io.pirack.ui.timeline;

import static io.pirack.core.timeline.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.TimelineEventKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TimelineViewTest {

    private final TimelineViewModel model = new TimelineViewModel();
    private TimelineView view;

    @Start
    void start(Stage stage) {
        view = new TimelineView(model);
        stage.setScene(new Scene(view, 1400, 600));
        stage.show();
    }

    private void showFrame(FxRobot robot, double runUntil, double now) {
        var snapshot = ScriptedRun.upTo(runUntil).snapshot(at(now));
        robot.interact(() -> model.show(snapshot));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String textOf(FxRobot robot, String styleClass) {
        return robot.lookup("." + styleClass).queryAs(Label.class).getText();
    }

    @Test
    void markersAppearOnTheirLanesForAScriptedRun(FxRobot robot) {
        showFrame(robot, 30, 30);

        for (TimelineEventKind kind : new TimelineEventKind[] {TimelineEventKind.PLUG_PULLED,
                TimelineEventKind.LINK_LOST, TimelineEventKind.NODE_READY_CHANGED, TimelineEventKind.TAINT_ADDED,
                TimelineEventKind.POD_MARKED_FOR_DELETION, TimelineEventKind.POD_CREATED,
                TimelineEventKind.POD_READY, TimelineEventKind.HEARTBEATS_STOPPED}) {
            assertFalse(robot.lookup("." + TimelineStyles.markerClass(kind)).queryAll().isEmpty(), kind + " marker");
        }
        Set<Node> names = robot.lookup("." + TimelineStyles.LANE_NAME).queryAll();
        assertEquals(4, names.size(), "pi1, pi2, pi3 and the cluster lane");
        assertEquals(24, robot.lookup("." + TimelineStyles.AXIS_TICK).queryAll().size(), "12 gridlines with times");
        assertTrue(robot.lookup("NodeNotReady: Node pi2 status is now: NodeNotReady").tryQuery().isPresent(),
                "the Kubernetes Event is shown as a label");
        assertEquals("Rescheduled 1/1 · pi2", textOf(robot, TimelineStyles.PHASE));
        assertEquals("19 s", textOf(robot, TimelineStyles.STOPWATCH));

        Node pulled = robot.lookup("." + TimelineStyles.markerClass(TimelineEventKind.PLUG_PULLED)).query();
        Node ready = robot.lookup("." + TimelineStyles.markerClass(TimelineEventKind.POD_READY)).queryAll().stream()
                .filter(n -> n.getParent() != null && ((TimelineMarker) n.getParent().getUserData()).at().equals(at(19)))
                .findFirst().orElseThrow();
        double pulledX = pulled.localToScene(0, 0).getX();
        double readyX = ready.localToScene(0, 0).getX();
        assertTrue(readyX > pulledX, "time runs left to right");
        assertTrue(ready.localToScene(0, 0).getY() > pulled.localToScene(0, 0).getY(), "pi3 lane below pi2");
    }

    @Test
    void stopwatchAndPredictionsShowDuringDetection(FxRobot robot) {
        showFrame(robot, 5, 8.4);

        assertEquals("8.4 s", textOf(robot, TimelineStyles.STOPWATCH));
        assertEquals("Detecting… · pi2", textOf(robot, TimelineStyles.PHASE));
        assertEquals(2, robot.lookup("." + TimelineStyles.PREDICTED).queryAll().size());
    }

    @Test
    void nowCursorMovesWithTheFramesAndStaysPutWhenPanned(FxRobot robot) {
        showFrame(robot, 30, 30);
        javafx.scene.shape.Line cursor = robot.lookup("." + TimelineStyles.NOW_CURSOR).queryAs(javafx.scene.shape.Line.class);
        double following = cursor.getStartX();

        showFrame(robot, 30, 40);
        assertEquals(following, cursor.getStartX(), 0.5, "following: now stays near the right edge");

        robot.interact(() -> model.pan(-0.25));
        double panned = cursor.getStartX();
        assertTrue(panned > following, "panned back in time: now moves right");
        showFrame(robot, 30, 45);
        assertTrue(cursor.getStartX() > panned, "not following: the cursor walks right as time passes");

        robot.clickOn("#timeline-follow");
        assertEquals(following, cursor.getStartX(), 0.5);
    }

    @Test
    void zoomButtonsChangeTheVisibleSpan(FxRobot robot) {
        showFrame(robot, 30, 30);
        var before = model.spanProperty().get();

        robot.clickOn("#timeline-zoom-in");
        assertTrue(model.spanProperty().get().compareTo(before) < 0);
        robot.clickOn("#timeline-zoom-out");
        robot.clickOn("#timeline-zoom-out");
        assertTrue(model.spanProperty().get().compareTo(before) > 0);
    }

    @Test
    void viewExportsAsPng(FxRobot robot, @TempDir Path folder) throws Exception {
        showFrame(robot, 30, 30);
        BufferedImage[] image = new BufferedImage[1];
        robot.interact(() -> image[0] = view.capture());

        Path file = folder.resolve("timeline.png");
        TimelinePng.write(image[0], file);

        BufferedImage read = ImageIO.read(file.toFile());
        assertEquals(1400, read.getWidth());
        assertTrue(read.getHeight() > 300);
    }
}
