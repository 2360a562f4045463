package io.pirack.ui.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import io.pirack.testing.AppUnderTest;
import io.pirack.testing.Fx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Tuning screen in the running app on the rehearsal rack, headless. */
class TuningScreenTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest();
    private final FxRobot robot = new FxRobot();

    @Test
    void showsThePresetAndAPredictionAndShowsTheTolerationDiffBeforeApplying() throws Exception {
        robot.clickOn("#nav-tuning");
        GridPane settings = robot.lookup("#" + TuningStyles.ID_SETTINGS).queryAs(GridPane.class);
        // The grid fills on the FX thread: read it there, and wait for the last row.
        // Starting the rehearsal rack and reading its settings takes a while on a loaded machine.
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> texts(settings).contains("Default unreachable toleration"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the settings never showed in full; shown: " + texts(settings), e);
        }
        String shown = texts(settings);
        assertTrue(shown.contains("Grace period (node-monitor-grace-period)") && shown.contains("10s"), shown);
        assertTrue(shown.contains("8 s (renews every 2s)"), shown);
        Label prediction = robot.lookup("#" + TuningStyles.ID_PREDICTION).queryAs(Label.class);
        // Safety nets only (each wait ends as soon as the screen shows it): the prediction, the diff and the patch
        // each read or write the rehearsal rack's API, which a loaded machine can hold up for seconds.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> prediction.getText().startsWith("demo/hello: "));
        assertTrue(prediction.getText().matches("demo/hello: \\d+ s – \\d+ s"), prediction.getText());
        assertTrue(robot.lookup("#" + TuningStyles.ID_REAL_ONLY).query().isVisible(), "control-plane edits are for real clusters");

        robot.interact(() -> robot.lookup("#" + TuningStyles.ID_TOLERATION_SECONDS).queryAs(Spinner.class).getValueFactory().setValue(2));
        robot.interact(() -> robot.lookup("#" + TuningStyles.ID_TOLERATION_PREVIEW).queryAs(Button.class).fire());

        Node pending = robot.lookup("#" + TuningStyles.ID_PENDING).query();
        TextArea diffBox = robot.lookup("#" + TuningStyles.ID_DIFF).queryAs(TextArea.class);
        // The pane's visibility is bound to the pending change and its text is set by a listener of the same change:
        // read both on the FX thread, once the text is there (read from here, the pane could show before its text).
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Fx.onFx(() -> pending.isVisible() && !diffBox.getText().isEmpty()));
        String diff = Fx.onFx(diffBox::getText);
        assertTrue(diff.contains("-- {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 5}"), diff);
        assertTrue(diff.contains("+- {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}"), diff);
        ListView<?> history = robot.lookup("#" + TuningStyles.ID_HISTORY).queryAs(ListView.class);
        assertTrue(history.getItems().isEmpty(), "nothing applied while the diff is shown");
        assertEquals("demo/hello: 13 s – 17 s", prediction.getText(), "the prediction still reflects the 5 s on the cluster");

        robot.interact(() -> robot.lookup("#" + TuningStyles.ID_APPLY).queryAs(Button.class).fire());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !history.getItems().isEmpty() && !pending.isVisible()
                && !prediction.getText().equals("demo/hello: 13 s – 17 s"));
        assertTrue(history.getItems().get(0).toString().contains("tolerationSeconds 2 s on demo/hello"), history.getItems().toString());
        assertEquals("demo/hello: 10 s – 14 s", prediction.getText());
        assertFalse(pending.isVisible());
    }

    private static String texts(GridPane grid) throws Exception {
        return Fx.onFx(() -> textsOnFx(grid));
    }

    private static String textsOnFx(GridPane grid) {
        StringBuilder out = new StringBuilder();
        for (Node child : grid.getChildren()) {
            if (child instanceof Label label) {
                out.append(label.getText()).append('\n');
            }
        }
        return out.toString();
    }
}
