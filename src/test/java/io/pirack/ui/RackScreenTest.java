package io.pirack.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pirack.app.JsonFileStore;
import io.pirack.app.LaunchOptions;
import io.pirack.app.PiRackApp;
import io.pirack.testing.Fx;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.rack.RackView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The Rack screen shows the drawn rack over the tables, and a reordered stack is saved. */
class RackScreenTest {

    @TempDir
    Path home;
    private PiRackApp app;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("pirack.home", home.toString());
        PiRackApp.setLaunchOptions(new LaunchOptions(true, null, null, false, -1, false, 0));
        FxToolkit.registerPrimaryStage();
        app = (PiRackApp) FxToolkit.setupApplication(PiRackApp.class);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("pirack.home");
    }

    @Test
    void reorderingTheStackIsSavedToTheRehearsalRackFile() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> app.rackView() != null && app.rackView().layerOrder().size() == 4);
        RackView view = app.rackView();
        assertNotNull(view.lookup(".pi-layer"), "the drawn rack is on the Rack screen");
        Fx.runOnFx(() -> view.moveLayer(3, 0));
        Path file = home.resolve("rehearsal-rack.json");
        List<String> expected = List.of("rpi4", "rpi1", "rpi2", "rpi3");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(file) && order(file).equals(expected));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.layerOrder().equals(expected));
        assertEquals(expected, order(file));
    }

    private static List<String> order(Path file) {
        RackSpec saved = new JsonFileStore<>(file, RackSpec.class, () -> null, Clock.systemUTC()).load().value();
        return saved == null ? List.of() : saved.slots().stream().map(PiSlot::hostname).toList();
    }
}
