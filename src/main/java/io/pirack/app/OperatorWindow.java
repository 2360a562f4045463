package io.pirack.app;

import io.pirack.core.settings.Settings.WindowBounds;
import io.pirack.core.settings.WindowPlacement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The operator window's size and place: {@link WindowPlacement} decides (85 % of the main screen on
 * first start, else where it was, clamped to a screen that still exists); this puts the stage there
 * and remembers where it is when it closes. Screens are injected so tests can give any geometry.
 */
public final class OperatorWindow {

    private final Stage stage;
    private final AppSettings settings;
    private double normalX;
    private double normalY;
    private double normalWidth;
    private double normalHeight;

    private OperatorWindow(Stage stage, AppSettings settings) {
        this.stage = stage;
        this.settings = settings;
    }

    /** The screens' visual bounds as JavaFX reports them, the main screen first. */
    public static List<WindowPlacement.Area> screens() {
        List<WindowPlacement.Area> areas = new ArrayList<>();
        areas.add(area(Screen.getPrimary().getVisualBounds()));
        for (Screen screen : Screen.getScreens()) {
            if (!screen.equals(Screen.getPrimary())) {
                areas.add(area(screen.getVisualBounds()));
            }
        }
        return areas;
    }

    private static WindowPlacement.Area area(Rectangle2D r) {
        return new WindowPlacement.Area(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    /**
     * Places {@code stage} (before it is shown) and remembers its bounds in {@code settings} when it
     * hides; call {@link #remember()} too when the app stops without hiding it.
     */
    public static OperatorWindow place(Stage stage, AppSettings settings, Supplier<List<WindowPlacement.Area>> screens) {
        OperatorWindow window = new OperatorWindow(stage, settings);
        WindowBounds at = WindowPlacement.place(screens.get(), settings.get().operator().window(), stage.getMinWidth(),
                stage.getMinHeight());
        stage.setX(at.x());
        stage.setY(at.y());
        stage.setWidth(at.width());
        stage.setHeight(at.height());
        window.keepNormal(at.x(), at.y(), at.width(), at.height());
        stage.setMaximized(at.maximized());
        // Maximised bounds say nothing about where un-maximising returns to: keep the last normal ones.
        Runnable track = () -> {
            if (!stage.isMaximized() && !stage.isFullScreen() && !stage.isIconified()) {
                window.keepNormal(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        };
        stage.xProperty().addListener((o, was, now) -> track.run());
        stage.yProperty().addListener((o, was, now) -> track.run());
        stage.widthProperty().addListener((o, was, now) -> track.run());
        stage.heightProperty().addListener((o, was, now) -> track.run());
        stage.addEventHandler(WindowEvent.WINDOW_HIDING, e -> window.remember());
        return window;
    }

    private void keepNormal(double x, double y, double width, double height) {
        normalX = x;
        normalY = y;
        normalWidth = width;
        normalHeight = height;
    }

    /** Saves where the window is now (unless that is what the settings already say). */
    public void remember() {
        WindowBounds now = new WindowBounds(normalX, normalY, normalWidth, normalHeight, stage.isMaximized());
        if (!now.equals(settings.get().operator().window())) {
            settings.update(s -> s.withOperatorWindow(now));
        }
    }
}
