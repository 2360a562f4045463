package io.pirack.ui.booth;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk "no PIN yet" question on one screen lives in the audience window's empty space. When a
 * run fills that space (stopwatch, phase, story) it steps aside, unanswered, and comes back when the
 * space is there again — it never sits over the show.
 */
@ExtendWith(ApplicationExtension.class)
class KioskQuestionStepsAsideTest {

    private Stage owner;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new Pane(), 400, 300));
        stage.show();
    }

    @Test
    void theQuestionHidesWhileTheEmptySpaceIsTooLowAndReturnsInsideItAfterwards(FxRobot robot) throws Exception {
        SimpleObjectProperty<Rectangle2D> quiet = new SimpleObjectProperty<>(new Rectangle2D(1190, 200, 700, 700));
        Dialog<ButtonType>[] asked = new Dialog[1];
        robot.interact(() -> asked[0] = KioskPinDialog.askForNewPin(owner, pin -> "PIN set.", () -> { }, quiet));
        WaitForAsyncUtils.waitForFxEvents();
        Window question = onFx(() -> asked[0].getDialogPane().getScene().getWindow());
        assertTrue(onFx(() -> question.isShowing() && inside(question, quiet.get())), "between runs: in the empty space");
        double height = onFx(question::getHeight);

        // A run starts: the stopwatch and the story leave less room than the question needs.
        robot.interact(() -> quiet.set(new Rectangle2D(1190, 760, 700, height - 40)));
        assertFalse(onFx(question::isShowing), "the question steps aside instead of covering the story");
        assertTrue(onFx(() -> asked[0].getResult() == null), "still unanswered: it is waiting, not dismissed");

        robot.interact(() -> quiet.set(new Rectangle2D(1190, 300, 700, height + 100)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(onFx(() -> question.isShowing() && inside(question, quiet.get())), "back, inside the space, once the run is over");

        // Hidden again by a run, then the operator closes the audience window: the question comes back over its owner.
        robot.interact(() -> quiet.set(new Rectangle2D(1190, 760, 700, height - 40)));
        assertFalse(onFx(question::isShowing));
        robot.interact(() -> quiet.set(null));
        assertTrue(onFx(question::isShowing), "not lost while nobody can see the audience window");
        robot.interact(() -> asked[0].setResult(ButtonType.CANCEL));
    }

    private static boolean inside(Window w, Rectangle2D area) {
        return area.contains(new Rectangle2D(w.getX(), w.getY(), w.getWidth(), w.getHeight()));
    }
}
