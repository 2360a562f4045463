package io.pirack.app;

import io.pirack.core.booth.KioskPin;
import io.pirack.ui.booth.BoothController;
import io.pirack.ui.booth.BoothView;
import io.pirack.ui.booth.BoothViewModel;
import io.pirack.ui.shell.MainWindow;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import java.util.SplittableRandom;
import javafx.scene.Node;

/**
 * The Booth screen and the show it runs (audience window, attract loop, watchdog), wired to the
 * current session. Kiosk lock hides the operator-only screens behind the PIN.
 */
public final class BoothScreen implements AutoCloseable {

    /** Screens that kiosk mode locks behind the PIN. */
    private static final Set<String> OPERATOR_ONLY = Set.of("network", "tuning");

    private final AppSettings settings;
    private final BoothViewModel model;
    private final BoothController booth;
    private int pendingAttractMinutes;

    public BoothScreen(SessionHolder sessions, ShownFrames frames, AppSettings settings, RackScreen rack, TimelineScreen timeline,
                       MainWindow window) {
        this.settings = settings;
        model = new BoothViewModel(sessions::plugs, sessions::rackSpec, Clock.systemUTC(), new SplittableRandom(),
                () -> settings.get().booth().kioskPinHash(), who -> interaction());
        booth = new BoothController(model, rack::audienceRack, timeline::audienceView,
                sessions::cluster, sessions::plugs, sessions::timeline, sessions::rackSpec, sessions::failoverSettings,
                screenIndex -> settings.update(s -> s.withAudienceScreen(screenIndex)));
        model.lockedProperty().addListener((o, was, locked) -> window.setLocked(locked, OPERATOR_ONLY));
        frames.subscribe(frame -> model.show(frame, frames.timeline()));
        // The attract loop needs a live session; it starts once the first one is attached.
        sessions.sessionProperty().addListener((o, was, now) -> {
            if (now != null && pendingAttractMinutes > 0) {
                booth.startAttract(pendingAttractMinutes);
                pendingAttractMinutes = 0;
            }
        });
    }

    /** The screen; MainWindow calls it on the first visit. */
    public Node view() {
        return new BoothView(booth, settings.get().booth().audienceScreen(), pin -> {
            settings.update(s -> s.withKioskPinHash(KioskPin.hash(pin, new SecureRandom())));
            return "PIN set.";
        });
    }

    /** Kiosk, visitor and attract options from the command line. */
    public void apply(LaunchOptions options) {
        if (options.kiosk()) {
            model.visitorModeProperty().set(options.visitor());
            booth.openAudience(options.screen() >= 0 ? options.screen() : Math.max(0, settings.get().booth().audienceScreen()));
            if (settings.get().booth().kioskPinHash() != null) {
                model.lock();
            }
        } else if (options.visitor()) {
            model.visitorModeProperty().set(true);
        }
        if (options.attractMinutes() > 0) {
            pendingAttractMinutes = options.attractMinutes();
        }
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

    public BoothController controller() {
        return booth;
    }

    @Override
    public void close() {
        booth.close();
    }
}
