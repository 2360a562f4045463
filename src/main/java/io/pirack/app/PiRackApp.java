package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import io.pirack.core.settings.Settings;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import io.pirack.ui.common.FramePublisher;
import io.pirack.ui.common.PlaceholderView;
import io.pirack.ui.rack.PlugActions;
import io.pirack.ui.rack.RackTablesView;
import io.pirack.ui.rack.RackView;
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
import javafx.geometry.Orientation;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
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
        paths = AppPaths.detect();
        settingsStore = new JsonFileStore<>(paths.settingsFile(), Settings.class, Settings::defaults, Clock.systemUTC());
        JsonFileStore.Loaded<Settings> loaded = settingsStore.load();
        settings = loaded.value().normalised();
        if (loaded.problem() != null) {
            status.noticeProperty().set(loaded.problem());
        }
        window = new MainWindow(status);
        window.addScreen(new MainWindow.Screen("rack", "Rack", this::rackScreen));
        window.addScreen(new MainWindow.Screen("timeline", "Timeline", () -> new PlaceholderView("Failover timeline",
                "Lanes per Pi with the plug pull, lost link, last heartbeat, NotReady, taints, evictions and rescheduled "
                        + "pods, with timings, recording and replay.")));
        window.addScreen(new MainWindow.Screen("network", "Network", () -> new PlaceholderView("Booth network",
                "Internet Sharing checks, static IPs through /etc/bootptab and Pi discovery.")));
        window.addScreen(new MainWindow.Screen("tuning", "Tuning", () -> new PlaceholderView("Demo readiness",
                "Failure-detection settings, predicted failover time, image pre-pull and the preflight checklist.")));
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

        stage.setTitle("PiRack");
        stage.setScene(window.createScene(1280, 800));
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
        return new ClusterSession.Rehearsal(rehearsalRackStore().load().value(), timings, settings.simTimeScale());
    }

    private RackSpec realRack() {
        JsonFileStore.Loaded<RackSpec> loaded = realRackStore().load();
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
        session = opened;
        rackSpec = opened.source() instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) opened.source()).rack();
        publisher = new FramePublisher(opened.store(), opened.links(), () -> rackSpec, Map::of, Platform::runLater);
        publisher.subscribe(frame -> {
            status.show(frame);
            tables.show(frame);
        });
        rackSpecStore = opened.source() instanceof ClusterSession.Rehearsal ? rehearsalRackStore() : realRackStore();
        if (rackView != null) {
            rackView.bind(publisher);
        }
        opened.start();
        window.setBusy("");
        if (opened.source() instanceof ClusterSession.Kubeconfig k) {
            saveSettings(settings.withSource(Settings.SOURCE_KUBECONFIG, k.file().toString(), k.context()));
        } else {
            saveSettings(settings.withSource(Settings.SOURCE_SIM, settings.kubeconfig(), settings.context()));
        }
        if (previous != null) {
            previousPublisher.close();
            background.execute(previous::close);
        }
    }

    // ---- Rack screen: the drawn rack over the tables; reordering is saved to the rack file. ----

    private RackView rackView;
    private JsonFileStore<RackSpec> rackSpecStore;

    private JsonFileStore<RackSpec> rehearsalRackStore() {
        return new JsonFileStore<>(paths.dataDir().resolve("rehearsal-rack.json"), RackSpec.class,
                () -> RackSpec.rehearsal(settings.simPis()), Clock.systemUTC());
    }

    private JsonFileStore<RackSpec> realRackStore() {
        return new JsonFileStore<>(paths.rackFile(), RackSpec.class,
                () -> new RackSpec("My rack", List.of(), "192.168.2.0/24", io.pirack.core.rack.PlugMethod.STOP_AGENT, null,
                        RackSpec.DEFAULT_DEAD_MAN_SECONDS), Clock.systemUTC());
    }

    private SplitPane rackScreen() {
        rackView = new RackView(rehearsalPlugs(), this::saveRackOrder);
        rackView.setHideSystemPods(settings.hideSystemPods());
        if (publisher != null) {
            rackView.bind(publisher);
        }
        SplitPane split = new SplitPane(rackView, new RackTablesView(tables));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        return split;
    }

    /** The rehearsal rack's power switch; the lead replaces this with the plug controller. */
    private PlugActions rehearsalPlugs() {
        return new PlugActions() {
            @Override
            public void pull(String node) {
                rehearsal().ifPresent(r -> background.execute(() -> r.unplug(node)));
            }

            @Override
            public void restore(String node) {
                rehearsal().ifPresent(r -> background.execute(() -> r.plugIn(node)));
            }

            @Override
            public boolean canPull(String node) {
                return rehearsal().map(r -> r.isPowered(node)).orElse(false);
            }

            @Override
            public boolean isPulled(String node) {
                return rehearsal().map(r -> r.hasNode(node) && !r.isPowered(node)).orElse(false);
            }

            private Optional<io.pirack.sim.RehearsalRack> rehearsal() {
                return session == null ? Optional.empty() : session.rehearsal();
            }
        };
    }

    private void saveRackOrder(RackSpec reordered) {
        rackSpec = reordered;
        JsonFileStore<RackSpec> store = rackSpecStore;
        if (publisher != null) {
            publisher.signal();
        }
        if (store == null) {
            return;
        }
        background.execute(() -> {
            try {
                store.save(reordered);
            } catch (IOException e) {
                LOG.warn("could not save the rack order to {}: {}", store.file(), e.getMessage());
                Platform.runLater(() -> status.noticeProperty().set("Could not save the rack order: " + e.getMessage()));
            }
        });
    }

    /** Test access to the drawn rack (null until the Rack screen was first shown). */
    public RackView rackView() {
        return rackView;
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
        if (publisher != null) {
            publisher.close();
        }
        if (session != null) {
            session.close();
        }
        background.shutdown();
    }
}
