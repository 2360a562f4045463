package io.pirack.ui.booth;

import io.pirack.core.booth.Spread;
import io.pirack.core.booth.VisitorPolicy;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.ui.plug.PlugBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The visitor's "Pull a plug!" button: whether it is shown, which Pi it pulls (the healthy worker
 * with the most movable pods, see {@link VisitorPolicy}), the cooldown and why not now; after the
 * failover it plugs the Pi back in and rebalances so the next visitor's pull moves something.
 */
public final class VisitorButton {

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);
    /** How long after recovery the visitor's Pi stays unplugged before it is plugged back in. */
    public static final Duration PAUSE_AFTER_RECOVERY = Duration.ofSeconds(10);
    /** The longest the next pull waits for a rebalance to spread the pods evenly. */
    public static final Duration REBALANCE_WAIT = Duration.ofSeconds(120);
    static final String SPREADING = "Spreading the pods over the Pis again…";

    private final PlugBackend plugs;
    private final Supplier<RackSpec> rack;
    private final Clock clock;
    private final RandomGenerator random;
    private final KioskModel kiosk;
    private final Consumer<String> interaction;
    private final Runnable rebalance;
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("Pull a plug!");
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper enabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Duration> cooldown = new SimpleObjectProperty<>(DEFAULT_COOLDOWN);
    private ClusterSnapshot snapshot;
    private Instant lastPull;
    private String victim;
    private String restoredVictim;
    private Instant recoveredAt;
    private Instant spreadingSince;

    VisitorButton(PlugBackend plugs, Supplier<RackSpec> rack, Clock clock, RandomGenerator random, KioskModel kiosk,
                  Consumer<String> interaction, Runnable rebalance) {
        this.plugs = plugs;
        this.rack = rack;
        this.clock = clock;
        this.random = random;
        this.kiosk = kiosk;
        this.interaction = interaction;
        this.rebalance = rebalance;
    }

    /**
     * A visitor's pull is still being seen through (the Pi to plug back in once Kubernetes recovered,
     * or the rebalance after it): the button needs every frame even while no booth view shows.
     */
    boolean seeingAPullThrough() {
        return victim != null || restoredVictim != null || spreadingSince != null;
    }

    /** Once per frame on the FX thread, with the newest run (or null). */
    void show(ClusterSnapshot cluster, FailoverRun run, Instant now) {
        snapshot = cluster;
        autoRestore(run, now);
        refresh(now);
    }

    private void refresh(Instant now) {
        if (!plugs.connected() || snapshot == null) {
            enabled.set(false);
            hint.set("Connecting…");
            return;
        }
        if (spreadingSince != null) {
            if (Spread.isEven(snapshot) || Duration.between(spreadingSince, now).compareTo(REBALANCE_WAIT) > 0) {
                spreadingSince = null;
            } else {
                enabled.set(false);
                hint.set(SPREADING);
                return;
            }
        }
        VisitorPolicy.Choice choice = choose(now);
        enabled.set(choice instanceof VisitorPolicy.Choice.Pull);
        if (choice instanceof VisitorPolicy.Choice.Wait w) {
            hint.set(w.reason() + " Next pull in " + TimeText.age(Duration.between(now, w.until())) + ".");
        } else if (choice instanceof VisitorPolicy.Choice.Refuse r) {
            hint.set(r.reason());
            if (VisitorPolicy.NOTHING_TO_MOVE.equals(r.reason())) {
                startRebalance(now);
            }
        } else {
            hint.set("Kubernetes will notice and move the pods.");
        }
    }

    private VisitorPolicy.Choice choose(Instant now) {
        return VisitorPolicy.choose(snapshot, rack.get(), plugs.unpluggedNodes(), now, lastPull, cooldown.get(), random);
    }

    /** The visitor pressed the big button. */
    public void pull() {
        if (!plugs.connected() || snapshot == null || spreadingSince != null) {
            return;
        }
        interaction.accept("visitor");
        Instant now = clock.instant();
        if (choose(now) instanceof VisitorPolicy.Choice.Pull chosen) {
            lastPull = now;
            victim = chosen.node();
            recoveredAt = null;
            plugs.pull(chosen.node());
            hint.set("You pulled the plug on " + chosen.node() + "! Watch Kubernetes react…");
            enabled.set(false);
        }
    }

    /**
     * After the visitor's failover recovered, wait a moment, then plug the Pi back in; once it is
     * Ready again, rebalance so the next visitor's pull moves something.
     */
    private void autoRestore(FailoverRun run, Instant now) {
        if (restoredVictim != null && snapshot.node(restoredVictim).map(n -> n.ready() == ConditionStatus.TRUE).orElse(false)
                && VisitorPolicy.recovered(snapshot)) {
            restoredVictim = null;
            startRebalance(now);
        }
        if (victim == null || run == null || !run.node().equals(victim) || run.inProgress()) {
            return;
        }
        if (recoveredAt == null) {
            recoveredAt = now;
        }
        if (Duration.between(recoveredAt, now).compareTo(PAUSE_AFTER_RECOVERY) >= 0 && plugs.isUnplugged(victim)) {
            plugs.restore(victim);
            restoredVictim = victim;
            victim = null;
        }
    }

    private void startRebalance(Instant now) {
        if (spreadingSince == null && !Spread.isEven(snapshot) && VisitorPolicy.recovered(snapshot)) {
            spreadingSince = now;
            rebalance.run();
        }
    }

    /** Shows or hides the button; refused while locked. Returns what to show ("" when done). */
    public String setShown(boolean on) {
        if (kiosk.isLocked()) {
            return KioskModel.LOCKED;
        }
        shown.set(on);
        return "";
    }

    /** From the command line (--kiosk --visitor): before any lock. */
    public void startShown(boolean on) {
        shown.set(on);
    }

    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty enabledProperty() {
        return enabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ObjectProperty<Duration> cooldownProperty() {
        return cooldown;
    }
}
