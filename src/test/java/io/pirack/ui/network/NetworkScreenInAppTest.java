package io.pirack.ui.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.DoctorReport;
import io.pirack.testing.AppUnderTest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app's Network entry opens the Network screen, which checks this machine on first visit. The
 * app starts on the rehearsal rack, which needs no booth network: every check says "not needed",
 * none FAILs, and nothing on screen is a launcher's raw error (this machine may lack nmcli).
 */
class NetworkScreenInAppTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest();
    private final FxRobot robot = new FxRobot();

    @Test
    void onTheRehearsalRackEveryCheckIsNotNeededAndNoRawErrorReachesTheScreen() throws Exception {
        // Let the rehearsal rack finish attaching first, so the screen sees the session it belongs to.
        Label api = robot.lookup("#api-state").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> api.getText().contains("connected"));
        robot.clickOn("#nav-network");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("." + NetworkStyles.CHECK_ROW).queryAll().isEmpty()
                && !robot.lookup("#" + NetworkStyles.RERUN_ID).queryButton().isDisabled());
        List<String> verdicts = robot.lookup("." + NetworkStyles.CHECK_STATUS).queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertFalse(verdicts.isEmpty());
        assertTrue(verdicts.stream().allMatch(v -> v.endsWith("SKIP")), verdicts.toString());
        List<String> messages = robot.lookup("." + NetworkStyles.CHECK_MESSAGE).queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertTrue(messages.stream().allMatch(DoctorReport.NOT_NEEDED::equals), messages.toString());
        assertTrue(robot.lookup("#" + NetworkStyles.REHEARSAL_ID).query().isVisible(), "the screen says why");
        assertTrue(robot.lookup("#" + NetworkStyles.HOST_ID).queryAs(Label.class).getText().matches("This computer: (macOS|Linux) · .+"),
                robot.lookup("#" + NetworkStyles.HOST_ID).queryAs(Label.class).getText());
        Node screen = robot.lookup("." + NetworkStyles.SCREEN).query();
        List<String> texts = robot.from(screen).lookup((java.util.function.Predicate<Node>) n -> n instanceof Labeled).queryAllAs(Labeled.class).stream()
                .map(Labeled::getText).filter(t -> t != null).toList();
        assertEquals(List.of(), texts.stream().filter(t -> t.contains("Cannot run program") || t.contains("error=")
                || t.contains("Exception")).toList());
    }
}
