package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import io.pirack.core.settings.Settings;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import io.pirack.core.plug.PlugState;
import io.pirack.plug.PlugActionEvent;
import io.pirack.plug.PlugListener;
import io.pirack.ui.common.FramePublisher;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.plug.PlugCommands;
import io.pirack.ui.common.PlaceholderView;
import io.pirack.ui.rack.RackTablesView;
import io.pirack.ui.rack.RackTablesViewModel;
import io.pirack.ui.shell.MainWindow;
import io.pirack.ui.shell.StatusViewModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. Wiring is by hand (constructors, no DI framework): settings, the
 * cluster session (started off the FX thread), the frame publisher and the screens.
 */
public final class PiRackApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(PiRackApp.class);
    private static volatile LaunchOptions launchOptions = LaunchOptions.defaults();

    private final ExecutorService background = Background.newPool("pirack-background", 2);
    private AppPaths paths;
    private JsonFileStore<Settings> settingsStore;
    private Settings settings;
    private RackSpec rackSpec;
    private MainWindow window;
    private final StatusViewModel status = new StatusViewModel();
    private final RackTablesViewModel tables = new RackTablesViewModel();
    private ClusterSession session;
    private FramePublisher publisher;
    private PlugService plugs;
    private PlugCommands plugCommands;
    private Stage stage;
    private final TuningScreen tuning = new TuningScreen(() -> session, background, () -> stage);

    public static void launchWith(LaunchOptions options) {
        launchOptions = options;
        Application.launch(PiRackApp.class);
    }

    /** For tests that start the app through TestFX rather than {@link #launchWith}. */
    public static void setLaunchOptions(LaunchOptions options) {
        launchOptions = options;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        paths = AppPaths.detect();
        settingsStore = new JsonFileStore<>(paths.settingsFile(), Settings.class, Settings::defaults, Clock.systemUTC());
        JsonFileStore.Loaded<Settings> loaded = settingsStore.load();
        settings = loaded.value().normalised();
        if (loaded.problem() != null) {
            status.noticeProperty().set(loaded.problem());
        }
        window = new MainWindow(status);
        window.addScreen(new MainWindow.Screen("rack", "Rack", () -> new RackTablesView(tables)));
        window.addScreen(new MainWindow.Screen("timeline", "Timeline", () -> new PlaceholderView("Failover timeline",
                "Lanes per Pi with the plug pull, lost link, last heartbeat, NotReady, taints, evictions and rescheduled "
                        + "pods, with timings, recording and replay.")));
        window.addScreen(new MainWindow.Screen("network", "Network", () -> new PlaceholderView("Booth network",
                "Internet Sharing checks, static IPs through /etc/bootptab and Pi discovery.")));
        window.addScreen(new MainWindow.Screen("tuning", "Tuning", tuning::view));
        window.addScreen(new MainWindow.Screen("booth", "Booth", () -> new PlaceholderView("Booth mode",
                "Audience window, kiosk lock, visitor button and attract loop.")));
        window.setOnScreenChanged(id -> saveSettings(settings.withLastView(id)));

        MenuItem rehearsal = new MenuItem("Use Rehearsal Rack");
        rehearsal.setOnAction(e -> connect(rehearsalSource()));
        MenuItem kubeconfig = new MenuItem("Connect to Cluster…");
        kubeconfig.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        kubeconfig.setOnAction(e -> chooseCluster(stage));
        MenuItem quit = new MenuItem("Quit PiRack");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        window.addFileItem(rehearsal);
        window.addFileItem(kubeconfig);
        window.addFileItem(quit);

        plugCommands = new PlugCommands(() -> plugs, () -> settings.confirmPulls(),
                ask -> saveSettings(settings.withConfirmPulls(ask)), () -> stage, status.noticeProperty()::set);
        stage.setTitle("PiRack");
        stage.setScene(window.createScene(1280, 800));
        // ⇧⌘1…⇧⌘9 pull (or plug back in) the Pi in that slot, counted from the top of the stack.
        for (int slot = 1; slot <= 9; slot++) {
            int index = slot - 1;
            stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(slot)),
                    KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
                if (rackSpec != null && index < rackSpec.slots().size()) {
                    plugCommands.toggle(rackSpec.slots().get(index).hostname());
                }
            });
        }
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        window.select(settings.lastView());
        stage.show();
        connect(initialSource());
    }

    private ClusterSession.Source initialSource() {
        LaunchOptions options = launchOptions;
        if (options.sim()) {
            return rehearsalSource();
        }
        if (options.context() != null || options.kubeconfig() != null) {
            Path file = options.kubeconfig() != null ? options.kubeconfig() : ClusterConnection.defaultKubeconfig();
            return new ClusterSession.Kubeconfig(file, options.context(), realRack());
        }
        if (Settings.SOURCE_KUBECONFIG.equals(settings.source())) {
            Path file = settings.kubeconfig() != null ? Path.of(settings.kubeconfig()) : ClusterConnection.defaultKubeconfig();
            return new ClusterSession.Kubeconfig(file, settings.context(), realRack());
        }
        return rehearsalSource();
    }

    private ClusterSession.Source rehearsalSource() {
        SimTimings timings = SimTimings.byName(settings.simPreset()).orElse(SimTimings.demoTuned());
        JsonFileStore<RackSpec> store = new JsonFileStore<>(paths.dataDir().resolve("rehearsal-rack.json"), RackSpec.class,
                () -> RackSpec.rehearsal(settings.simPis()), Clock.systemUTC());
        return new ClusterSession.Rehearsal(store.load().value(), timings, settings.simTimeScale());
    }

    private RackSpec realRack() {
        JsonFileStore.Loaded<RackSpec> loaded = new JsonFileStore<>(paths.rackFile(), RackSpec.class,
                () -> new RackSpec("My rack", List.of(), "192.168.2.0/24", io.pirack.core.rack.PlugMethod.STOP_AGENT, null,
                        RackSpec.DEFAULT_DEAD_MAN_SECONDS), Clock.systemUTC()).load();
        if (loaded.problem() != null) {
            status.noticeProperty().set(loaded.problem());
        }
        return loaded.value();
    }

    private void chooseCluster(Stage owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Choose a kubeconfig");
        Path suggested = ClusterConnection.defaultKubeconfig();
        if (Files.isDirectory(suggested.getParent())) {
            chooser.setInitialDirectory(suggested.getParent().toFile());
        }
        File file = chooser.showOpenDialog(owner);
        if (file == null) {
            return;
        }
        try {
            ClusterConnection.Contexts contexts = ClusterConnection.contexts(file.toPath());
            ChoiceDialog<String> dialog = new ChoiceDialog<>(contexts.current(), contexts.names());
            dialog.setTitle("Choose a context");
            dialog.setHeaderText("Which cluster in " + file.getName() + "?");
            Optional<String> context = dialog.showAndWait();
            context.ifPresent(c -> connect(new ClusterSession.Kubeconfig(file.toPath(), c, realRack())));
        } catch (ClusterConnection.KubeconfigException e) {
            status.noticeProperty().set(e.getMessage());
        }
    }

    /** Opens a session off the FX thread with visible progress; the old one closes once the new one is up. */
    private void connect(ClusterSession.Source source) {
        window.setBusy(source instanceof ClusterSession.Rehearsal ? "Starting the rehearsal rack…" : "Connecting to " + source.describe() + "…");
        background.execute(() -> {
            try {
                ClusterSession opened = ClusterSession.open(source);
                Platform.runLater(() -> attach(opened));
            } catch (ClusterConnection.KubeconfigException | RuntimeException e) {
                LOG.warn("could not connect to {}: {}", source.describe(), e.getMessage());
                Platform.runLater(() -> {
                    window.setBusy("");
                    status.noticeProperty().set("Could not connect to " + source.describe() + ": " + e.getMessage());
                    if (session == null && !(source instanceof ClusterSession.Rehearsal)) {
                        connect(rehearsalSource());
                    }
                });
            }
        });
    }

    private void attach(ClusterSession opened) {
        ClusterSession previous = session;
        FramePublisher previousPublisher = publisher;
        PlugService previousPlugs = plugs;
        session = opened;
        rackSpec = opened.source() instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) opened.source()).rack();
        plugs = new PlugService(opened, () -> rackSpec, background, FxPrompts.hostKeys(() -> stage), FxPrompts.passphrases(() -> stage));
        PlugService current = plugs;
        publisher = new FramePublisher(opened.store(), opened.links(), () -> rackSpec, current::stateWords, Platform::runLater);
        FramePublisher currentPublisher = publisher;
        plugs.addListener(new PlugListener() {
            @Override
            public void plugStateChanged(String node, PlugState state) {
                currentPublisher.signal();
            }

            @Override
            public void plugAction(PlugActionEvent event) {
                currentPublisher.signal();
            }
        });
        plugs.refreshAll();
        publisher.subscribe(frame -> {
            status.show(frame);
            tables.show(frame);
        });
        opened.start();
        window.setBusy("");
        if (opened.source() instanceof ClusterSession.Kubeconfig k) {
            saveSettings(settings.withSource(Settings.SOURCE_KUBECONFIG, k.file().toString(), k.context()));
        } else {
            saveSettings(settings.withSource(Settings.SOURCE_SIM, settings.kubeconfig(), settings.context()));
        }
        if (previous != null) {
            previousPublisher.close();
            background.execute(() -> {
                previousPlugs.close();
                previous.close();
            });
        }
    }

    private void saveSettings(Settings updated) {
        settings = updated;
        background.execute(() -> {
            try {
                settingsStore.save(updated);
            } catch (IOException e) {
                LOG.warn("could not save settings to {}: {}", settingsStore.file(), e.getMessage());
            }
        });
    }

    /** Test and CLI access to what the app shows. */
    public FramePublisher publisher() {
        return publisher;
    }

    @Override
    public void stop() {
        tuning.close();
        if (publisher != null) {
            publisher.close();
        }
        if (plugs != null) {
            plugs.close();
        }
        if (session != null) {
            session.close();
        }
        background.shutdown();
    }
}
