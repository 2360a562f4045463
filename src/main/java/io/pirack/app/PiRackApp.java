package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import io.pirack.core.settings.Settings;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import io.pirack.core.plug.PlugState;
import io.pirack.plug.PlugActionEvent;
import io.pirack.plug.PlugListener;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.timeline.TimelineExport;
import io.pirack.timeline.TimelineService;
import io.pirack.ui.timeline.TimelinePng;
import io.pirack.ui.timeline.TimelineView;
import io.pirack.ui.timeline.TimelineViewModel;
import java.time.Duration;
import io.pirack.core.booth.KioskPin;
import io.pirack.ui.booth.BoothController;
import io.pirack.ui.booth.BoothView;
import io.pirack.ui.booth.BoothViewModel;
import io.pirack.ui.common.FramePublisher;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.plug.PlugCommands;
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
    /** Read by the frame builder thread too. */
    private volatile RackSpec rackSpec;
    private MainWindow window;
    private final StatusViewModel status = new StatusViewModel();
    private final RackTablesViewModel tables = new RackTablesViewModel();
    private ClusterSession session;
    private FramePublisher publisher;
    private PlugService plugs;
    private PlugCommands plugCommands;
    private TimelineService timeline;
    private final TimelineViewModel timelineModel = new TimelineViewModel();
    private TimelineView timelineView;
    private final ExecutorService recordingIo = Background.newPool("pirack-recording", 1);
    private final java.util.concurrent.ScheduledExecutorService ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pirack-timeline-tick");
        t.setDaemon(true);
        return t;
    });
    private Stage stage;
    private BoothController booth;
    private io.pirack.ssh.SshRemoteShell networkShell;
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
        settingsStore = SettingsJson.store(paths.settingsFile(), Clock.systemUTC());
        JsonFileStore.Loaded<Settings> loaded = settingsStore.loadForRewriting();
        settings = loaded.value().normalised();
        if (loaded.problem() != null) {
            status.noticeProperty().set(loaded.problem());
        }
        window = new MainWindow(status);
        window.addScreen(new MainWindow.Screen("rack", "Rack", this::rackScreen));
        window.addScreen(new MainWindow.Screen("timeline", "Timeline", () -> {
            timelineView = new TimelineView(timelineModel);
            return timelineView;
        }));
        window.addScreen(new MainWindow.Screen("network", "Network", this::networkScreen));
        window.addScreen(new MainWindow.Screen("tuning", "Tuning", tuning::view));
        BoothViewModel boothModel = new BoothViewModel(() -> plugs, () -> rackSpec, Clock.systemUTC(), new java.util.SplittableRandom(),
                () -> settings.booth().kioskPinHash(), who -> {
                    if (booth != null) {
                        booth.interaction();
                    }
                });
        booth = new BoothController(boothModel, this::audienceRack, () -> new TimelineView(timelineModel),
                () -> session, () -> plugs, () -> timeline, () -> rackSpec,
                () -> session == null ? FailoverSettings.kubernetesDefaults() : failoverSettings(session),
                screenIndex -> saveSettings(settings.withAudienceScreen(screenIndex)));
        boothModel.lockedProperty().addListener((o, was, locked) -> window.setLocked(locked, OPERATOR_ONLY));
        window.addScreen(new MainWindow.Screen("booth", "Booth", () -> new BoothView(booth, settings.booth().audienceScreen(), pin -> {
            saveSettings(settings.withKioskPinHash(KioskPin.hash(pin, new java.security.SecureRandom())));
            return "PIN set.";
        })));
        window.setOnScreenChanged(id -> saveSettings(settings.withLastView(id)));

        MenuItem rehearsal = new MenuItem("Use Rehearsal Rack");
        rehearsal.setOnAction(e -> connect(rehearsalSource()));
        MenuItem kubeconfig = new MenuItem("Connect to Cluster…");
        kubeconfig.setAccelerator(new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN));
        kubeconfig.setOnAction(e -> chooseCluster(stage));
        MenuItem quit = new MenuItem("Quit PiRack");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> Platform.exit());
        MenuItem replayItem = new MenuItem("Replay Recording…");
        replayItem.setOnAction(e -> chooseReplay(stage));
        MenuItem live = new MenuItem("Back to Live Cluster");
        live.setOnAction(e -> stopReplay());
        window.addFileItem(replayItem);
        window.addFileItem(live);
        MenuItem export = new MenuItem("Export Timeline…");
        export.setAccelerator(new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN));
        export.setOnAction(e -> exportTimeline(stage));
        window.addFileItem(rehearsal);
        window.addFileItem(kubeconfig);
        window.addFileItem(export);
        window.addFileItem(quit);
        ticker.scheduleWithFixedDelay(() -> {
            TimelineService current = timeline;
            if (current != null) {
                current.tick();
            }
            Platform.runLater(booth::watchdog);
        }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);

        plugCommands = new PlugCommands(() -> plugs, () -> settings.operator().confirmPulls(),
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
        window.select(settings.operator().lastView());
        stage.show();
        connect(initialSource());
        LaunchOptions options = launchOptions;
        if (options.kiosk()) {
            boothModel.visitorModeProperty().set(options.visitor());
            booth.openAudience(options.screen() >= 0 ? options.screen() : Math.max(0, settings.booth().audienceScreen()));
            if (settings.booth().kioskPinHash() != null) {
                boothModel.lock();
            }
        } else if (options.visitor()) {
            boothModel.visitorModeProperty().set(true);
        }
        if (options.attractMinutes() > 0) {
            // The loop needs a live session; it starts once the first one is attached.
            pendingAttractMinutes = options.attractMinutes();
        }
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
        Settings.Cluster saved = settings.cluster();
        if (saved.source() == Settings.Source.KUBECONFIG) {
            Path file = saved.kubeconfig() != null ? Path.of(saved.kubeconfig()) : ClusterConnection.defaultKubeconfig();
            return new ClusterSession.Kubeconfig(file, saved.context(), realRack());
        }
        return rehearsalSource();
    }

    private ClusterSession.Source rehearsalSource() {
        SimTimings timings = SimTimings.byName(settings.rehearsal().preset().id()).orElse(SimTimings.demoTuned());
        return new ClusterSession.Rehearsal(rehearsalRackStore().load().value(), timings, settings.rehearsal().timeScale());
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
                if (stopping) {
                    return;
                }
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
        if (stopping) {
            // The app was closed while this session was starting: nothing will show it.
            opened.close();
            return;
        }
        ClusterSession previous = session;
        FramePublisher previousPublisher = publisher;
        PlugService previousPlugs = plugs;
        session = opened;
        rackSpec = opened.source() instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) opened.source()).rack();
        plugs = new PlugService(opened, () -> rackSpec, FxPrompts.hostKeys(() -> stage), FxPrompts.passphrases(() -> stage));
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
        TimelineService previousTimeline = timeline;
        timeline = TimelineService.recording(failoverSettings(opened), opened.clock(), paths.recordingsDir(), recordingIo);
        TimelineService currentTimeline = timeline;
        Drill.connect(opened, current, currentTimeline);
        currentTimeline.listener().tuningApplied(failoverSettings(opened), opened.clock().instant());
        if (previousTimeline != null) {
            previousTimeline.close();
        }
        publisher.subscribe(frame -> {
            if (replay == null) {
                showFrame(frame, currentTimeline.snapshot());
            }
        });
        if (pendingAttractMinutes > 0) {
            booth.startAttract(pendingAttractMinutes);
            pendingAttractMinutes = 0;
        }
        rackSpecStore = opened.source() instanceof ClusterSession.Rehearsal ? rehearsalRackStore() : realRackStore();
        if (replay == null) {
            rebindRackViews(previousPublisher, publisher);
        }
        opened.start();
        window.setBusy("");
        if (opened.source() instanceof ClusterSession.Kubeconfig k) {
            saveSettings(settings.withCluster(Settings.Cluster.kubeconfig(k.file().toString(), k.context())));
        } else {
            saveSettings(settings.withCluster(settings.cluster().onRehearsalRack()));
        }
        if (previous != null) {
            previousPublisher.close();
            background.execute(() -> {
                previousPlugs.close();
                previous.close();
            });
        }
    }

    private ReplaySession replay;
    private FramePublisher replayPublisher;

    /** Everything that shows cluster state gets the same frame, live or replayed. */
    private void showFrame(io.pirack.core.rack.RackFrame frame, io.pirack.core.timeline.TimelineSnapshot timelineSnapshot) {
        status.show(frame);
        tables.show(frame);
        timelineModel.show(timelineSnapshot);
        booth.model().show(frame, timelineSnapshot);
        // The Tuning screen compares its prediction with the latest measured failover (pull → pods moving).
        timelineSnapshot.runs().stream().filter(r -> r.firstEviction() != null)
                .max(java.util.Comparator.comparing(io.pirack.core.timeline.FailoverRun::start))
                .ifPresent(r -> {
                    Duration measured = r.timeTo(r.firstEviction());
                    if (!measured.equals(tuning.viewModel().measuredFailoverProperty().get())) {
                        tuning.viewModel().measuredFailoverProperty().set(measured);
                    }
                });
    }

    /** Plays a recording into the rack and timeline views instead of the live cluster. */
    private void chooseReplay(Stage owner) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle("Choose a recording folder");
        if (Files.isDirectory(paths.recordingsDir())) {
            chooser.setInitialDirectory(paths.recordingsDir().toFile());
        }
        File folder = chooser.showDialog(owner);
        if (folder == null) {
            return;
        }
        ChoiceDialog<String> speed = new ChoiceDialog<>("1×", List.of("1×", "2×", "4×"));
        speed.setHeaderText("Replay speed");
        Optional<String> chosen = speed.showAndWait();
        if (chosen.isEmpty()) {
            return;
        }
        int factor = Integer.parseInt(chosen.get().substring(0, 1));
        window.setBusy("Reading the recording…");
        background.execute(() -> {
            try {
                var entries = io.pirack.timeline.RecordingReader.readFolder(folder.toPath());
                ReplaySession session = new ReplaySession(entries, folder.getName(), FailoverSettings.kubernetesDefaults());
                Platform.runLater(() -> startReplay(session, factor));
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    window.setBusy("");
                    status.noticeProperty().set("Cannot replay " + folder + ": " + e.getMessage());
                });
            }
        });
    }

    private void startReplay(ReplaySession session, int speed) {
        stopReplay();
        replay = session;
        replayPublisher = new FramePublisher(session.store(), session.links(), () -> rackSpec, session::plugWords, Platform::runLater);
        replayPublisher.subscribe(frame -> showFrame(frame, session.timeline().snapshot()));
        rebindRackViews(publisher, replayPublisher);
        session.play(speed);
        window.setBusy("");
        status.noticeProperty().set("Replaying a recording at " + speed + "× — File → Back to Live Cluster returns.");
    }

    private void stopReplay() {
        if (replay != null) {
            rebindRackViews(replayPublisher, publisher);
            replayPublisher.close();
            replay.close();
            replay = null;
            replayPublisher = null;
            status.noticeProperty().set("");
            if (publisher != null) {
                publisher.signal();
            }
        }
    }

    /** Screens that kiosk mode locks behind the PIN. */
    private static final java.util.Set<String> OPERATOR_ONLY = java.util.Set.of("network", "tuning");
    private int pendingAttractMinutes;
    private volatile boolean stopping;

    /** For tests: the current session's plug service. */
    public PlugService plugs() {
        return plugs;
    }

    /** For tests: the booth's controller. */
    public BoothController booth() {
        return booth;
    }

    private static FailoverSettings failoverSettings(ClusterSession session) {
        if (session.source() instanceof ClusterSession.Rehearsal r) {
            SimTimings t = r.timings();
            return t.failoverSettings(Duration.ofMinutes(10));
        }
        return FailoverSettings.kubernetesDefaults();
    }

    /** JSON, CSV or PNG by the chosen file's extension; written off the FX thread, all or nothing. */
    private void exportTimeline(Stage owner) {
        TimelineService current = timeline;
        if (current == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the timeline");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"), new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("pirack-timeline.json");
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return;
        }
        Path target = file.toPath();
        String name = target.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        java.awt.image.BufferedImage picture = name.endsWith(".png") && timelineView != null ? timelineView.capture() : null;
        var snapshot = current.snapshot();
        background.execute(() -> {
            try {
                if (picture != null) {
                    TimelinePng.write(picture, target);
                } else if (name.endsWith(".csv")) {
                    TimelineExport.write(target, TimelineExport.timelineCsv(snapshot.markers()));
                } else {
                    TimelineExport.write(target, TimelineExport.timelineJson(snapshot.markers(), snapshot.runs()));
                }
            } catch (IOException e) {
                Platform.runLater(() -> status.noticeProperty().set("Could not export to " + target + ": " + e.getMessage()));
            }
        });
    }

    // ---- Rack screen: the drawn rack over the tables; reordering is saved to the rack file. ----

    private RackView rackView;
    private JsonFileStore<RackSpec> rackSpecStore;

    private JsonFileStore<RackSpec> rehearsalRackStore() {
        return RackFiles.store(paths.dataDir().resolve("rehearsal-rack.json"),
                () -> RackSpec.rehearsal(settings.rehearsal().pis()), Clock.systemUTC());
    }

    private JsonFileStore<RackSpec> realRackStore() {
        return RackFiles.store(paths.rackFile(), RackSpec::empty, Clock.systemUTC());
    }

    private SplitPane rackScreen() {
        rackView = new RackView(operatorPlugs(), this::saveRackOrder);
        rackView.setHideSystemPods(settings.operator().hideSystemPods());
        follow(rackView);
        SplitPane split = new SplitPane(rackView, new RackTablesView(tables));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        return split;
    }

    /** The rack's per-layer buttons go through the same guarded commands as the keyboard shortcuts. */
    private PlugActions operatorPlugs() {
        return new PlugActions() {
            @Override
            public void pull(String node) {
                plugCommands.pull(node);
            }

            @Override
            public void restore(String node) {
                plugCommands.restore(node);
            }

            @Override
            public boolean canPull(String node) {
                return replay == null && plugCommands.canPull(node);
            }

            @Override
            public boolean isPulled(String node) {
                return plugCommands.isUnplugged(node);
            }
        };
    }

    /** Every drawn rack follows whichever publisher is shown: live or replay. */
    private final List<RackView> rackViews = new java.util.ArrayList<>();

    private void follow(RackView view) {
        rackViews.add(view);
        FramePublisher shown = replayPublisher != null ? replayPublisher : publisher;
        if (shown != null) {
            view.bind(shown);
        }
    }

    private void rebindRackViews(FramePublisher from, FramePublisher to) {
        for (RackView view : rackViews) {
            if (from != null) {
                view.unbind(from);
            }
            if (to != null) {
                view.bind(to);
            }
        }
    }

    /** The audience window's rack: the visitor acts through the booth's own button, not per layer. */
    private RackView audienceRack() {
        RackView view = new RackView(PlugActions.lookOnly(node -> false, plugCommands::isUnplugged), spec -> { });
        view.setHideSystemPods(true);
        follow(view);
        return view;
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
        if (stopping) {
            return;
        }
        background.execute(() -> {
            try {
                settingsStore.save(updated);
            } catch (IOException e) {
                LOG.warn("could not save settings to {}: {}", settingsStore.file(), e.getMessage());
            }
        });
    }

    /** The Network screen, built on first visit with its own SSH client (closed in {@link #stop()}). */
    private javafx.scene.Node networkScreen() {
        networkShell = io.pirack.ssh.SshRemoteShell.forHome(Path.of(System.getProperty("user.home")),
                FxPrompts.hostKeys(() -> stage), FxPrompts.passphrases(() -> stage));
        io.pirack.net.BoothNetwork network = io.pirack.net.BoothNetwork.forThisMachine(Optional.of(networkShell), Clock.systemUTC());
        JsonFileStore<RackSpec> rackStore = RackFiles.store(paths.rackFile(), this::realRack, Clock.systemUTC());
        io.pirack.ui.network.NetworkViewModel model = new io.pirack.ui.network.NetworkViewModel(network,
                io.pirack.ui.network.NetworkViewModel.Source.thisMachine(network), this::realRack,
                rack -> background.execute(() -> {
                    try {
                        rackStore.save(rack);
                    } catch (IOException e) {
                        LOG.warn("could not save the rack to {}: {}", rackStore.file(), e.getMessage());
                    }
                }), background, Platform::runLater);
        model.rerun();
        return new io.pirack.ui.network.NetworkView(model);
    }

    /** Test and CLI access to what the app shows. */
    public FramePublisher publisher() {
        return publisher;
    }

    @Override
    public void stop() {
        stopping = true;
        if (networkShell != null) {
            networkShell.close();
        }
        tuning.close();
        if (publisher != null) {
            publisher.close();
        }
        ticker.shutdownNow();
        booth.close();
        stopReplay();
        if (timeline != null) {
            timeline.close();
        }
        if (plugs != null) {
            plugs.close();
        }
        if (session != null) {
            session.close();
        }
        recordingIo.shutdown();
        background.shutdown();
    }
}
