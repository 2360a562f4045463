package io.pirack.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import io.pirack.testing.AppUnderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The app starts on the rehearsal rack, headless, and lists its Pis and pods. */
class AppSmokeTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest();
    private final FxRobot robot = new FxRobot();



    @Test
    void startsOnTheRehearsalRackAndListsItsFourNodesAndTheirPods() throws Exception {
        TableView<?> nodes = running.nodeTable(robot);
        TableView<?> pods = robot.lookup("#pod-table").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> nodes.getItems().size() == 4 && pods.getItems().size() >= 15);
        assertEquals(4, nodes.getItems().size());
        Label api = robot.lookup("#api-state").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> api.getText().contains("connected"));
        String counts = robot.lookup("#counts").queryAs(Label.class).getText();
        assertTrue(counts.startsWith("4 nodes"), counts);
        assertTrue(Files.exists(running.home().resolve("settings.json")), "the choice of cluster is remembered");
    }
}
