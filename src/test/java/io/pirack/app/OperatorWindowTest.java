package io.pirack.app;

import static io.pirack.testing.Fx.onFx;
import static io.pirack.testing.Fx.runOnFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.settings.Settings.WindowBounds;
import io.pirack.core.settings.WindowPlacement.Area;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/** The operator window on injected screens: 85 % on first start, then where it was, through settings.json. */
class OperatorWindowTest {

    @TempDir
    Path home;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    private AppSettings settings() {
        // A synchronous executor: every change is in settings.json when update returns.
        return AppSettings.load(new AppPaths(home, home), Runnable::run, problem -> { });
    }

    private static Stage stage() {
        Stage stage = new Stage();
        stage.setScene(new Scene(new Pane(), 1280, 800));
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        return stage;
    }

    private static WindowBounds boundsOf(Stage stage) {
        return new WindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), stage.isMaximized());
    }

    @Test
    void opensAt85PercentOfTheScreenThenWhereItWasClosedEvenWithoutTheSecondMonitor() throws Exception {
        List<Area> laptopAndProjector = List.of(new Area(0, 25, 1440, 825), new Area(1440, 0, 1920, 1080));
        Stage first = onFx(() -> {
            Stage stage = stage();
            OperatorWindow.place(stage, settings(), () -> laptopAndProjector);
            stage.show();
            return stage;
        });
        assertEquals(new WindowBounds(108, 87, 1224, 701, false), onFx(() -> boundsOf(first)),
                "85 % of the laptop screen's visual bounds, centred");

        runOnFx(() -> {
            first.setX(500);
            first.setY(200);
            first.setWidth(1200);
            first.setHeight(800);
            first.hide();
        });
        assertTrue(Files.readString(home.resolve("settings.json")).contains("1200"), "remembered in settings.json");

        Stage again = onFx(() -> {
            Stage stage = stage();
            OperatorWindow.place(stage, settings(), () -> List.of(new Area(0, 0, 1920, 1080)));
            return stage;
        });
        assertEquals(new WindowBounds(500, 200, 1200, 800, false), onFx(() -> boundsOf(again)), "where it was closed");

        Stage laptopOnly = onFx(() -> {
            Stage stage = stage();
            OperatorWindow.place(stage, settings(), () -> List.of(new Area(0, 25, 1440, 825)));
            return stage;
        });
        assertEquals(new WindowBounds(240, 50, 1200, 800, false), onFx(() -> boundsOf(laptopOnly)),
                "on a smaller screen: pulled back wholly onto it");
    }

    @Test
    void aMaximisedWindowOpensMaximisedAndKeepsItsNormalBoundsForLater() throws Exception {
        AppSettings remembered = settings();
        remembered.update(s -> s.withOperatorWindow(new WindowBounds(100, 80, 1000, 700, true)));

        Stage stage = onFx(() -> {
            Stage s = stage();
            OperatorWindow.place(s, settings(), () -> List.of(new Area(0, 0, 1920, 1080)));
            s.show();
            return s;
        });
        assertTrue(onFx(stage::isMaximized), "maximised again");
        runOnFx(stage::hide);

        WindowBounds saved = settings().get().operator().window();
        assertEquals(new WindowBounds(100, 80, 1000, 700, true), saved, "un-maximising returns to the remembered bounds");
    }
}
