package io.pirack.ui.booth;

import io.pirack.core.booth.KioskPin;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;

/** The operator's Booth screen: audience window, visitor mode, attract loop, kiosk lock. */
public final class BoothView extends VBox {

    public BoothView(BoothController booth, int rememberedScreen, Function<String, String> setPin) {
        BoothViewModel model = booth.model();
        setSpacing(12);
        setPadding(new Insets(16));

        ChoiceBox<Integer> screen = new ChoiceBox<>();
        screen.setId("audience-screen");
        List<Screen> screens = Screen.getScreens();
        for (int i = 0; i < screens.size(); i++) {
            screen.getItems().add(i);
        }
        screen.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer i) {
                if (i == null || i >= Screen.getScreens().size()) {
                    return "";
                }
                var b = Screen.getScreens().get(i).getBounds();
                return "Screen " + (i + 1) + " — " + (int) b.getWidth() + "×" + (int) b.getHeight()
                        + (Screen.getScreens().get(i).equals(Screen.getPrimary()) ? " (main)" : "");
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        screen.setValue(rememberedScreen >= 0 && rememberedScreen < screens.size() ? rememberedScreen : screens.size() - 1);
        Button open = new Button("Open audience window");
        open.setId("open-audience");
        open.setOnAction(e -> booth.openAudience(screen.getValue() == null ? 0 : screen.getValue()));
        Button close = new Button("Close audience window");
        close.setId("close-audience");
        close.setOnAction(e -> booth.closeAudience());
        Label awake = new Label();
        awake.textProperty().bind(booth.awakeStatusProperty());
        VBox audience = new VBox(8, new HBox(8, screen, open, close), awake);

        CheckBox visitor = new CheckBox("Show the visitor's \u201cPull a plug!\u201d button");
        visitor.setId("visitor-mode");
        visitor.selectedProperty().bindBidirectional(model.visitorModeProperty());
        Spinner<Integer> cooldown = new Spinner<>(10, 600, (int) model.cooldownProperty().get().toSeconds(), 10);
        cooldown.valueProperty().addListener((o, was, now) -> model.cooldownProperty().set(Duration.ofSeconds(now)));
        Label hint = new Label();
        hint.textProperty().bind(model.visitorHintProperty());
        VBox visitors = new VBox(8, visitor, new HBox(8, new Label("Cooldown between pulls (s)"), cooldown), hint);

        Spinner<Integer> minutes = new Spinner<>(1, 120, 5);
        Button attract = new Button();
        attract.setId("attract-toggle");
        attract.textProperty().bind(javafx.beans.binding.Bindings.when(booth.attractRunningProperty())
                .then("Stop attract loop").otherwise("Start attract loop"));
        attract.setOnAction(e -> {
            if (booth.attractRunningProperty().get()) {
                booth.stopAttract();
            } else {
                booth.startAttract(minutes.getValue());
            }
        });
        Label attractStatus = new Label();
        attractStatus.setId("attract-status");
        attractStatus.textProperty().bind(booth.attractStatusProperty());
        VBox attractBox = new VBox(8, new HBox(8, new Label("Every (min)"), minutes, attract), attractStatus);

        PasswordField newPin = new PasswordField();
        newPin.setPromptText("new PIN (4–8 digits)");
        Label pinMessage = new Label();
        Button setPinButton = new Button("Set PIN");
        setPinButton.setOnAction(e -> {
            if (!KioskPin.isWellFormed(newPin.getText())) {
                pinMessage.setText("A kiosk PIN is 4 to 8 digits.");
                return;
            }
            pinMessage.setText(setPin.apply(newPin.getText()));
            newPin.clear();
        });
        Button lock = new Button("Lock operator actions");
        lock.setId("kiosk-lock");
        lock.setOnAction(e -> pinMessage.setText(model.lock() ? "Locked: settings, network and tuning need the PIN."
                : "Set a PIN first."));
        PasswordField unlockPin = new PasswordField();
        unlockPin.setId("kiosk-pin");
        unlockPin.setPromptText("PIN");
        Button unlock = new Button("Unlock");
        unlock.setId("kiosk-unlock");
        Consumer<Void> tryUnlock = v -> {
            pinMessage.setText(model.unlock(unlockPin.getText()) ? "Unlocked." : "Wrong PIN.");
            unlockPin.clear();
        };
        unlock.setOnAction(e -> tryUnlock.accept(null));
        unlockPin.setOnAction(e -> tryUnlock.accept(null));
        pinMessage.setId("kiosk-message");
        VBox kiosk = new VBox(8, new HBox(8, newPin, setPinButton), new HBox(8, lock, unlockPin, unlock), pinMessage);

        getChildren().addAll(titled("Audience window", audience), titled("Visitor mode", visitors),
                titled("Attract loop (unattended hours)", attractBox), titled("Kiosk lock", kiosk));
    }

    private static TitledPane titled(String title, javafx.scene.Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        return pane;
    }
}
