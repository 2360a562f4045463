package io.pirack.ui;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.app.LaunchOptions;
import io.pirack.testing.AppUnderTest;
import io.pirack.ui.booth.AudienceWindow;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** {@code pirack --sim --kiosk --visitor} on one screen with no kiosk PIN yet (Monocle has one 1920×1080 screen). */
class KioskStartTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest(new LaunchOptions(true, null, null, true, 0, true, 0));
    private final FxRobot robot = new FxRobot();

    @Test
    void onOneScreenTheNoPinQuestionSitsInTheAudienceWindowsEmptySpaceAndHidesNoneOfTheShow() throws Exception {
        AudienceWindow audience = audienceUp();
        Window question = noPinQuestion();
        Scene show = audience.stage().getScene();
        assertEquals("kiosk-new-pin", onFx(() -> question.getScene().getFocusOwner().getId()),
                "the presenter types the PIN straight away, without clicking into the field first");
        // The story and the legend change as the cluster comes up: the question moves with the empty space.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !((javafx.scene.layout.Pane) show.lookup("#audience-legend"))
                .getChildren().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();

        Bounds dialog = onFx(() -> new BoundingBox(question.getX(), question.getY(), question.getWidth(), question.getHeight()));
        Bounds side = onFx(() -> onScreen(show.lookup("#audience-side")));
        assertTrue(side.contains(dialog), "inside the audience window's side column, off the rack and the strip: " + dialog
                + " in " + side);
        for (String part : List.of("#audience-narrative", "#audience-legend", "#visitor-button")) {
            Bounds covered = onFx(() -> onScreen(show.lookup(part)));
            assertFalse(covered.intersects(dialog), part + " " + covered + " stays visible beside the question " + dialog);
        }
        assertTrue(onFx(() -> show.lookup("#visitor-button").isVisible()), "the visitor's button is still there");

        robot.interact(() -> {
            DialogPane pane = (DialogPane) question.getScene().getRoot();
            ((PasswordField) pane.lookup("#kiosk-new-pin")).setText("4711");
            ((javafx.scene.control.Button) pane.lookupButton(pane.getButtonTypes().get(1))).fire();
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !question.isShowing());
        assertTrue(running.app().booth().model().kiosk().isLocked(), "the new PIN locks the operator actions and the question goes");
    }

    @Test
    void aRunThatStartsWhileTheNoPinQuestionIsOpenKeepsItsStopwatchAndStoryUncovered() throws Exception {
        AudienceWindow audience = audienceUp();
        Window question = noPinQuestion();
        Scene show = audience.stage().getScene();
        // Every layout pass of the audience window during the run: is anything of the show under the question?
        List<String> covered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable check = () -> {
            if (!question.isShowing()) {
                return;
            }
            Bounds dialog = new BoundingBox(question.getX(), question.getY(), question.getWidth(), question.getHeight());
            for (String part : List.of("#audience-stopwatch", "#audience-phase", "#audience-narrative")) {
                Node node = show.lookup(part);
                if (node.isVisible() && onScreen(node).intersects(dialog)) {
                    covered.add(part + " " + onScreen(node) + " under " + dialog);
                }
            }
        };
        robot.interact(() -> show.addPostLayoutPulseListener(check));
        robot.interact(() -> running.app().plugs().pull("rpi3"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> show.lookup("#audience-stopwatch").isVisible()
                && ((javafx.scene.layout.Pane) show.lookup("#audience-narrative")).getChildren().size() >= 2));
        // Let the story grow for a few seconds of the run (NotReady, eviction), pulse by pulse.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() ->
                ((javafx.scene.layout.Pane) show.lookup("#audience-narrative")).getChildren().size() >= 3));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> show.removePostLayoutPulseListener(check));
        assertTrue(covered.isEmpty(), "the question covered the show: " + covered.stream().limit(3).toList());
        assertTrue(onFx(() -> running.app().booth().model().kiosk().exitNeedsPin()), "the question is still unanswered");
    }

    /** The show once the rack is up: kiosk mode opened the audience window at start. */
    private AudienceWindow audienceUp() throws Exception {
        TableView<?> nodes = running.nodeTable(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> nodes.getItems().size() == 4);
        AudienceWindow audience = running.app().booth().audience();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, audience::isShowing);
        return audience;
    }

    private static Window noPinQuestion() throws Exception {
        return onFx(() -> Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene().getRoot() instanceof DialogPane pane
                        && "Kiosk mode has no PIN yet".equals(pane.getHeaderText()))
                .findFirst().orElseThrow());
    }

    private static Bounds onScreen(Node node) {
        return node.localToScreen(node.getLayoutBounds());
    }
}
