package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.tuning.CrudApiServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app started on a real cluster with a bad rack.json shows one dialog naming the file, the line
 * and the field, and offers "Open the file" / "Start with an empty rack"; the file stays byte-identical.
 */
class BadRackFileInAppTest {

    private static final byte[] BAD_RACK = """
            {
              "name": "Booth",
              "slots": [
                {"hostname": "rpi1", "role": "CONTROL_PLANE"},
                {"hostname": "rpi2;touch /tmp/x", "role": "WORKER"}
              ],
              "subnet": "192.168.2.0/24",
              "defaultPlugMethod": "STOP_AGENT",
              "deadManSeconds": 180
            }
            """.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private CrudApiServer cluster;
    private PiRackApp app;
    private final List<Path> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Files.write(home.resolve("rack.json"), BAD_RACK);
        cluster = new CrudApiServer();
        Path kubeconfig = cluster.writeKubeconfig(home);
        System.setProperty("pirack.home", home.toString());
        PiRackApp.setLaunchOptions(new LaunchOptions(false, "crud", kubeconfig, false, -1, false, 0));
        FxToolkit.registerPrimaryStage();
        app = (PiRackApp) FxToolkit.setupApplication(PiRackApp.class);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("pirack.home");
        cluster.close();
    }

    /** The rack-file dialogs on screen now. */
    private List<DialogPane> showing() {
        return robot.listWindows().stream().filter(javafx.stage.Window::isShowing)
                .map(w -> w.getScene().lookup("#rack-file-problem")).filter(DialogPane.class::isInstance)
                .map(DialogPane.class::cast).toList();
    }

    private DialogPane dialog() throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !showing().isEmpty());
        return showing().get(0);
    }

    @Test
    void oneDialogNamesFileLineAndFieldAndAnEmptyRackLeavesTheFileByteIdentical() throws Exception {
        DialogPane pane = dialog();

        assertEquals("PiRack cannot use rack.json: one problem.", pane.getHeaderText());
        String content = pane.getContentText();
        assertTrue(content.startsWith(home.resolve("rack.json").toString()), content);
        assertTrue(content.contains("• line 5, slots[1].hostname: "), content);
        assertEquals(1, showing().size(), "one dialog");
        robot.clickOn(RackFileDialog.EMPTY);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(showing().isEmpty());
        String notice = robot.lookup("#notice-banner").queryAs(Label.class).getText();
        assertTrue(notice.startsWith("Empty rack: rack.json was left as it is (line 5, slots[1].hostname:"), notice);
        assertArrayEquals(BAD_RACK, Files.readAllBytes(home.resolve("rack.json")), "never overwritten");
    }

    @Test
    void openTheFileHandsItToTheDesktop() throws Exception {
        // The app's own dialog first, answered so; then the dialog again with an opener the test can see.
        dialog();
        robot.clickOn(RackFileDialog.EMPTY);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showing().isEmpty());
        Stage owner = (Stage) robot.listWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() == null && s.isShowing())
                .findFirst().orElseThrow();
        Path file = home.resolve("rack.json");
        javafx.application.Platform.runLater(() -> RackFileDialog.show(owner, file,
                List.of(new JsonFileStore.Problem(5, "slots[1].hostname", "bad")), opened::add, notice -> { }));
        DialogPane pane = dialog();
        javafx.scene.Node openButton = pane.lookupButton(pane.getButtonTypes().stream()
                .filter(b -> b.getText().equals(RackFileDialog.OPEN)).findFirst().orElseThrow());
        robot.clickOn(openButton);
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of(file), opened);
        assertArrayEquals(BAD_RACK, Files.readAllBytes(file));
    }
}
