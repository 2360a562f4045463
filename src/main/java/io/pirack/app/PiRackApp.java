package io.pirack.app;

import io.pirack.concurrent.Background;
import io.pirack.app.booth.BoothController;
import io.pirack.core.booth.KioskLock;
import io.pirack.ui.plug.PlugCommands;
import io.pirack.ui.rack.RackView;
import io.pirack.ui.shell.MainWindow;
import io.pirack.ui.shell.StatusViewModel;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: wires the parts by hand (constructors, no DI framework) and runs their
 * lifecycle. {@link SessionHolder} owns the connection, {@link ShownFrames} what every screen shows
 * (live or replay), the {@code *Screen} classes one screen each, {@link AppMenus} the commands.
 */
public final class PiRackApp extends Application {

    private static volatile LaunchOptions launchOptions = LaunchOptions.defaults();
    /** The first connection, opening since before JavaFX started; null when started without {@link #launchWith}. */
    private static volatile EarlyStart early;

    private final ExecutorService background = Background.newPool("pirack-background", 2);
    private final ScheduledExecutorService ticker = Background.timer("pirack-timeline-tick");
    private final StatusViewModel status = new StatusViewModel();
    private final ShownFrames frames = new ShownFrames();
    private AppSettings settings;
    private SessionHolder sessions;
    private Replay replay;
    private RackScreen rack;
    private TuningScreen tuning;
    private NetworkScreen network;
    private BoothScreen booth;
    private OperatorWindow operatorWindow;

    public static void launchWith(LaunchOptions options) {
        launchOptions = options;
        RenderingPipeline.chooseBeforeToolkitStarts();
        PulseRate.chooseBeforeToolkitStarts();
        early = EarlyStart.begin(options);
        Application.launch(PiRackApp.class);
    }

    /** For tests that start the app through TestFX rather than {@link #launchWith}. */
    public static void setLaunchOptions(LaunchOptions options) {
        launchOptions = options;
    }

    @Override
    public void start(Stage stage) {
        StartupMarks.stepIfAsked("start-entered");
        PulseRate.pauseWhenIdle();
        AppPaths paths = AppPaths.detect();
        settings = AppSettings.load(paths, background, status.noticeProperty()::set);
        MainWindow window = new MainWindow(status);
        sessions = new SessionHolder(paths, settings, frames, window, status, background, () -> stage);
        replay = new Replay(paths, frames, sessions, window, status, background);
        frames.subscribe(status::show);
        KioskLock kiosk = new KioskLock(() -> settings.get().booth().kioskPinHash(), java.time.Clock.systemUTC());
        SessionPlugBackend plugs = new SessionPlugBackend(sessions::plugs);
        PlugCommands plugCommands = new PlugCommands(plugs, kiosk::isLocked, () -> settings.get().operator().confirmPulls(),
                ask -> settings.update(s -> s.withConfirmPulls(ask)), () -> stage, status.noticeProperty()::set);
        rack = new RackScreen(frames, plugCommands, replay::active, sessions::saveRackOrder, settings.get().operator().hideSystemPods());
        TimelineScreen timeline = new TimelineScreen(frames, sessions::timeline, background, status);
        tuning = new TuningScreen(sessions.sessionProperty(), frames, background, () -> stage);
        network = new NetworkScreen(paths, sessions, background, () -> stage);
        booth = new BoothScreen(sessions, frames, settings, rack, timeline, window, kiosk, plugs, background, stage);

        window.addScreen(new MainWindow.Screen("rack", "Rack", rack::view));
        window.addScreen(new MainWindow.Screen("timeline", "Timeline", timeline::view));
        window.addScreen(new MainWindow.Screen("network", "Network", network::view));
        window.addScreen(new MainWindow.Screen("tuning", "Tuning", tuning::view));
        window.addScreen(new MainWindow.Screen("booth", "Booth", booth::view));
        window.setOnScreenChanged(id -> settings.update(s -> s.withLastView(id)));
        AppMenus menus = new AppMenus(window, stage, status, sessions, replay, timeline, plugCommands);
        menus.refuseWhile(kiosk::isLocked);
        menus.recordings(new RecordingsScreen(paths.recordingsDir(),
                () -> Optional.ofNullable(sessions.timeline()).flatMap(t -> t.recordingFolder()),
                DesktopOpen.opener(), background, kiosk::isLocked));
        menus.install();
        sessions.onRackFileProblem((file, problems) -> Platform.runLater(
                () -> RackFileDialog.show(stage, file, problems, DesktopOpen.opener(), status.noticeProperty()::set)));
        ticker.scheduleWithFixedDelay(() -> {
            sessions.tick();
            if (booth.showRunning()) {
                Platform.runLater(booth::watchdog);
            }
        }, 1, 1, TimeUnit.SECONDS);

        stage.setTitle("PiRack");
        stage.setScene(window.createScene(1280, 800));
        menus.installSlotAccelerators(stage.getScene());
        StartupMarks.installIfAsked(stage.getScene(), frames);
        LatencyStamps.installIfAsked(stage.getScene());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        // While the kiosk lock is on, the window cannot be closed either (⌘Q is refused in AppMenus).
        stage.setOnCloseRequest(e -> {
            if (kiosk.isLocked()) {
                e.consume();
                status.noticeProperty().set(AppMenus.LOCKED);
            }
        });
        window.select(settings.get().operator().lastView());
        operatorWindow = OperatorWindow.place(stage, settings, OperatorWindow::screens);
        stage.show();
        StartupMarks.stepIfAsked("shown");
        EarlyStart boot = early;
        if (boot != null) {
            NextLayout.run(stage.getScene(), () -> boot.firstPulse().complete(null));
            AfterLiveFrame.install(stage.getScene(), frames, boot.livePulse());
        }
        early = null;
        // The early thread has read the files by now, or is about to (null if it failed: read them here).
        EarlyStart.Choice chosen = boot == null ? null : boot.choice().exceptionally(e -> null).join();
        if (chosen == null) {
            sessions.connect(sessions.initialSource(launchOptions));
        } else {
            if (!chosen.notices().isEmpty()) {
                sessions.realRack(); // read on the early thread: now say it, with the rack file dialog
            }
            sessions.connect(chosen.source(), boot.opening());
        }
        booth.apply(launchOptions);
    }

    /** For tests: the current session's plug service. */
    public PlugService plugs() {
        return sessions.plugs();
    }

    /** For tests: the booth's controller. */
    public BoothController booth() {
        return booth.controller();
    }

    /** Test access to the drawn rack (null until the Rack screen was first shown). */
    public RackView rackView() {
        return rack.rackView();
    }

    @Override
    public void stop() {
        sessions.stopping();
        if (operatorWindow != null) {
            operatorWindow.remember();
        }
        settings.stop();
        network.close();
        tuning.close();
        ticker.shutdownNow();
        booth.close();
        replay.close();
        sessions.close();
        background.shutdown();
    }
}
