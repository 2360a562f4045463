package io.pirack.ui.booth;

import io.pirack.core.booth.KioskLock;
import java.time.Duration;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.util.StringConverter;

/**
 * The operator's Booth screen: audience window, visitor mode, attract loop, rebalance, kiosk lock.
 * While locked, everything but "Unlock" is disabled — and refused by the model and the controls
 * even if something reaches them another way.
 */
public final class BoothView extends ScrollPane {

    public BoothView(BoothViewModel model, BoothControls booth, int rememberedScreen) {
        setFitToWidth(true);
        ChoiceBox<Integer> screen = new ChoiceBox<>();
        screen.setId("audience-screen");
        List<Screen> screens = Screen.getScreens();
        for (int i = 0; i < screens.size(); i++) {
            screen.getItems().add(i);
        }
        screen.setConverter(new StringConverter<>() {
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
        Label awake = wrapped();
        awake.textProperty().bind(booth.awakeStatusProperty());
        VBox audience = new VBox(8, row(screen, open, close), awake);

        Label visitorMessage = wrapped();
        CheckBox visitor = new CheckBox("Show the visitor's \u201cPull a plug!\u201d button");
        visitor.setId("visitor-mode");
        visitor.setSelected(model.visitor().shownProperty().get());
        model.visitor().shownProperty().addListener((o, was, now) -> visitor.setSelected(now));
        visitor.setOnAction(e -> {
            visitorMessage.setText(model.visitor().setShown(visitor.isSelected()));
            visitor.setSelected(model.visitor().shownProperty().get());
        });
        Spinner<Integer> cooldown = new Spinner<>(10, 600, (int) model.visitor().cooldownProperty().get().toSeconds(), 10);
        cooldown.valueProperty().addListener((o, was, now) -> {
            if (!model.kiosk().isLocked()) {
                model.visitor().cooldownProperty().set(Duration.ofSeconds(now));
            }
        });
        Label hint = wrapped();
        hint.textProperty().bind(model.visitor().hintProperty());
        VBox visitors = new VBox(8, visitor, row(new Label("Cooldown between pulls (s)"), cooldown), hint, visitorMessage);

        Spinner<Integer> minutes = new Spinner<>(1, 120, 5);
        Button attract = new Button();
        attract.setId("attract-toggle");
        attract.textProperty().bind(Bindings.when(booth.attractRunningProperty())
                .then("Stop attract loop").otherwise("Start attract loop"));
        attract.setOnAction(e -> {
            if (booth.attractRunningProperty().get()) {
                booth.stopAttract();
            } else {
                booth.startAttract(minutes.getValue());
            }
        });
        Label attractStatus = wrapped();
        attractStatus.setId("attract-status");
        attractStatus.textProperty().bind(booth.attractStatusProperty());
        VBox attractBox = new VBox(8, row(new Label("Every (min)"), minutes, attract), attractStatus);

        Button rebalance = new Button("Rebalance");
        rebalance.setId("rebalance");
        rebalance.setOnAction(e -> booth.rebalance());
        Label rebalanceText = wrapped();
        rebalanceText.setText("Kubernetes never moves pods back to a Pi that returned. Rebalance restarts the demo "
                + "Deployments (kubectl rollout restart) so their pods spread over every Pi again.");
        Label boothMessage = wrapped();
        boothMessage.setId("booth-message");
        boothMessage.textProperty().bind(booth.messageProperty());
        VBox rebalanceBox = new VBox(8, rebalanceText, rebalance, boothMessage);

        PasswordField currentPin = pinField("kiosk-current-pin");
        PasswordField newPin = pinField("kiosk-new-pin");
        Label pinMessage = wrapped();
        pinMessage.setId("kiosk-message");
        Button setPin = new Button("Set PIN");
        setPin.setId("kiosk-set-pin");
        setPin.setOnAction(e -> {
            pinMessage.setText(model.kiosk().setPin(currentPin.getText(), newPin.getText()));
            currentPin.clear();
            newPin.clear();
        });
        Button clearPin = new Button("Clear PIN");
        clearPin.setOnAction(e -> {
            pinMessage.setText(model.kiosk().clearPin(currentPin.getText()));
            currentPin.clear();
        });
        Button lock = new Button("Lock operator actions");
        lock.setId("kiosk-lock");
        lock.setOnAction(e -> pinMessage.setText(model.kiosk().lock()));
        PasswordField unlockPin = pinField("kiosk-pin");
        Button unlock = new Button("Unlock");
        unlock.setId("kiosk-unlock");
        Runnable tryUnlock = () -> {
            KioskLock.Attempt attempt = model.kiosk().unlock(unlockPin.getText());
            pinMessage.setText(attempt.message());
            unlockPin.clear();
        };
        unlock.setOnAction(e -> tryUnlock.run());
        unlockPin.setOnAction(e -> tryUnlock.run());
        // Labels beside the fields (a placeholder vanishes as soon as one types); Alt+letter focuses the field.
        GridPane pins = new GridPane();
        pins.setHgap(8);
        pins.setVgap(8);
        pins.addRow(0, fieldLabel("C_urrent PIN", currentPin), currentPin, hintLabel("empty when no PIN is set yet"));
        pins.addRow(1, fieldLabel("_New PIN", newPin), newPin, hintLabel("4 to 8 digits"));
        Node settingsRow = new VBox(8, pins, row(setPin, clearPin, lock));
        Label state = new Label();
        state.setId("kiosk-state");
        state.getStyleClass().add("kiosk-state");
        // While unlocked the Unlock row is not shown at all (a greyed empty field read as broken).
        Node unlockRow = row(fieldLabel("_PIN to unlock", unlockPin), unlockPin, unlock);
        unlockRow.managedProperty().bind(unlockRow.visibleProperty());
        VBox kiosk = new VBox(8, state, settingsRow, unlockRow, pinMessage);

        List<Node> operatorOnly = List.of(audience, visitors, attractBox, rebalanceBox, settingsRow);
        Runnable applyLock = () -> {
            boolean locked = model.kiosk().lockedProperty().get();
            operatorOnly.forEach(n -> n.setDisable(locked));
            unlockRow.setVisible(locked);
            unlockRow.setDisable(!locked);
            state.setText(locked ? "Locked: operator actions need the PIN."
                    : "Unlocked: every operator action is available.");
            state.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("locked"), locked);
        };
        model.kiosk().lockedProperty().addListener((o, was, now) -> applyLock.run());
        applyLock.run();

        VBox content = new VBox(12, titled("Audience window", audience), titled("Visitor mode", visitors),
                titled("Attract loop (unattended hours)", attractBox), titled("Rebalance the pods", rebalanceBox),
                titled("Kiosk lock", kiosk));
        content.setPadding(new Insets(16));
        setContent(content);
    }

    private static PasswordField pinField(String id) {
        PasswordField field = new PasswordField();
        field.setId(id);
        field.setPrefColumnCount(8);
        return field;
    }

    private static Label fieldLabel(String text, Node field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label hintLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-hint");
        return label;
    }

    private static FlowPane row(Node... nodes) {
        FlowPane row = new FlowPane(8, 8, nodes);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static Label wrapped() {
        Label label = new Label();
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        // A message line with nothing to say takes no room (empty lines left dead space under each box).
        label.visibleProperty().bind(label.textProperty().isEmpty().not());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane pane = new TitledPane(title, content);
        pane.setCollapsible(false);
        return pane;
    }
}
