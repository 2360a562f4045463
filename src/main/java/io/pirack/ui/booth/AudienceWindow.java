package io.pirack.ui.booth;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Rectangle2D;
import javafx.scene.Cursor;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.StageStyle;
import javafx.stage.Window;

/**
 * The window that faces the crowd: full screen on a chosen monitor, big rack, big stopwatch, the
 * story so far and the timeline, type legible from 3 m, no menus, no cursor, no exit hint. Esc
 * does nothing; the operator closes it from the Booth screen, or ⌃⌥⇧X plus the kiosk PIN here (which
 * also unlocks the operator window and brings it to the front: on one screen it was behind this one).
 * If its monitor is unplugged it moves to the main screen, windowed, and returns when the monitor does.
 */
public final class AudienceWindow {

    public static final KeyCombination EXIT_CHORD = new KeyCodeCombination(KeyCode.X, KeyCombination.CONTROL_DOWN,
            KeyCombination.ALT_DOWN, KeyCombination.SHIFT_DOWN);

    private final Stage stage = new Stage(StageStyle.UNDECORATED);
    private final AudienceView view;
    private final BoothViewModel model;
    private final Runnable onExit;
    private final ListChangeListener<Screen> screensChanged = change -> placeOnChosenScreen();
    private int screenIndex;
    private boolean closingOnPurpose;

    public AudienceWindow(BoothViewModel model, AudienceView root, Runnable onExit) {
        this.model = model;
        this.view = root;
        this.onExit = onExit;
        stage.setTitle("PiRack — audience");
        Scene scene = new Scene(fitToScreen(root), 1280, 800, javafx.scene.paint.Color.BLACK);
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

    /**
     * The window's content: never cut. When the story and the strip need more height than the screen has, the
     * show is drawn smaller (centred, on black). The view keeps the "root" style class, where the stylesheet's
     * named colours live.
     */
    static javafx.scene.layout.Region fitToScreen(AudienceView view) {
        view.getStyleClass().add("root");
        ShrinkToFit fit = new ShrinkToFit(view);
        fit.setStyle("-fx-background-color: black;");
        return fit;
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

    /** The exit chord: the masked PIN (or, when the operator allowed it, nothing) closes the window. */
    private void askPinAndClose() {
        if (!model.kiosk().exitNeedsPin()) {
            onExit.run();
            return;
        }
        KioskPinDialog.askToExit(stage, model.kiosk()::exit, onExit);
    }

    /** True while this window is up on the screen where {@code other}'s centre is (one screen for both). */
    public boolean covers(Window other) {
        if (!stage.isShowing()) {
            return false;
        }
        Rectangle2D mine = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        return Screen.getScreens().size() == 1
                || mine.contains(other.getX() + other.getWidth() / 2, other.getY() + other.getHeight() / 2);
    }

    /** The screen area where this window shows nothing right now (see {@link AudienceView#quietArea()}); null once closed. */
    public javafx.beans.value.ObservableValue<Rectangle2D> quietArea() {
        javafx.beans.value.ObservableValue<Rectangle2D> area = view.quietArea();
        return javafx.beans.binding.Bindings.createObjectBinding(() -> stage.isShowing() ? area.getValue() : null, area,
                stage.showingProperty());
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
