package io.pirack.ui.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.RunSummary;
import io.pirack.core.timeline.TimelineEvent;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The timeline in the window sizes presenters use: the axis is visible, the summary readable, nothing elided. */
@ExtendWith(ApplicationExtension.class)
class TimelineViewSizesTest {

    private final TimelineViewModel model = new TimelineViewModel();
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new TimelineView(model), 1280, 800));
        stage.show();
    }

    private void showAt(FxRobot robot, int width, int height, FailoverCorrelator correlator) {
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
            model.show(correlator.snapshot(at(30)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> stage.getScene().getRoot().layout());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean inside(Bounds inner, Scene scene) {
        return inner.getMinX() >= 0 && inner.getMinY() >= 0 && inner.getMaxX() <= scene.getWidth() + 0.5
                && inner.getMaxY() <= scene.getHeight() + 0.5;
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280,800", "1440,900"})
    void afterAPullTheAxisIsOnScreenTheSummaryShowsEveryMilestoneAndNothingIsElided(int width, int height,
                                                                                   FxRobot robot) {
        showAt(robot, width, height, ScriptedRun.upTo(30));
        Scene scene = stage.getScene();

        List<Node> axisLabels = new ArrayList<>(robot.lookup("." + TimelineStyles.AXIS_TICK).queryAll());
        assertTrue(axisLabels.size() >= 4, "an axis with labels: " + axisLabels.size());
        for (Node label : axisLabels) {
            assertTrue(inside(label.localToScene(label.getLayoutBounds()), scene),
                    ((Labeled) label).getText() + " at " + label.localToScene(label.getLayoutBounds()));
        }
        RunSummary run = model.selectedRunProperty().get();
        List<String> chips = robot.lookup("." + RunSummaryView.CHIP).queryAll().stream()
                .map(n -> ((Labeled) n).getText()).toList();
        for (RunSummary.Boundary boundary : run.boundaries()) {
            if (boundary.seconds() != null) {
                assertTrue(chips.stream().anyMatch(c -> c.startsWith(boundary.text())),
                        boundary.text() + " in " + chips);
            }
        }
        assertTrue(robot.lookup("." + RunSummaryView.OUTCOME).queryAll().stream()
                .anyMatch(n -> ((Labeled) n).getText().contains("1 pod moved in 19.0 s")));
        for (Node node : robot.lookup(n -> n instanceof Labeled && n.isVisible()).queryAll()) {
            Labeled labeled = (Labeled) node;
            Text shown = (Text) labeled.lookup(".text");
            if (shown == null || labeled.getText() == null || labeled.getText().isEmpty()) {
                continue;
            }
            assertEquals(labeled.getText(), shown.getText(), "elided: " + labeled);
        }
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1280,800", "1440,900"})
    void eightPisFitTheViewportWithoutScrolling(int width, int height, FxRobot robot) {
        FailoverCorrelator correlator = ScriptedRun.upTo(30);
        for (int i = 4; i <= 7; i++) {
            correlator.accept(new TimelineEvent.NodeReadyChanged(at(-60), "pi" + i, ConditionStatus.ABSENT,
                    ConditionStatus.TRUE, "KubeletReady", at(-60)));
        }
        showAt(robot, width, height, correlator);

        assertEquals(8, model.lanesProperty().get().size(), "7 Pis and the cluster lane");
        ScrollPane lanes = robot.lookup("." + TimelineStyles.LANES).queryAs(ScrollPane.class);
        Node plot = lanes.getContent();
        assertTrue(plot.getLayoutBounds().getHeight() <= lanes.getViewportBounds().getHeight() + 0.5,
                "lanes " + plot.getLayoutBounds().getHeight() + " px in a viewport of "
                        + lanes.getViewportBounds().getHeight());
        Node axis = robot.lookup("." + TimelineStyles.AXIS).query();
        assertTrue(inside(axis.localToScene(axis.getLayoutBounds()), stage.getScene()), "the axis is on screen");
        assertFalse(robot.lookup("." + TimelineStyles.AXIS_TICK).queryAll().isEmpty());
    }
}
