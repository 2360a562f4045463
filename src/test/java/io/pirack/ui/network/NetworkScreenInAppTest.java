package io.pirack.ui.network;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The app's Network entry opens the Network screen, which checks this machine on first visit. */
class NetworkScreenInAppTest {

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
    void theNetworkEntryOpensTheChecklistAndRunsTheChecks() throws Exception {
        robot.clickOn("#nav-network");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("." + NetworkStyles.CHECK_ROW).queryAll().isEmpty());
        assertFalse(robot.lookup("#" + NetworkStyles.RERUN_ID).queryButton().isDisabled(), "the checks finished");
        // Let the rehearsal rack finish attaching, so stopping the app does not race its start-up.
        Label api = robot.lookup("#api-state").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> api.getText().contains("connected"));
    }
}
