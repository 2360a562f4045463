package io.pirack.ui.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.TimelineEventKind;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
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

    /** The symbol that stands for a marker, alone or collapsed with others. */
    private static Node symbolOf(FxRobot robot, java.util.function.Predicate<TimelineMarker> which) {
        return robot.lookup("." + TimelineStyles.MARKER).queryAll().stream()
                .filter(n -> ((List<?>) n.getUserData()).stream().map(TimelineMarker.class::cast).anyMatch(which))
                .findFirst().orElseThrow();
    }

    private static String textOf(FxRobot robot, String styleClass) {
        return robot.lookup("." + styleClass).queryAs(Label.class).getText();
    }

    @Test
    void markersAppearOnTheirLanesForAScriptedRun(FxRobot robot) {
        showFrame(robot, 30, 30);
        List<TimelineMarker> drawn = robot.lookup("." + TimelineStyles.MARKER).queryAll().stream()
                .flatMap(n -> ((List<?>) n.getUserData()).stream()).map(TimelineMarker.class::cast).toList();

        for (TimelineEventKind kind : new TimelineEventKind[] {TimelineEventKind.PLUG_PULLED,
                TimelineEventKind.LINK_LOST, TimelineEventKind.NODE_READY_CHANGED, TimelineEventKind.TAINT_ADDED,
                TimelineEventKind.POD_MARKED_FOR_DELETION, TimelineEventKind.POD_CREATED,
                TimelineEventKind.POD_READY, TimelineEventKind.HEARTBEATS_STOPPED}) {
            assertTrue(drawn.stream().anyMatch(m -> m.kind() == kind), kind + " marker (alone or in a collapsed one)");
        }
        Set<Node> names = robot.lookup("." + TimelineStyles.LANE_NAME).queryAll();
        assertEquals(4, names.size(), "pi1, pi2, pi3 and the cluster lane");
        assertEquals(robot.lookup("." + TimelineStyles.GRIDLINE).queryAll().size(),
                robot.lookup("." + TimelineStyles.AXIS_TICK).queryAll().size(), "each gridline has its time on the axis");
        assertEquals("Rescheduled 1/1 · pi2", textOf(robot, TimelineStyles.PHASE));
        assertEquals("19 s", textOf(robot, TimelineStyles.STOPWATCH));

        Node pulled = symbolOf(robot, m -> m.kind() == TimelineEventKind.PLUG_PULLED);
        Node ready = symbolOf(robot, m -> m.kind() == TimelineEventKind.POD_READY && m.at().equals(at(19)));
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
    void pngExportIsTheSelectedRunLanesAxisAndLegendAtTwiceTheSizeWithoutControls(FxRobot robot, @TempDir Path folder)
            throws Exception {
        showFrame(robot, 30, 30);
        // Lay the view out until it holds still before the two pictures are compared: on a loaded machine the
        // frame's pulse may not have run yet, and the first snapshot's own layout pass would then place the
        // labels (which are laid out against each other) differently from the second (seen once in a run).
        for (int pass = 0; pass < 2; pass++) {
            robot.interact(() -> {
                view.applyCss();
                view.layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
        BufferedImage[] image = new BufferedImage[1];
        BufferedImage[] withoutControls = new BufferedImage[1];
        double[] area = new double[2];
        robot.interact(() -> {
            image[0] = view.capture();
            Node lanes = view.exportArea();
            area[0] = lanes.getLayoutBounds().getWidth();
            area[1] = lanes.getLayoutBounds().getHeight();
            var parameters = new javafx.scene.SnapshotParameters();
            parameters.setTransform(javafx.scene.transform.Transform.scale(2, 2));
            parameters.setFill(javafx.scene.paint.Color.web("#15181d"));
            withoutControls[0] = javafx.embed.swing.SwingFXUtils.fromFXImage(lanes.snapshot(parameters, null), null);
        });

        Path file = folder.resolve("timeline.png");
        TimelinePng.write(image[0], file);
        BufferedImage read = ImageIO.read(file.toFile());

        assertEquals(Math.round(area[0] * 2), read.getWidth(), 2, "twice the width of the lanes");
        int summaryHeight = read.getHeight() - withoutControls[0].getHeight();
        assertTrue(summaryHeight > 100, "the run summary sits on top: " + summaryHeight + " px");
        assertEquals(Math.round(area[1] * 2), withoutControls[0].getHeight(), 2);
        // Below the summary the picture is exactly the render of lanes, axis and legend: no buttons anywhere.
        int differing = 0;
        for (int y = 0; y < withoutControls[0].getHeight(); y += 3) {
            for (int x = 0; x < withoutControls[0].getWidth(); x += 3) {
                if (read.getRGB(x, summaryHeight + y) != withoutControls[0].getRGB(x, y)) {
                    differing++;
                }
            }
        }
        assertEquals(0, differing, "the exported lanes are the render without controls");
        robot.interact(() -> assertTrue(view.exportArea().lookupAll(".button").isEmpty(), "no button in the export"));
        // The axis is in the picture: its labels are bright text on the dark axis strip.
        double[] axisY = new double[2];
        robot.interact(() -> {
            Node axis = view.exportArea().lookup("." + TimelineStyles.AXIS);
            var bounds = view.exportArea().sceneToLocal(axis.localToScene(axis.getLayoutBounds()));
            axisY[0] = bounds.getMinY();
            axisY[1] = bounds.getMaxY();
        });
        int bright = 0;
        for (int y = summaryHeight + (int) (axisY[0] * 2); y < summaryHeight + (int) (axisY[1] * 2); y++) {
            for (int x = 0; x < read.getWidth(); x++) {
                int rgb = read.getRGB(x, y);
                if (((rgb >> 16) & 0xff) > 180 && ((rgb >> 8) & 0xff) > 180 && (rgb & 0xff) > 180) {
                    bright++;
                }
            }
        }
        assertTrue(bright > 200, "axis text drawn: " + bright + " bright pixels");
    }
}
