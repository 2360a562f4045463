package io.pirack.ui.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.ssh.CommandResult;
import io.pirack.ui.Styles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Network screen on the fixture booth, headless; blocking work runs inline so the robot sees results at once. */
@ExtendWith(ApplicationExtension.class)
class NetworkViewTest {

    @TempDir
    static Path dir;
    private NetworkBooth booth;
    private NetworkView view;

    @Start
    void start(Stage stage) throws Exception {
        booth = new NetworkBooth(dir.resolve(String.valueOf(System.nanoTime())));
        booth.cancelPrompt();
        // Pis that answer every command, with dhcpcd as their running DHCP client (Raspberry Pi OS before bookworm).
        NetworkViewModel model = booth.model(booth.network((target, command, timeout) -> new CommandResult(0,
                        command.argv().get(0).equals("pirack-rebind") ? "rebinding eth0 with dhcpcd in 2 s\n" : "", "")),
                BoothSnapshots::rack, rack -> { });
        view = new NetworkView(model);
        Scene scene = new Scene(view, 1600, 1000);
        scene.getStylesheets().add(Styles.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    private Node failingBootptabRow(FxRobot robot) {
        Set<Node> rows = robot.lookup("." + NetworkStyles.CHECK_ROW).queryAll();
        return rows.stream().filter(row -> robot.from(row).lookup("." + NetworkStyles.CHECK_STATUS).queryAs(Label.class).getText()
                .equals("\u2716 FAIL") && !robot.from(row).lookup("." + NetworkStyles.CHECK_ACTION).queryAll().isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("no failing check with a fix button"));
    }

    @Test
    void rerunShowsOneRowPerCheckWithAnIconAndAWord(FxRobot robot) {
        robot.clickOn("#" + NetworkStyles.RERUN_ID);
        Set<Node> rows = robot.lookup("." + NetworkStyles.CHECK_ROW).queryAll();
        assertTrue(rows.size() >= 8, "rows: " + rows.size());
        List<String> badges = robot.lookup("." + NetworkStyles.CHECK_ROW + " ." + NetworkStyles.CHECK_STATUS).queryAllAs(Label.class)
                .stream().map(Label::getText).toList();
        assertTrue(badges.stream().allMatch(b -> Set.of("\u2714 PASS", "\u26A0 WARN", "\u2716 FAIL", "\u2013 SKIP").contains(b)), badges.toString());
        assertTrue(robot.lookup("#" + NetworkStyles.PROGRESS_TEXT_ID).queryAs(Label.class).getText().contains("2 Pis found"));
    }

    @Test
    void theFailingBootptabCheckShowsItsFixButton(FxRobot robot) {
        robot.clickOn("#" + NetworkStyles.RERUN_ID);
        Button fix = robot.from(failingBootptabRow(robot)).lookup("." + NetworkStyles.CHECK_ACTION).queryButton();
        assertEquals("Write bootptab\u2026", fix.getText());
    }

    @Test
    void aCancelledAdministratorPromptSaysNothingWasAppliedAndLeavesBootptabAlone(FxRobot robot) throws Exception {
        robot.clickOn("#" + NetworkStyles.RERUN_ID);
        robot.clickOn(robot.from(failingBootptabRow(robot)).lookup("." + NetworkStyles.CHECK_ACTION).queryButton());
        assertTrue(robot.lookup("." + NetworkStyles.DIFF_LINE).queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith("+") && l.getText().contains("b8:27:eb:a1:5f:5a")), "the diff comes first");
        robot.interact(() -> view.setVvalue(1.0));
        robot.clickOn("#" + NetworkStyles.CONFIRM_ID);
        assertEquals("The administrator prompt was cancelled: nothing was applied.",
                robot.lookup("#" + NetworkStyles.APPLY_MESSAGE_ID).queryAs(Label.class).getText());
        assertArrayEquals(NetworkBooth.BOOTPTAB.getBytes(StandardCharsets.ISO_8859_1), booth.bootptabBytes());
    }

    @Test
    void applyShowsEachPiWithAnIconAndAWordAndTheOutcome(FxRobot robot) throws Exception {
        booth.acceptPrompt();
        robot.clickOn("#" + NetworkStyles.RERUN_ID);
        robot.interact(() -> view.setVvalue(1.0));
        robot.clickOn("#" + NetworkStyles.APPLY_ID);
        robot.interact(() -> view.setVvalue(1.0));
        robot.clickOn("#" + NetworkStyles.CONFIRM_ID);
        List<String> rows = robot.lookup("." + NetworkStyles.APPLY_ROW).queryAll().stream()
                .map(row -> robot.from(row).lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList().toString()).toList();
        assertEquals(List.of("[\u2714 DONE, rpi1 is already at 192.168.2.101]", "[\u2714 DONE, rpi2 answers at 192.168.2.102]"), rows);
        assertTrue(robot.lookup("#" + NetworkStyles.APPLY_MESSAGE_ID).queryAs(Label.class).getText().startsWith("Wrote "));
    }
}
