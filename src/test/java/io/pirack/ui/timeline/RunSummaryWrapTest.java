package io.pirack.ui.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.timeline.RunSummary;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A verdict longer than the row is wide wraps inside the row: it neither runs past the window nor makes the
 * row (and so the audience window holding it) wider than the screen.
 */
@ExtendWith(ApplicationExtension.class)
class RunSummaryWrapTest {

    private final RunSummaryView view = new RunSummaryView(true);
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        StackPane root = new StackPane(view);
        // The audience strip's look: the verdict in its large bold type is the row's widest line.
        root.getStylesheets().add(RunSummaryView.class.getResource(io.pirack.ui.Styles.STYLESHEET).toExternalForm());
        root.setStyle("-fx-font-size: 28px;");
        stage.setScene(new Scene(root, 1280, 400));
        stage.show();
    }

    @Test
    void aVerdictWiderThanTheRowWrapsWithinIt(FxRobot robot) {
        TimelineViewModel model = new TimelineViewModel();
        robot.interact(() -> model.show(ScriptedRun.upTo(30).snapshot(at(30))));
        RunSummary run = model.selectedRunProperty().get();
        robot.interact(() -> {
            view.show(List.of(run), run);
            // The milestones in small type, so that the verdict is the row's widest line (as a StatefulSet verdict is).
            robot.lookup("." + RunSummaryView.CHIP).queryAll().forEach(chip -> chip.setStyle("-fx-font-size: 9px;"));
            view.applyCss();
        });
        Label outcome = robot.lookup("." + RunSummaryView.OUTCOME).queryAs(Label.class);
        double oneLine = outcome.prefWidth(-1);
        double rowMinimum = view.minWidth(-1);
        assertTrue(rowMinimum < oneLine, "the row's minimum (" + rowMinimum + " px) is not the verdict's one line (" + oneLine + " px)");
        double narrow = Math.round((rowMinimum + oneLine) / 2);

        robot.interact(() -> {
            view.setMaxWidth(narrow);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
        });

        Bounds row = view.localToScene(view.getLayoutBounds());
        Bounds shown = outcome.localToScene(outcome.getLayoutBounds());
        assertEquals(narrow, row.getWidth(), 0.5, "the row is laid out as narrow as asked");
        assertTrue(shown.getMaxX() <= row.getMaxX() + 0.5, "verdict drawn to x=" + shown.getMaxX() + " in a row ending at " + row.getMaxX());
        assertEquals(outcome.getText(), ((Text) outcome.lookup(".text")).getText(), "wrapped, not elided");
        assertTrue(outcome.getHeight() > outcome.prefHeight(oneLine) * 1.5, "on two lines or more: " + outcome.getWidth() + "x"
                + outcome.getHeight() + "; one line " + oneLine + "x" + outcome.prefHeight(oneLine));
    }
}
