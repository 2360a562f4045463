package io.pirack.app.booth;

import io.pirack.app.ClusterSession;
import io.pirack.app.PlugService;
import io.pirack.core.booth.Spread;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.kube.RolloutRestart;
import io.pirack.timeline.TimelineService;
import io.pirack.ui.booth.AudienceView;
import io.pirack.ui.booth.AudienceWindow;
import io.pirack.ui.booth.BoothControls;
import io.pirack.ui.booth.BoothViewModel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
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
 * Runs the show: the audience window, the attract loop, rebalancing, keeping the machine awake
 * while either is on, and the watchdog that plugs back in any Pi left unplugged too long. While
 * the kiosk lock is on it refuses every operator action; only the PIN (here or on the audience
 * window's exit chord) ends the show.
 */
public final class BoothController implements BoothControls, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BoothController.class);
    /** No Pi stays unplugged longer than this while the booth runs. */
    public static final Duration WATCHDOG_MAXIMUM = Duration.ofMinutes(10);
    /** Written on the FX thread whenever a show starts or stops; read by the app's ticker. */
    private volatile boolean showRunning;

    /** What the controller needs of the current session (all may be null while connecting). */
    public record Sessions(Supplier<ClusterSession> cluster, Supplier<PlugService> plugs, Supplier<TimelineService> timeline,
                           Supplier<RackSpec> rack, Supplier<FailoverSettings> settings) {
    }

    private final BoothViewModel model;
    private final Supplier<Node> rackFactory;
    private final Supplier<Node> timelineFactory;
    private final Sessions sessions;
    private final Consumer<Integer> rememberScreen;
    private final Executor background;
    private final Runnable showOperator;
    private final ReadOnlyStringWrapper attractStatus = new ReadOnlyStringWrapper("off");
    private final ReadOnlyBooleanWrapper attractRunning = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper awakeStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private AudienceWindow audience;
    private AttractLoop attract;
    private KeepAwake keepAwake;

    /**
     * @param showOperator brings the operator window to the front (on one screen the audience window covers it)
     */
    public BoothController(BoothViewModel model, Supplier<Node> rackFactory, Supplier<Node> timelineFactory, Sessions sessions,
                           Consumer<Integer> rememberScreen, Executor background, Runnable showOperator) {
        this.model = model;
        this.rackFactory = rackFactory;
        this.timelineFactory = timelineFactory;
        this.sessions = sessions;
        this.rememberScreen = rememberScreen;
        this.background = background;
        this.showOperator = showOperator;
    }

    public BoothViewModel model() {
        return model;
    }

    @Override
    public void openAudience(int screen) {
        if (refused()) {
            return;
        }
        openAudienceForTheShow(screen);
    }

    /** Kiosk start from the command line: opens before the lock engages. */
    public void openAudienceForTheShow(int screen) {
        if (audience == null) {
            audience = new AudienceWindow(model, newAudienceView(), () -> {
                closeWindow();
                showOperator.run();
            });
        }
        audience.show(screen);
        rememberScreen.accept(screen);
        updateKeepAwake();
    }

    /** A fresh audience view on the same model (the window's content; tests lay it out at any screen size). */
    public AudienceView newAudienceView() {
        return new AudienceView(model, rackFactory, timelineFactory);
    }

    @Override
    public void closeAudience() {
        if (!refused()) {
            closeWindow();
        }
    }

    private void closeWindow() {
        if (audience != null) {
            audience.close();
        }
        updateKeepAwake();
    }

    public AudienceWindow audience() {
        return audience;
    }

    @Override
    public void startAttract(int minutes) {
        if (!refused()) {
            startAttractForTheShow(minutes);
        }
    }

    /** From the command line (--attract N), before any lock. */
    public void startAttractForTheShow(int minutes) {
        stopLoop();
        ClusterSession current = sessions.cluster().get();
        if (current == null || sessions.plugs().get() == null || sessions.timeline().get() == null) {
            attractStatus.set("not connected");
            return;
        }
        attract = new AttractLoop(current, sessions.plugs().get(), sessions.timeline().get(), sessions.rack(),
                sessions.settings().get(), Duration.ofMinutes(Math.max(1, minutes)), 3, new SplittableRandom(),
                status -> Platform.runLater(() -> {
                    attractStatus.set(status.phase().name().toLowerCase(Locale.ROOT) + ": " + status.message()
                            + " (" + status.cyclesDone() + " cycles)");
                    attractRunning.set(status.phase() != AttractLoop.Phase.STOPPED && status.phase() != AttractLoop.Phase.RESTING);
                }));
        attract.start();
        attractRunning.set(true);
        updateKeepAwake();
    }

    @Override
    public void stopAttract() {
        if (!refused()) {
            stopLoop();
        }
    }

    private void stopLoop() {
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

    /** The presenter's "Rebalance" and the visitor loop's between-visitors spread. */
    @Override
    public void rebalance() {
        ClusterSession current = sessions.cluster().get();
        if (current == null) {
            message.set("Not connected to a cluster yet.");
            return;
        }
        List<Spread.DeploymentRef> uneven = Spread.uneven(current.store().snapshot());
        if (uneven.isEmpty()) {
            message.set("The pods are already spread evenly: nothing to restart.");
            return;
        }
        message.set("Restarting " + uneven + " so the pods spread over the Pis again…");
        background.execute(() -> {
            RolloutRestart.Outcome outcome = new RolloutRestart(current.client(), Clock.systemDefaultZone()).restart(uneven);
            String said = outcome.problems().isEmpty()
                    ? "Restarted " + outcome.restarted() + ": the pods spread over the Pis again."
                    : "Could not restart " + String.join("; ", outcome.problems()) + ".";
            LOG.info("rebalance: {}", said);
            Platform.runLater(() -> message.set(said));
        });
    }

    /** Someone touched the booth: the attract loop waits. */
    public void interaction() {
        if (attract != null) {
            attract.notifyInteraction();
        }
    }

    /**
     * Whether a show runs (the audience window or the attract loop), from any thread: the app's once-a-second
     * tick hops to the FX thread for {@link #watchdog()} only then, not every second at rest for nothing
     * (issue 20: one FX and one dispatcher wake-up a second).
     */
    public boolean showRunning() {
        return showRunning;
    }

    /** Called periodically on the FX thread: restores any Pi left unplugged longer than the maximum. */
    public void watchdog() {
        PlugService service = sessions.plugs().get();
        ClusterSession current = sessions.cluster().get();
        if (service != null && current != null && (attract != null || (audience != null && audience.isShowing()))) {
            int restored = new UnplugWatchdog(service, current.clock(), WATCHDOG_MAXIMUM).check();
            if (restored > 0) {
                LOG.warn("booth watchdog plugged {} Pi(s) back in", restored);
            }
        }
    }

    private boolean refused() {
        return model.kiosk().refuse(message::set);
    }

    private void updateKeepAwake() {
        boolean showRunning = attract != null || (audience != null && audience.isShowing());
        this.showRunning = showRunning;
        if (showRunning && keepAwake == null) {
            keepAwake = KeepAwake.start();
            awakeStatus.set(keepAwake.problem().orElse("the machine stays awake while the show runs"));
        } else if (!showRunning && keepAwake != null) {
            keepAwake.close();
            keepAwake = null;
            awakeStatus.set("");
        }
    }

    @Override
    public ReadOnlyStringProperty attractStatusProperty() {
        return attractStatus.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyBooleanProperty attractRunningProperty() {
        return attractRunning.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty awakeStatusProperty() {
        return awakeStatus.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    @Override
    public void close() {
        stopLoop();
        closeWindow();
        if (keepAwake != null) {
            keepAwake.close();
        }
    }
}
