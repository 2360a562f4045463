package io.pirack.ui.network;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import io.pirack.testing.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The app's Network entry opens the Network screen, which checks this machine on first visit. */
class NetworkScreenInAppTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest();
    private final FxRobot robot = new FxRobot();



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
