package io.pirack.ui.booth;

import io.pirack.app.PlugService;
import io.pirack.core.booth.KioskPin;
import io.pirack.core.booth.Narrative;
import io.pirack.core.booth.VisitorPolicy;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.TimelineSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The booth's state: the visitor's "Pull a plug!" button (which Pi, cooldown, why not now), the
 * story and stopwatch of the current failover for the audience, and the kiosk lock.
 */
public final class BoothViewModel {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);
    /** How long after recovery the visitor's Pi stays unplugged before it is plugged back in. */
    public static final Duration PAUSE_AFTER_RECOVERY = Duration.ofSeconds(10);

    private final Supplier<PlugService> plugs;
    private final Supplier<RackSpec> rack;
    private final Clock clock;
    private final RandomGenerator random;
    private final Supplier<String> pinHash;
    private final Consumer<String> interaction;
    private final ReadOnlyStringWrapper visitorLabel = new ReadOnlyStringWrapper("Pull a plug!");
    private final ReadOnlyStringWrapper visitorHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper visitorEnabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper stopwatch = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper narrative = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty visitorMode = new SimpleBooleanProperty(false);
    private final ObjectProperty<Duration> cooldown = new SimpleObjectProperty<>(DEFAULT_COOLDOWN);
    private Instant lastVisitorPull;
    private String visitorVictim;
    private ClusterSnapshot lastSnapshot;
    private Instant recoveredAt;

    public BoothViewModel(Supplier<PlugService> plugs, Supplier<RackSpec> rack, Clock clock, RandomGenerator random,
                          Supplier<String> pinHash, Consumer<String> interaction) {
        this.plugs = plugs;
        this.rack = rack;
        this.clock = clock;
        this.random = random;
        this.pinHash = pinHash;
        this.interaction = interaction;
    }

    /** Called once per frame on the FX thread. */
    public void show(RackFrame frame, TimelineSnapshot timeline) {
        lastSnapshot = frame.cluster();
        FailoverRun run = timeline.runs().stream().max(Comparator.comparing(FailoverRun::start)).orElse(null);
        Instant now = frame.now();
        boolean active = run != null && (run.inProgress() || Duration.between(run.end() == null ? now : run.end(), now).toSeconds() < 30);
        stopwatch.set(active ? run.stopwatchText(now) : "");
        phase.set(active ? run.phaseText() : "");
        narrative.set(String.join("\n", Narrative.of(active ? run : null)));
        autoRestoreVisitorPi(run, now);
        refreshButton(now);
    }

    private void refreshButton(Instant now) {
        PlugService service = plugs.get();
        if (service == null || lastSnapshot == null) {
            visitorEnabled.set(false);
            visitorHint.set("Connecting…");
            return;
        }
        VisitorPolicy.Choice choice = VisitorPolicy.choose(lastSnapshot, rack.get(), service.controller().unpluggedNodes(), now,
                lastVisitorPull, cooldown.get(), random);
        visitorEnabled.set(choice instanceof VisitorPolicy.Choice.Pull);
        if (choice instanceof VisitorPolicy.Choice.Wait w) {
            visitorHint.set(w.reason() + " Next pull in " + TimeText.age(Duration.between(now, w.until())) + ".");
        } else if (choice instanceof VisitorPolicy.Choice.Refuse r) {
            visitorHint.set(r.reason());
        } else {
            visitorHint.set("Kubernetes will notice and move the pods.");
        }
    }

    /** The visitor pressed the big button. */
    public void visitorPull() {
        PlugService service = plugs.get();
        if (service == null || lastSnapshot == null) {
            return;
        }
        interaction.accept("visitor");
        Instant now = clock.instant();
        VisitorPolicy.Choice choice = VisitorPolicy.choose(lastSnapshot, rack.get(), service.controller().unpluggedNodes(), now,
                lastVisitorPull, cooldown.get(), random);
        if (choice instanceof VisitorPolicy.Choice.Pull pull) {
            lastVisitorPull = now;
            visitorVictim = pull.node();
            recoveredAt = null;
            service.pull(pull.node());
            visitorHint.set("You pulled the plug on " + pull.node() + "! Watch Kubernetes react…");
            visitorEnabled.set(false);
        }
    }

    /** After the visitor's failover recovered, wait a moment, then plug the Pi back in. */
    private void autoRestoreVisitorPi(FailoverRun run, Instant now) {
        PlugService service = plugs.get();
        if (visitorVictim == null || service == null || run == null || !run.node().equals(visitorVictim) || run.inProgress()) {
            return;
        }
        if (recoveredAt == null) {
            recoveredAt = now;
        }
        if (Duration.between(recoveredAt, now).compareTo(PAUSE_AFTER_RECOVERY) >= 0 && service.controller().state(visitorVictim).isUnplugged()) {
            service.restore(visitorVictim);
            visitorVictim = null;
        }
    }

    /** Locks operator-only actions (settings, network apply, tuning) until the PIN is entered. */
    public boolean lock() {
        if (pinHash.get() == null) {
            return false;
        }
        locked.set(true);
        return true;
    }

    public boolean unlock(String pin) {
        if (KioskPin.matches(pin, pinHash.get())) {
            locked.set(false);
            return true;
        }
        return false;
    }

    public ReadOnlyStringProperty visitorLabelProperty() {
        return visitorLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty visitorHintProperty() {
        return visitorHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty visitorEnabledProperty() {
        return visitorEnabled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stopwatchProperty() {
        return stopwatch.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty narrativeProperty() {
        return narrative.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public BooleanProperty visitorModeProperty() {
        return visitorMode;
    }

    public ObjectProperty<Duration> cooldownProperty() {
        return cooldown;
    }

    List<String> narrativeLines() {
        return List.of(narrative.get().split("\n"));
    }
}
