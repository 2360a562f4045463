package io.pirack.testing;

import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The whole app, headless (Monocle), on the rehearsal rack with its own empty app-data folder.
 * Register with {@code @RegisterExtension final AppUnderTest running = new AppUnderTest();}; it
 * starts before the test's {@code @BeforeEach} methods and stops after its {@code @AfterEach}.
 */
public final class AppUnderTest implements BeforeEachCallback, AfterEachCallback {

    private final LaunchOptions options;
    private Path home;
    private PiRackApp app;

    /** On the rehearsal rack, as {@code pirack --sim}. */
    public AppUnderTest() {
        this(new LaunchOptions(true, null, null, false, -1, false, 0));
    }

    /** With these command-line options (e.g. {@code --sim --kiosk --visitor}). */
    public AppUnderTest(LaunchOptions options) {
        this.options = options;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("pirack-app-test");
        System.setProperty("pirack.home", home.toString());
        PiRackApp.setLaunchOptions(options);
        FxToolkit.registerPrimaryStage();
        app = (PiRackApp) FxToolkit.setupApplication(PiRackApp.class);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("pirack.home");
    }

    public PiRackApp app() {
        return app;
    }

    /**
     * The rack screen's node table, once it is there: on a loaded machine the screen may be built a moment
     * after the window shows (seen once in a kiosk start, with the PIN question open).
     */
    public javafx.scene.control.TableView<?> nodeTable(org.testfx.api.FxRobot robot) throws java.util.concurrent.TimeoutException {
        org.testfx.util.WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#node-table").tryQuery().isPresent());
        return robot.lookup("#node-table").queryTableView();
    }

    /** The app-data folder ({@code -Dpirack.home}) of this run. */
    public Path home() {
        return home;
    }
}
