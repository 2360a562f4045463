package io.pirack.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The app starts on the rehearsal rack, headless, and lists its Pis and pods. */
class AppSmokeTest {

    @TempDir
    Path home;
    private Application app;
    private final FxRobot robot = new FxRobot();

    @BeforeEach
    void start() throws Exception {
        System.setProperty("pirack.home", home.toString());
        PiRackApp.setLaunchOptions(new LaunchOptions(true, null, null, false, -1, false, 0));
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(PiRackApp.class);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("pirack.home");
    }

    @Test
    void startsOnTheRehearsalRackAndListsItsFourNodesAndTheirPods() throws Exception {
        TableView<?> nodes = robot.lookup("#node-table").queryTableView();
        TableView<?> pods = robot.lookup("#pod-table").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> nodes.getItems().size() == 4 && pods.getItems().size() >= 15);
        assertEquals(4, nodes.getItems().size());
        Label api = robot.lookup("#api-state").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> api.getText().contains("connected"));
        String counts = robot.lookup("#counts").queryAs(Label.class).getText();
        assertTrue(counts.startsWith("4 nodes"), counts);
        assertTrue(Files.exists(home.resolve("settings.json")), "the choice of cluster is remembered");
    }
}
