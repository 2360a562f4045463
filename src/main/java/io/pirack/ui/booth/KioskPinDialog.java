package io.pirack.ui.booth;

import io.pirack.core.booth.KioskLock;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.event.ActionEvent;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The kiosk PIN prompts: the masked PIN to end the show (a wrong PIN says so and the dialog stays;
 * after three the back-off says how long to wait), and — when kiosk mode starts without a PIN —
 * the choice to set one now or to allow closing the audience window without one.
 */
public final class KioskPinDialog {

    public static final String PIN_FIELD_ID = "kiosk-exit-pin";
    public static final String MESSAGE_ID = "kiosk-exit-message";

    private KioskPinDialog() {
    }

    /** Asks for the PIN; {@code onAccepted} runs once the PIN is right. Does not block. */
    public static Dialog<Void> askToExit(Window owner, Function<String, KioskLock.Attempt> check, Runnable onAccepted) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Close the audience window");
        dialog.setHeaderText("Enter the kiosk PIN to close the audience window");
        PasswordField pin = new PasswordField();
        pin.setId(PIN_FIELD_ID);
        pin.setPromptText("PIN");
        Label message = wrapped("");
        message.setId(MESSAGE_ID);
        dialog.getDialogPane().setContent(new VBox(8, pin, message));
        ButtonType close = new ButtonType("Close window", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, close);
        Button ok = (Button) dialog.getDialogPane().lookupButton(close);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            KioskLock.Attempt attempt = check.apply(pin.getText());
            pin.clear();
            if (!(attempt instanceof KioskLock.Attempt.Accepted)) {
                message.setText(attempt.message());
                e.consume(); // the dialog stays open and says why
            }
        });
        dialog.setResultConverter(button -> {
            if (button == close) {
                onAccepted.run();
            }
            return null;
        });
        dialog.show();
        pin.requestFocus();
        return dialog;
    }

    /**
     * Kiosk mode is starting without a PIN: set one now ({@code setPin} answers "PIN set." or why
     * not), or explicitly allow closing the audience window without one. The dialog belongs to the
     * operator window and leaves the audience window usable (the visitor's button still works).
     *
     * @param within where on the screen it must stay (it follows when that changes), or null to centre it
     *               on {@code owner}: on a single screen, the audience window's empty space
     *               ({@link AudienceWindow#quietArea()}), so the question covers neither the rack, the
     *               story, the legend nor the visitor's button
     */
    public static Dialog<ButtonType> askForNewPin(Window owner, Function<String, String> setPin, Runnable allowWithoutPin,
                                                  ObservableValue<Rectangle2D> within) {
        // The result is the button pressed: a dialog without a Cancel button does not close on a null result.
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("Kiosk PIN");
        dialog.setHeaderText("Kiosk mode has no PIN yet");
        Label explain = wrapped("The PIN locks every operator action and is the only way to close the audience window. "
                + "Choose 4 to 8 digits, or allow closing the window without a PIN (anyone at the keyboard can then end the show).");
        PasswordField pin = new PasswordField();
        pin.setId("kiosk-new-pin");
        pin.setPrefColumnCount(8);
        Label pinLabel = new Label("_New PIN (4–8 digits)");
        pinLabel.setMnemonicParsing(true);
        pinLabel.setLabelFor(pin);
        HBox pinRow = new HBox(8, pinLabel, pin);
        pinRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label message = wrapped("");
        dialog.getDialogPane().setContent(new VBox(8, explain, pinRow, message));
        Rectangle2D area = within == null ? null : within.getValue();
        dialog.getDialogPane().setPrefWidth(area == null ? 520 : Math.min(520, area.getWidth()));
        if (area != null) {
            ChangeListener<Rectangle2D> follow = (o, was, now) -> placeWithin(dialog, now);
            dialog.setOnShown(e -> {
                placeWithin(dialog, within.getValue());
                within.addListener(follow);
            });
            dialog.setOnHidden(e -> within.removeListener(follow));
        }
        ButtonType set = new ButtonType("Set PIN and lock", ButtonBar.ButtonData.OK_DONE);
        ButtonType without = new ButtonType("Allow exit without PIN", ButtonBar.ButtonData.OTHER);
        dialog.getDialogPane().getButtonTypes().setAll(without, set);
        Button ok = (Button) dialog.getDialogPane().lookupButton(set);
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            String said = setPin.apply(pin.getText());
            pin.clear();
            if (!"PIN set.".equals(said)) {
                message.setText(said);
                e.consume();
            }
        });
        dialog.setResultConverter(button -> {
            if (button == without) {
                allowWithoutPin.run();
            }
            return button;
        });
        dialog.show();
        // Typing goes into the PIN at once: the dialog's default focus is its default button.
        pin.requestFocus();
        return dialog;
    }

    /**
     * Bottom-centre of {@code area} (the story above it may still grow by a line or two). When the area
     * is too low for the question (a run started: the stopwatch, the phase and the story fill the
     * column), the question steps aside — its window hides, unanswered — and comes back as soon as the
     * area has room again (the run is over), so it never covers the show. No area any more (the
     * audience window closed): back over the operator window.
     */
    private static void placeWithin(Dialog<?> dialog, Rectangle2D area) {
        if (!(dialog.getDialogPane().getScene().getWindow() instanceof Stage window)) {
            return;
        }
        if (area == null) {
            // The audience window went (closed by the operator): the waiting question comes back over its owner.
            if (!window.isShowing()) {
                window.show();
                window.centerOnScreen();
            }
            return;
        }
        double w = window.getWidth();
        double h = window.getHeight();
        if (area.getHeight() < h) {
            window.hide();
            return;
        }
        window.setX(area.getMinX() + Math.max(0, (area.getWidth() - w) / 2));
        window.setY(area.getMaxY() - h - Math.min(8, area.getHeight() - h));
        if (!window.isShowing()) {
            window.show();
        }
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.setMaxWidth(480);
        return label;
    }
}
