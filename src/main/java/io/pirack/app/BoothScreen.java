package io.pirack.app;

import io.pirack.app.booth.BoothController;
import io.pirack.core.booth.KioskLock;
import io.pirack.ui.booth.AudienceWindow;
import io.pirack.ui.booth.BoothView;
import io.pirack.ui.booth.BoothViewModel;
import io.pirack.ui.booth.KioskPinDialog;
import io.pirack.ui.plug.PlugBackend;
import io.pirack.ui.shell.MainWindow;
import java.time.Clock;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.stage.Stage;

/**
 * The Booth screen and the show it runs (audience window, attract loop, rebalance, watchdog),
 * wired to the current session. The kiosk lock hides the operator-only screens and refuses every
 * operator action (see {@link KioskLock}) until the PIN.
 */
public final class BoothScreen implements AutoCloseable {

    /** Screens that kiosk mode locks behind the PIN. */
    private static final Set<String> OPERATOR_ONLY = Set.of("network", "tuning");

    private final AppSettings settings;
    private final BoothViewModel model;
    private final BoothController booth;
    private final Stage stage;
    /**
     * The model follows the frames only while the Booth screen or the audience window shows, or a
     * visitor's pull is being seen through (issue 20).
     */
    private final OnScreenFeed feed;
    private int pendingAttractMinutes;

    public BoothScreen(SessionHolder sessions, ShownFrames frames, AppSettings settings, RackScreen rack, TimelineScreen timeline,
                       MainWindow window, KioskLock kiosk, PlugBackend plugs, Executor background, Stage stage) {
        this.settings = settings;
        this.stage = stage;
        BoothController[] controller = new BoothController[1];
        model = new BoothViewModel(plugs, sessions::rackSpec, Clock.systemUTC(), new SplittableRandom(), kiosk,
                hash -> settings.update(s -> s.withKioskPinHash(hash)), who -> interaction(),
                () -> controller[0].rebalance());
        feed = new OnScreenFeed(frames, frame -> model.show(frame, frames.timeline()), model::needsFramesUnseen);
        booth = new BoothController(model, rack::audienceRack, () -> feed.whileShown(timeline.audienceRunSummary()),
                new BoothController.Sessions(sessions::cluster, sessions::plugs, sessions::timeline, sessions::rackSpec,
                        sessions::failoverSettings),
                screenIndex -> settings.update(s -> s.withAudienceScreen(screenIndex)), background, () -> {
                    stage.show();
                    stage.toFront();
                    stage.requestFocus();
                });
        controller[0] = booth;
        model.kiosk().lockedProperty().addListener((o, was, locked) -> window.setLocked(locked, OPERATOR_ONLY));
        // The attract loop needs a live session; it starts once the first one is attached.
        sessions.sessionProperty().addListener((o, was, now) -> {
            if (now != null && pendingAttractMinutes > 0) {
                booth.startAttractForTheShow(pendingAttractMinutes);
                pendingAttractMinutes = 0;
            }
        });
    }

    /** The screen; MainWindow calls it on the first visit. */
    public Node view() {
        return feed.whileShown(new BoothView(model, booth, settings.get().booth().audienceScreen()));
    }

    /** Kiosk, visitor and attract options from the command line. */
    public void apply(LaunchOptions options) {
        if (options.kiosk()) {
            model.visitor().startShown(options.visitor());
            booth.openAudienceForTheShow(options.screen() >= 0 ? options.screen() : Math.max(0, settings.get().booth().audienceScreen()));
            if (model.kiosk().hasPin()) {
                model.kiosk().lock();
            } else {
                // Without a PIN nobody could ever close the show: ask for one, or for an explicit "no PIN".
                KioskPinDialog.askForNewPin(stage, pin -> {
                    String said = model.kiosk().setPin("", pin);
                    if ("PIN set.".equals(said)) {
                        model.kiosk().lock();
                    }
                    return said;
                }, model.kiosk()::allowExitWithoutPin, questionArea());
            }
        } else if (options.visitor()) {
            model.visitor().startShown(true);
        }
        if (options.attractMinutes() > 0) {
            pendingAttractMinutes = options.attractMinutes();
        }
    }

    /**
     * Where the "no PIN yet" question may go: on the operator's own screen, centred on its window; when
     * the audience window covers that screen (a single screen), into the audience window's empty space.
     */
    private ObservableValue<Rectangle2D> questionArea() {
        AudienceWindow audience = booth.audience();
        return audience != null && audience.covers(stage) ? audience.quietArea() : null;
    }

    /** Someone touched the booth: the attract loop waits. */
    private void interaction() {
        if (booth != null) {
            booth.interaction();
        }
    }

    /** Called once a second on the FX thread. */
    public void watchdog() {
        booth.watchdog();
    }

    /** See {@link BoothController#showRunning()}: any thread. */
    public boolean showRunning() {
        return booth.showRunning();
    }

    public BoothController controller() {
        return booth;
    }

    @Override
    public void close() {
        booth.close();
    }
}
