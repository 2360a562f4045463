package io.pirack.ui.booth;

import io.pirack.app.ClusterSession;
import io.pirack.app.PlugService;
import io.pirack.app.booth.AttractLoop;
import io.pirack.app.booth.KeepAwake;
import io.pirack.app.booth.UnplugWatchdog;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.timeline.TimelineService;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the show: the audience window, the attract loop, keeping the machine awake while either is
 * on, and the watchdog that plugs back in any Pi left unplugged too long.
 */
public final class BoothController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoothController.class);
    /** No Pi stays unplugged longer than this while the booth runs. */
    public static final Duration WATCHDOG_MAXIMUM = Duration.ofMinutes(10);

    private final BoothViewModel model;
    private final Supplier<Node> rackFactory;
    private final Supplier<Node> timelineFactory;
    private final Supplier<ClusterSession> session;
    private final Supplier<PlugService> plugs;
    private final Supplier<TimelineService> timeline;
    private final Supplier<RackSpec> rack;
    private final Supplier<FailoverSettings> settings;
    private final Consumer<Integer> rememberScreen;
    private final ReadOnlyStringWrapper attractStatus = new ReadOnlyStringWrapper("off");
    private final ReadOnlyBooleanWrapper attractRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper awakeStatus = new ReadOnlyStringWrapper("");
    private AudienceWindow audience;
    private AttractLoop attract;
    private KeepAwake keepAwake;

    public BoothController(BoothViewModel model, Supplier<Node> rackFactory, Supplier<Node> timelineFactory,
                           Supplier<ClusterSession> session, Supplier<PlugService> plugs, Supplier<TimelineService> timeline,
                           Supplier<RackSpec> rack, Supplier<FailoverSettings> settings, Consumer<Integer> rememberScreen) {
        this.model = model;
        this.rackFactory = rackFactory;
        this.timelineFactory = timelineFactory;
        this.session = session;
        this.plugs = plugs;
        this.timeline = timeline;
        this.rack = rack;
        this.settings = settings;
        this.rememberScreen = rememberScreen;
    }

    public BoothViewModel model() {
        return model;
    }

    public void openAudience(int screen) {
        if (audience == null) {
            audience = new AudienceWindow(model, newAudienceView(), model::unlock);
        }
        audience.show(screen);
        rememberScreen.accept(screen);
        updateKeepAwake();
    }

    /** A fresh audience view on the same model (the window's content; tests lay it out at any screen size). */
    public AudienceView newAudienceView() {
        return new AudienceView(model, rackFactory, timelineFactory);
    }

    public void closeAudience() {
        if (audience != null) {
            audience.close();
        }
        updateKeepAwake();
    }

    public AudienceWindow audience() {
        return audience;
    }

    public void startAttract(int minutes) {
        stopAttract();
        ClusterSession current = session.get();
        if (current == null || plugs.get() == null || timeline.get() == null) {
            attractStatus.set("not connected");
            return;
        }
        attract = new AttractLoop(current, plugs.get(), timeline.get(), rack,
                settings.get(), Duration.ofMinutes(Math.max(1, minutes)), 3, new SplittableRandom(),
                status -> Platform.runLater(() -> {
                    attractStatus.set(status.phase().name().toLowerCase(java.util.Locale.ROOT) + ": " + status.message()
                            + " (" + status.cyclesDone() + " cycles)");
                    attractRunning.set(status.phase() != AttractLoop.Phase.STOPPED && status.phase() != AttractLoop.Phase.RESTING);
                }));
        attract.start();
        attractRunning.set(true);
        updateKeepAwake();
    }

    public void stopAttract() {
        if (attract != null) {
            try {
                attract.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            attract = null;
        }
        attractRunning.set(false);
        attractStatus.set("off");
        updateKeepAwake();
    }

    /** Someone touched the booth: the attract loop waits. */
    public void interaction() {
        if (attract != null) {
            attract.notifyInteraction();
        }
    }

    /** Called periodically: restores any Pi left unplugged longer than the maximum. */
    public void watchdog() {
        PlugService service = plugs.get();
        ClusterSession current = session.get();
        if (service != null && current != null && (attract != null || (audience != null && audience.isShowing()))) {
            int restored = new UnplugWatchdog(service, current.clock(), WATCHDOG_MAXIMUM).check();
            if (restored > 0) {
                LOG.warn("booth watchdog plugged {} Pi(s) back in", restored);
            }
        }
    }

    private void updateKeepAwake() {
        boolean showRunning = attract != null || (audience != null && audience.isShowing());
        if (showRunning && keepAwake == null) {
            keepAwake = KeepAwake.start();
            awakeStatus.set(keepAwake.problem().orElse("the machine stays awake while the show runs"));
        } else if (!showRunning && keepAwake != null) {
            keepAwake.close();
            keepAwake = null;
            awakeStatus.set("");
        }
    }

    public ReadOnlyStringProperty attractStatusProperty() {
        return attractStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty attractRunningProperty() {
        return attractRunning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty awakeStatusProperty() {
        return awakeStatus.getReadOnlyProperty();
    }

    @Override
    public void close() {
        stopAttract();
        closeAudience();
        if (keepAwake != null) {
            keepAwake.close();
        }
    }
}
