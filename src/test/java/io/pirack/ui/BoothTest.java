package io.pirack.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.ui.booth.AudienceWindow;
import io.pirack.ui.booth.KioskPinDialog;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
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

    /**
     * Fires a button or check box as a click does, once it is showing and enabled: a robot click at a control's
     * screen position sometimes missed it under load (still being laid out), which this cannot.
     */
    private void fire(String id) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> robot.lookup(id).tryQuery()
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null && n.getScene().getWindow().isShowing()
                        && n.isVisible() && !n.isDisabled()).isPresent()).get());
        robot.interact(() -> robot.lookup(id).queryAs(ButtonBase.class).fire());
    }

    @AfterEach
    void stop() {
        robot.interact(() -> {
            if (running.app().booth().audience() != null) {
                running.app().booth().audience().close();
            }
        });
    }

    @Test
    void theAudienceWindowOffersNoOperatorControlNotEvenForTheUnpluggedPi() throws Exception {
        robot.interact(() -> running.app().booth().model().visitor().setShown(true));
        fire("#open-audience");
        Stage stage = running.app().booth().audience().stage();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, stage::isShowing);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> stage.getScene().lookup("#layer-rpi3") != null);

        robot.interact(() -> running.app().plugs().pull("rpi3"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> running.app().plugs().controller().states().get("rpi3").isUnplugged());
        WaitForAsyncUtils.waitForFxEvents();

        for (double[] size : new double[][] {{1920, 1080}, {1280, 720}, {1600, 900}}) {
            // A new size re-lays the rack out (every layer gets a new unit): that once brought the buttons back.
            robot.interact(() -> {
                stage.setFullScreen(false);
                stage.setWidth(size[0]);
                stage.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            java.util.List<String> offered = io.pirack.testing.Fx.onFx(() -> io.pirack.testing.Legibility.controlsOffered(
                    stage.getScene(), node -> "visitor-button".equals(node.getId())));
            assertEquals(java.util.List.of(), offered, "at " + size[0] + "x" + size[1]
                    + ": no \u201cPull the plug\u201d, no \u201cPlug back in\u201d, no timeline buttons");
        }
        assertTrue(io.pirack.testing.Fx.onFx(() -> stage.getScene().lookup("#visitor-button").isVisible()),
                "the visitor's button is the one thing to press");
    }

    @Test
    void theUnplugWatchdogIsDueExactlyWhileAShowRunsAudienceWindowOrAttractLoop() throws Exception {
        var booth = running.app().booth();
        assertFalse(booth.showRunning(), "at rest the once-a-second tick leaves the FX thread alone");
        fire("#open-audience");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> booth.audience() != null && booth.audience().isShowing());
        assertTrue(booth.showRunning(), "the audience window is open: the watchdog must run");
        // Connected (the attract loop needs the session): the audience's rack has its Pis.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> booth.audience().stage().getScene().lookup("#layer-rpi3") != null);
        robot.interact(booth::closeAudience);
        assertFalse(booth.showRunning());
        robot.interact(() -> booth.startAttract(5));
        assertTrue(booth.showRunning(), "the attract loop pulls plugs by itself: the watchdog must run");
        robot.interact(booth::stopAttract);
        assertFalse(booth.showRunning());
    }

    @Test
    void audienceWindowFillsTheChosenScreenAndEscapeDoesNotCloseIt() throws Exception {
        fire("#open-audience");
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

    private void setPin(String current, String fresh) {
        robot.interact(() -> {
            robot.lookup("#kiosk-current-pin").queryAs(PasswordField.class).setText(current);
            robot.lookup("#kiosk-new-pin").queryAs(PasswordField.class).setText(fresh);
            robot.lookup("#kiosk-set-pin").queryAs(Button.class).fire();
        });
    }

    private String kioskMessage() {
        return robot.lookup("#kiosk-message").queryAs(Label.class).getText();
    }

    private void unlock(String pin) {
        robot.interact(() -> {
            robot.lookup("#kiosk-pin").queryAs(PasswordField.class).setText(pin);
            robot.lookup("#kiosk-unlock").queryAs(Button.class).fire();
        });
    }

    @Test
    void theKioskPinFieldsAreNamedBesideThemAndTheUnlockRowShowsOnlyWhileLocked() throws Exception {
        for (String[] field : new String[][] {{"kiosk-current-pin", "Current PIN"}, {"kiosk-new-pin", "New PIN"},
                {"kiosk-pin", "PIN to unlock"}}) {
            PasswordField input = robot.lookup("#" + field[0]).queryAs(PasswordField.class);
            java.util.List<String> names = io.pirack.testing.Fx.onFx(() -> robot.lookup(".label").queryAllAs(Label.class).stream()
                    .filter(l -> l.getLabelFor() == input).map(l -> l.getText().replace("_", "")).toList());
            assertEquals(java.util.List.of(field[1]), names, "a name that stays when the field has text, not a placeholder");
        }
        Label state = robot.lookup("#kiosk-state").queryAs(Label.class);
        PasswordField unlockPin = robot.lookup("#kiosk-pin").queryAs(PasswordField.class);
        assertEquals("Unlocked: every operator action is available.", state.getText());
        assertFalse(io.pirack.testing.Fx.onFx(() -> shown(unlockPin)), "no greyed-out Unlock row while unlocked");
        assertFalse(io.pirack.testing.Fx.onFx(() -> shown(robot.lookup("#kiosk-message").query())), "no empty message line");

        setPin("", "4711");
        robot.interact(() -> robot.lookup("#kiosk-lock").queryAs(Button.class).fire());
        assertEquals("Locked: operator actions need the PIN.", state.getText());
        assertTrue(io.pirack.testing.Fx.onFx(() -> shown(unlockPin) && !unlockPin.isDisabled()), () -> "the Unlock row, usable: "
                + hiddenBy(unlockPin));
        assertTrue(io.pirack.testing.Fx.onFx(() -> robot.lookup("#kiosk-current-pin").query().isDisabled()));
        unlock("4711");
        assertFalse(io.pirack.testing.Fx.onFx(() -> shown(unlockPin)));
    }

    private static String hiddenBy(javafx.scene.Node node) {
        StringBuilder why = new StringBuilder();
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            why.append(n.getClass().getSimpleName()).append(n.isVisible() ? "" : " invisible").append(n.isManaged() ? "" : " unmanaged")
                    .append(n.isDisabled() ? " disabled" : "").append(" / ");
        }
        return why.toString();
    }

    private static boolean shown(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void kioskLockRefusesEveryOperatorActionUntilTheRightPin() throws Exception {
        setPin("", "4711");
        assertEquals("PIN set.", kioskMessage());
        setPin("1234", "9999");
        assertEquals("Wrong current PIN.", kioskMessage(), "changing the PIN needs the current one");
        robot.interact(() -> robot.lookup("#kiosk-lock").queryAs(Button.class).fire());
        ToggleButton network = robot.lookup("#nav-network").queryAs(ToggleButton.class);
        ToggleButton tuning = robot.lookup("#nav-tuning").queryAs(ToggleButton.class);
        assertTrue(network.isDisabled() && tuning.isDisabled(), "network and tuning are operator-only in kiosk mode");

        // Accelerators, not widgets: ⇧⌘1 (the control plane) and ⇧⌘3, ⌘Q, ⌘E, ⌘K, ⌘3 (Network).
        Stage operator = (Stage) network.getScene().getWindow();
        for (KeyCode slot : new KeyCode[] {KeyCode.DIGIT1, KeyCode.DIGIT3}) {
            Runnable pull = operator.getScene().getAccelerators()
                    .get(new KeyCodeCombination(slot, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
            robot.interact(pull);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Window.getWindows().stream().noneMatch(w -> w.getScene() != null && w.getScene().getRoot() instanceof DialogPane),
                "no pull dialog opens while locked");
        assertTrue(running.app().plugs().controller().unpluggedNodes().isEmpty(), "nothing was pulled");
        Label notice = robot.lookup("#notice-banner").queryAs(Label.class);
        assertTrue(notice.getText().startsWith("Locked:"), notice.getText());
        for (KeyCode key : new KeyCode[] {KeyCode.Q, KeyCode.E, KeyCode.K, KeyCode.DIGIT3}) {
            robot.press(KeyCode.CONTROL, key).release(key, KeyCode.CONTROL);
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(operator.isShowing(), "⌘Q does not quit while locked");
        assertFalse(network.isSelected(), "⌘3 does not open the Network screen while locked");
        robot.interact(() -> Event.fireEvent(operator, new javafx.stage.WindowEvent(operator, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertTrue(operator.isShowing(), "closing the window is refused too");

        unlock("1234");
        assertEquals("Wrong PIN.", kioskMessage());
        assertTrue(network.isDisabled(), "a wrong PIN keeps the lock");
        unlock("4711");
        assertEquals("Unlocked.", kioskMessage());
        assertFalse(network.isDisabled());
    }

    @Test
    void theAudienceExitChordAsksForAMaskedPinSaysWhenItIsWrongAndClosesOnTheRightOne() throws Exception {
        setPin("", "4711");
        fire("#open-audience");
        Stage stage = running.app().booth().audience().stage();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, stage::isShowing);
        robot.interact(() -> robot.lookup("#kiosk-lock").queryAs(Button.class).fire());
        Platform.runLater(() -> Event.fireEvent(stage.getScene().getRoot(),
                new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.X, true, true, true, false)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#" + KioskPinDialog.PIN_FIELD_ID).tryQuery().isPresent());
        PasswordField pin = robot.lookup("#" + KioskPinDialog.PIN_FIELD_ID).queryAs(PasswordField.class);
        DialogPane pane = (DialogPane) pin.getScene().getRoot();
        Button close = (Button) pane.getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .map(pane::lookupButton).findFirst().orElseThrow();

        robot.interact(() -> {
            pin.setText("0000");
            close.fire();
        });
        assertEquals("Wrong PIN.", robot.lookup("#" + KioskPinDialog.MESSAGE_ID).queryAs(Label.class).getText());
        assertTrue(stage.isShowing());
        robot.interact(() -> {
            pin.setText("4711");
            close.fire();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        assertFalse(running.app().booth().model().kiosk().isLocked(), "the right PIN also unlocks the operator window");
    }

    @Test
    void visitorButtonUnplugsAWorkerNeverTheControlPlaneAndThenCoolsDown() throws Exception {
        fire("#visitor-mode");
        fire("#open-audience");
        Button button = robot.lookup("#visitor-button").queryAs(Button.class);
        // Pressed in the same FX turn that finds it enabled: a frame between a check on this thread and the press
        // can take the button away again (the rack still settling), and a disabled button ignores fire().
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> io.pirack.testing.Fx.onFx(() -> {
            if (button.isDisabled()) {
                return false;
            }
            button.fire();
            return true;
        }));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !running.app().plugs().controller().unpluggedNodes().isEmpty());
        String victim = running.app().plugs().controller().unpluggedNodes().iterator().next();
        assertTrue(victim.matches("rpi[234]"), "a worker, never the control plane: " + victim);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(button.isDisabled(), "one pull at a time, then the cooldown");
    }
}
