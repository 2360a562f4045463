package io.pirack.ui.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.booth.KioskLock;
import io.pirack.core.rack.RackSpec;
import io.pirack.testing.PluggedInPlugs;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The audience window never cuts its show at the screen's edge: a rack that needs more width than is left
 * beside the story is drawn smaller (seen at 1280×800: a card's "unplugged since … back at …" pushed the
 * story past the right edge), and a strip and story taller than the screen shrink the whole picture (the
 * wrapped StatefulSet verdict pushed the strip's milestones below the bottom edge).
 */
@ExtendWith(ApplicationExtension.class)
class AudienceFitTest {

    private static final double WIDTH = 1280;
    private static final double HEIGHT = 720;

    private Region rack;
    private Region strip;
    private Scene scene;

    @Start
    void start(Stage stage) {
        rack = fixed("rack", 1100, 400);
        strip = fixed("strip", 600, 520);
        BoothViewModel model = new BoothViewModel(new PluggedInPlugs(), () -> RackSpec.rehearsal(4), Clock.systemUTC(),
                new SplittableRandom(1), new KioskLock(() -> null, Clock.systemUTC()), hash -> { }, what -> { }, () -> { });
        AudienceView view = new AudienceView(model, () -> rack, () -> strip);
        scene = new Scene(AudienceWindow.fitToScreen(view), WIDTH, HEIGHT);
        stage.setScene(scene);
        // TestFX reuses one stage for every test class: one left wider gives the new scene its own size.
        stage.setWidth(WIDTH);
        stage.setHeight(HEIGHT);
        stage.show();
    }

    @Test
    void aRackWiderThanItsShareAndAStripTallerThanTheRestStayInsideTheWindow(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> scene.getRoot().layout());

        assertEquals(WIDTH, scene.getWidth(), 0.5, "the window is as wide as a 1280×720 projector");
        assertEquals(HEIGHT, scene.getHeight(), 0.5);
        Node side = robot.lookup("#audience-side").query();
        Node stopwatchColumnText = robot.lookup(".audience-story").query();
        for (Node shown : List.of(rack, strip, side, stopwatchColumnText)) {
            Bounds b = shown.localToScene(shown.getLayoutBounds());
            assertTrue(b.getMinX() >= -0.5 && b.getMaxX() <= WIDTH + 0.5 && b.getMinY() >= -0.5 && b.getMaxY() <= HEIGHT + 0.5,
                    shown.getId() + " drawn at " + b + ", outside the " + WIDTH + "×" + HEIGHT + " window");
        }
        Bounds rackShown = rack.localToScene(rack.getLayoutBounds());
        Bounds sideShown = side.localToScene(side.getLayoutBounds());
        assertTrue(rackShown.getMaxX() <= sideShown.getMinX() + 0.5, "the rack does not run under the story: " + rackShown + " / " + sideShown);
    }

    /** A stand-in for the drawn rack or strip: a block that needs at least this much room. */
    private static Region fixed(String id, double minWidth, double minHeight) {
        StackPane block = new StackPane(new Label(id));
        block.setId(id);
        block.setMinSize(minWidth, minHeight);
        block.setPrefSize(minWidth, minHeight);
        return block;
    }
}
