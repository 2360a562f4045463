package io.pirack.ui.booth;

import io.pirack.core.booth.KioskLock;
import io.pirack.core.booth.KioskPin;
import io.pirack.core.booth.Narrative;
import io.pirack.core.booth.Spread;
import io.pirack.core.booth.VisitorPolicy;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.TimelineSnapshot;
import io.pirack.ui.plug.PlugBackend;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The booth's state: the visitor's "Pull a plug!" button (which Pi, cooldown, why not now), what
 * the audience sees (the seconds, the phase, the story, the last result, the pod colour legend),
 * rebalancing between visitors, and the kiosk lock that refuses every operator action until the PIN.
 */
public final class BoothViewModel {

    /** What the audience window shows as a whole. */
    public enum Show { ATTRACT, RUNNING, RESULT }

    /** One pod colour of the legend: the app name and its colour slot ({@code .app-colour-N}). */
    public record LegendEntry(String app, int colour) {
    }

    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);
    /** How long after recovery the visitor's Pi stays unplugged before it is plugged back in. */
    public static final Duration PAUSE_AFTER_RECOVERY = Duration.ofSeconds(10);
    /** How long the last run's result stays up before the window fades back to its attract state. */
    public static final Duration RESULT_HOLD = Duration.ofSeconds(45);
    /** The longest the next pull waits for a rebalance to spread the pods evenly. */
    public static final Duration REBALANCE_WAIT = Duration.ofSeconds(120);
    static final String SPREADING = "Spreading the pods over the Pis again…";

    private final PlugBackend plugs;
    private final Supplier<RackSpec> rack;
    private final Clock clock;
    private final RandomGenerator random;
    private final KioskLock lock;
    private final Consumer<String> storePinHash;
    private final Consumer<String> interaction;
    private final Runnable rebalance;
    private final ReadOnlyStringWrapper visitorLabel = new ReadOnlyStringWrapper("Pull a plug!");
    private final ReadOnlyStringWrapper visitorHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper visitorEnabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper stopwatch = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper narrative = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Show> show = new ReadOnlyObjectWrapper<>(Show.ATTRACT);
    private final ReadOnlyBooleanWrapper locked = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper visitorMode = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Duration> cooldown = new SimpleObjectProperty<>(DEFAULT_COOLDOWN);
    private final ObservableList<LegendEntry> legend = FXCollections.observableArrayList();
    /** Kept: the read-only view listens to {@link #legend} weakly, so a throwaway one would stop updating. */
    private final ObservableList<LegendEntry> legendReadOnly = FXCollections.unmodifiableObservableList(legend);
    private boolean exitWithoutPin;
    private Instant lastVisitorPull;
    private String visitorVictim;
    private String restoredVictim;
    private ClusterSnapshot lastSnapshot;
    private Instant recoveredAt;
    private Instant spreadingSince;

    /**
     * @param storePinHash saves a new PIN hash (null clears it)
     * @param rebalance    asks the app to rollout-restart the unevenly spread demo Deployments (in the background)
     */
    public BoothViewModel(PlugBackend plugs, Supplier<RackSpec> rack, Clock clock, RandomGenerator random, KioskLock lock,
                          Consumer<String> storePinHash, Consumer<String> interaction, Runnable rebalance) {
        this.plugs = plugs;
        this.rack = rack;
        this.clock = clock;
        this.random = random;
        this.lock = lock;
        this.storePinHash = storePinHash;
        this.interaction = interaction;
        this.rebalance = rebalance;
    }

    /** Called once per frame on the FX thread. */
    public void show(RackFrame frame, TimelineSnapshot timeline) {
        lastSnapshot = frame.cluster();
        FailoverRun run = timeline.runs().stream().max(Comparator.comparing(FailoverRun::start)).orElse(null);
        Instant now = frame.now();
        Show state = run == null ? Show.ATTRACT : run.inProgress() ? Show.RUNNING
                : Duration.between(run.end() == null ? now : run.end(), now).compareTo(RESULT_HOLD) < 0 ? Show.RESULT : Show.ATTRACT;
        show.set(state);
        stopwatch.set(state == Show.ATTRACT ? "" : String.format(Locale.ROOT, "%.1f s", run.elapsed(now).toMillis() / 1000.0));
        phase.set(state == Show.ATTRACT ? "" : run.phaseText());
        narrative.set(String.join("\n", Narrative.of(state == Show.ATTRACT ? null : run)));
        updateLegend(lastSnapshot);
        autoRestoreVisitorPi(run, now);
        refreshButton(now);
    }

    private void updateLegend(ClusterSnapshot snapshot) {
        TreeMap<String, Integer> apps = new TreeMap<>();
        for (PodInfo p : snapshot.pods().values()) {
            if (!p.controlPlane() && p.ownerKind() != OwnerKind.DAEMON_SET && !p.namespace().startsWith("kube-")) {
                String app = p.app() != null ? p.app() : p.ownerName() != null ? p.ownerName() : p.name();
                apps.put(app, LedStates.appColour(app));
            }
        }
        List<LegendEntry> entries = apps.entrySet().stream().map(e -> new LegendEntry(e.getKey(), e.getValue())).toList();
        if (!entries.equals(legend)) {
            legend.setAll(entries);
        }
    }

    private void refreshButton(Instant now) {
        if (!plugs.connected() || lastSnapshot == null) {
            visitorEnabled.set(false);
            visitorHint.set("Connecting…");
            return;
        }
        if (spreadingSince != null) {
            if (Spread.isEven(lastSnapshot) || Duration.between(spreadingSince, now).compareTo(REBALANCE_WAIT) > 0) {
                spreadingSince = null;
            } else {
                visitorEnabled.set(false);
                visitorHint.set(SPREADING);
                return;
            }
        }
        VisitorPolicy.Choice choice = choose(now);
        visitorEnabled.set(choice instanceof VisitorPolicy.Choice.Pull);
        if (choice instanceof VisitorPolicy.Choice.Wait w) {
            visitorHint.set(w.reason() + " Next pull in " + TimeText.age(Duration.between(now, w.until())) + ".");
        } else if (choice instanceof VisitorPolicy.Choice.Refuse r) {
            visitorHint.set(r.reason());
            if (VisitorPolicy.NOTHING_TO_MOVE.equals(r.reason())) {
                startRebalance(now);
            }
        } else {
            visitorHint.set("Kubernetes will notice and move the pods.");
        }
    }

    private VisitorPolicy.Choice choose(Instant now) {
        return VisitorPolicy.choose(lastSnapshot, rack.get(), plugs.unpluggedNodes(), now, lastVisitorPull, cooldown.get(), random);
    }

    /** The visitor pressed the big button. */
    public void visitorPull() {
        if (!plugs.connected() || lastSnapshot == null || spreadingSince != null) {
            return;
        }
        interaction.accept("visitor");
        Instant now = clock.instant();
        if (choose(now) instanceof VisitorPolicy.Choice.Pull pull) {
            lastVisitorPull = now;
            visitorVictim = pull.node();
            recoveredAt = null;
            plugs.pull(pull.node());
            visitorHint.set("You pulled the plug on " + pull.node() + "! Watch Kubernetes react…");
            visitorEnabled.set(false);
        }
    }

    /**
     * After the visitor's failover recovered, wait a moment, then plug the Pi back in; once it is
     * Ready again, rebalance so the next visitor's pull moves something.
     */
    private void autoRestoreVisitorPi(FailoverRun run, Instant now) {
        if (restoredVictim != null && lastSnapshot.node(restoredVictim)
                .map(n -> n.ready() == io.pirack.core.cluster.ConditionStatus.TRUE).orElse(false)
                && VisitorPolicy.recovered(lastSnapshot)) {
            restoredVictim = null;
            startRebalance(now);
        }
        if (visitorVictim == null || run == null || !run.node().equals(visitorVictim) || run.inProgress()) {
            return;
        }
        if (recoveredAt == null) {
            recoveredAt = now;
        }
        if (Duration.between(recoveredAt, now).compareTo(PAUSE_AFTER_RECOVERY) >= 0 && plugs.isUnplugged(visitorVictim)) {
            plugs.restore(visitorVictim);
            restoredVictim = visitorVictim;
            visitorVictim = null;
        }
    }

    private void startRebalance(Instant now) {
        if (spreadingSince == null && !Spread.isEven(lastSnapshot) && VisitorPolicy.recovered(lastSnapshot)) {
            spreadingSince = now;
            rebalance.run();
        }
    }

    // ---- kiosk lock: every operator action asks here first ----

    /** True (and says so through {@code refused}) while the kiosk lock is on. */
    public boolean refuse(Consumer<String> refused) {
        if (lock.isLocked()) {
            refused.accept("Locked: enter the kiosk PIN to change booth settings.");
            return true;
        }
        return false;
    }

    /** Locks operator actions; says why not when no PIN is set. */
    public String lock() {
        if (!lock.lock()) {
            return "Set a PIN first.";
        }
        locked.set(true);
        return "Locked: every operator action needs the PIN.";
    }

    public KioskLock.Attempt unlock(String pin) {
        KioskLock.Attempt attempt = lock.unlock(pin);
        locked.set(lock.isLocked());
        return attempt;
    }

    /** The audience window's exit chord: the PIN unlocks and closes, or no PIN was explicitly allowed. */
    public KioskLock.Attempt exit(String pin) {
        if (!lock.hasPin() && exitWithoutPin) {
            return new KioskLock.Attempt.Accepted("Closed.");
        }
        return unlock(pin);
    }

    public boolean hasPin() {
        return lock.hasPin();
    }

    /** The operator chose, when entering kiosk mode, to close the audience window without a PIN. */
    public void allowExitWithoutPin() {
        exitWithoutPin = true;
    }

    public boolean exitNeedsPin() {
        return lock.hasPin() || !exitWithoutPin;
    }

    /** Sets or changes the PIN; a PIN already set must be given first. Returns what to show. */
    public String setPin(String current, String fresh) {
        if (lock.isLocked()) {
            return "Locked: unlock first to change the PIN.";
        }
        if (lock.hasPin()) {
            KioskLock.Attempt attempt = lock.check(current);
            if (!(attempt instanceof KioskLock.Attempt.Accepted)) {
                return attempt.message().replace("Wrong PIN.", "Wrong current PIN.");
            }
        }
        if (!KioskPin.isWellFormed(fresh)) {
            return "A kiosk PIN is 4 to 8 digits.";
        }
        storePinHash.accept(KioskPin.hash(fresh, new SecureRandom()));
        return "PIN set.";
    }

    /** Clears the PIN; needs the current one. */
    public String clearPin(String current) {
        if (lock.isLocked()) {
            return "Locked: unlock first to clear the PIN.";
        }
        if (!lock.hasPin()) {
            return "No PIN is set.";
        }
        KioskLock.Attempt attempt = lock.check(current);
        if (!(attempt instanceof KioskLock.Attempt.Accepted)) {
            return attempt.message().replace("Wrong PIN.", "Wrong current PIN.");
        }
        storePinHash.accept(null);
        return "PIN cleared.";
    }

    /** Visitor mode, refused while locked. */
    public String setVisitorMode(boolean on) {
        if (lock.isLocked()) {
            return "Locked: enter the kiosk PIN to change booth settings.";
        }
        visitorMode.set(on);
        return "";
    }

    /** From the command line (--kiosk --visitor): before any lock. */
    public void startInVisitorMode(boolean on) {
        visitorMode.set(on);
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

    public ReadOnlyObjectProperty<Show> showProperty() {
        return show.getReadOnlyProperty();
    }

    public ObservableList<LegendEntry> legend() {
        return legendReadOnly;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked.getReadOnlyProperty();
    }

    public boolean isLocked() {
        return lock.isLocked();
    }

    public ReadOnlyBooleanProperty visitorModeProperty() {
        return visitorMode.getReadOnlyProperty();
    }

    public ObjectProperty<Duration> cooldownProperty() {
        return cooldown;
    }

    List<String> narrativeLines() {
        return List.of(narrative.get().split("\n"));
    }
}
