package io.pirack.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.ui.booth.AudienceWindow;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.pirack.testing.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Booth mode, headless: the audience window, the kiosk PIN lock and the visitor's button. */
class BoothTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest();
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        robot.interact(() -> robot.lookup("#nav-booth").queryAs(ToggleButton.class).setSelected(true));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#visitor-mode").tryQuery().isPresent());
    }

    @AfterEach
    void stop() {
        robot.interact(() -> running.app().booth().closeAudience());
    }

    @Test
    void audienceWindowFillsTheChosenScreenAndEscapeDoesNotCloseIt() throws Exception {
        robot.clickOn("#open-audience");
        AudienceWindow audience = running.app().booth().audience();
        Stage stage = audience.stage();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, stage::isShowing);
        Rectangle2D screen = Screen.getScreens().get(0).getBounds();
        assertTrue(stage.isFullScreen());
        assertEquals(screen.getMinX(), stage.getX());
        assertEquals(screen.getWidth(), stage.getWidth());
        assertEquals(screen.getHeight(), stage.getHeight());
        assertEquals("", stage.getFullScreenExitHint());

        robot.interact(stage::requestFocus);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "Esc must not end the show");
        assertTrue(stage.isFullScreen());
    }

    @Test
    void kioskLockHidesOperatorScreensUntilTheRightPin() throws Exception {
        robot.clickOn(".password-field").write("4711");
        robot.clickOn("Set PIN");
        robot.clickOn("#kiosk-lock");
        ToggleButton network = robot.lookup("#nav-network").queryAs(ToggleButton.class);
        ToggleButton tuning = robot.lookup("#nav-tuning").queryAs(ToggleButton.class);
        assertTrue(network.isDisabled() && tuning.isDisabled(), "network and tuning are operator-only in kiosk mode");

        robot.clickOn("#kiosk-pin").write("1234");
        robot.clickOn("#kiosk-unlock");
        assertTrue(network.isDisabled(), "a wrong PIN keeps the lock");

        robot.clickOn("#kiosk-pin").write("4711");
        robot.clickOn("#kiosk-unlock");
        assertFalse(network.isDisabled());
    }

    @Test
    void visitorButtonUnplugsAWorkerNeverTheControlPlaneAndThenCoolsDown() throws Exception {
        robot.clickOn("#visitor-mode");
        robot.clickOn("#open-audience");
        Button button = robot.lookup("#visitor-button").queryAs(Button.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !button.isDisabled());
        robot.interact(button::fire);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !running.app().plugs().controller().unpluggedNodes().isEmpty());
        String victim = running.app().plugs().controller().unpluggedNodes().iterator().next();
        assertTrue(victim.matches("rpi[234]"), "a worker, never the control plane: " + victim);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(button.isDisabled(), "one pull at a time, then the cooldown");
    }
}
