package io.pirack.ui.booth;

import io.pirack.ui.Styles;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;

/**
 * The window that faces the crowd: full screen on a chosen monitor, big rack, big stopwatch, the
 * story so far and the timeline, type legible from 3 m, no menus, no cursor, no exit hint. Esc
 * does nothing; the operator closes it from the Booth screen, or ⌃⌥⇧X plus the kiosk PIN here.
 * If its monitor is unplugged it moves to the main screen, windowed, and returns when the monitor does.
 */
public final class AudienceWindow {

    public static final KeyCombination EXIT_CHORD = new KeyCodeCombination(KeyCode.X, KeyCombination.CONTROL_DOWN,
            KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN);

    private final Stage stage = new Stage(StageStyle.UNDECORATED);
    private final BoothViewModel model;
    private final Predicate<String> pinAccepted;
    private final ListChangeListener<Screen> screensChanged = change -> placeOnChosenScreen();
    private int screenIndex;
    private boolean closingOnPurpose;

    public AudienceWindow(BoothViewModel model, Supplier<Node> rack, Supplier<Node> timeline, Predicate<String> pinAccepted) {
        this.model = model;
        this.pinAccepted = pinAccepted;
        stage.setTitle("PiRack — audience");
        Label stopwatch = new Label();
        stopwatch.setId("audience-stopwatch");
        stopwatch.getStyleClass().add("audience-stopwatch");
        stopwatch.textProperty().bind(model.stopwatchProperty());
        Label phase = new Label();
        phase.getStyleClass().add("audience-phase");
        phase.textProperty().bind(model.phaseProperty());
        Label story = new Label();
        story.setId("audience-narrative");
        story.getStyleClass().add("audience-narrative");
        story.setWrapText(true);
        story.textProperty().bind(model.narrativeProperty());
        Button visitor = new Button();
        visitor.setId("visitor-button");
        visitor.getStyleClass().add("visitor-button");
        visitor.textProperty().bind(model.visitorLabelProperty());
        visitor.disableProperty().bind(model.visitorEnabledProperty().not());
        visitor.setOnAction(e -> model.visitorPull());
        visitor.visibleProperty().bind(model.visitorModeProperty());
        visitor.managedProperty().bind(visitor.visibleProperty());
        Label hint = new Label();
        hint.getStyleClass().add("audience-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(model.visitorHintProperty());
        hint.visibleProperty().bind(model.visitorModeProperty());
        VBox side = new VBox(24, stopwatch, phase, story, visitor, hint);
        side.setPadding(new Insets(32));
        side.setAlignment(Pos.TOP_LEFT);
        side.setPrefWidth(560);
        Node rackNode = rack.get();
        HBox top = new HBox(rackNode, side);
        HBox.setHgrow(rackNode, Priority.ALWAYS);
        BorderPane root = new BorderPane(top);
        Node timelineNode = timeline.get();
        root.setBottom(timelineNode);
        if (timelineNode instanceof javafx.scene.layout.Region region) {
            region.setPrefHeight(320);
        }
        root.getStyleClass().add("audience");
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(AudienceWindow.class.getResource(Styles.STYLESHEET).toExternalForm());
        scene.setCursor(Cursor.NONE);
        // Esc must never end the show; the exit chord asks for the PIN.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
            } else if (EXIT_CHORD.match(e)) {
                e.consume();
                askPinAndClose();
            }
        });
        stage.setScene(scene);
        stage.setFullScreenExitHint("");
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setOnCloseRequest(e -> {
            if (!closingOnPurpose) {
                e.consume();
            }
        });
    }

    public Stage stage() {
        return stage;
    }

    /** Opens (or moves) the window full screen on screen {@code index} (0 = main; out of range = last). */
    public void show(int index) {
        screenIndex = index;
        Screen.getScreens().removeListener(screensChanged);
        Screen.getScreens().addListener(screensChanged);
        placeOnChosenScreen();
        stage.show();
        stage.setFullScreen(chosenScreenPresent());
    }

    private boolean chosenScreenPresent() {
        return screenIndex >= 0 && screenIndex < Screen.getScreens().size();
    }

    private void placeOnChosenScreen() {
        List<Screen> screens = Screen.getScreens();
        Screen target = chosenScreenPresent() ? screens.get(screenIndex) : Screen.getPrimary();
        Rectangle2D bounds = target.getBounds();
        boolean wasFullScreen = stage.isFullScreen();
        stage.setFullScreen(false);
        stage.setX(bounds.getMinX());
        stage.setY(bounds.getMinY());
        stage.setWidth(bounds.getWidth());
        stage.setHeight(bounds.getHeight());
        if (stage.isShowing()) {
            // Back on its own monitor it is the show again; on the main screen it must not cover the operator's window.
            stage.setFullScreen(chosenScreenPresent() || (wasFullScreen && chosenScreenPresent()));
        }
    }

    private void askPinAndClose() {
        TextInputDialog dialog = new TextInputDialog();
        dialog.initOwner(stage);
        dialog.setHeaderText("Kiosk PIN to close the audience window");
        dialog.showAndWait().filter(pinAccepted).ifPresent(pin -> close());
    }

    /** The operator closes the window (Booth screen). */
    public void close() {
        closingOnPurpose = true;
        Screen.getScreens().removeListener(screensChanged);
        stage.close();
        closingOnPurpose = false;
    }

    public boolean isShowing() {
        return stage.isShowing();
    }

    BoothViewModel model() {
        return model;
    }
}
