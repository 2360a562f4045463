package io.pirack.ui.booth;

import io.pirack.core.booth.KioskLock;
import io.pirack.core.booth.Narrative;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.TimelineSnapshot;
import io.pirack.ui.plug.PlugBackend;
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
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The booth's state: what the audience sees (the seconds, the phase, the story, the last result,
 * the pod colour legend), with its two parts — the visitor's button ({@link VisitorButton}) and the
 * kiosk lock that refuses every operator action until the PIN ({@link KioskModel}).
 */
public final class BoothViewModel {

    /** What the audience window shows as a whole. */
    public enum Show { ATTRACT, RUNNING, RESULT }

    /** One pod colour of the legend: the app name and its colour slot ({@code .app-colour-N}). */
    public record LegendEntry(String app, int colour) {
    }

    /** How long the last run's result stays up before the window fades back to its attract state. */
    public static final Duration RESULT_HOLD = Duration.ofSeconds(45);

    private final KioskModel kiosk;
    private final VisitorButton visitor;
    private final PlugBackend plugs;
    /** The start of the run whose Pi PiRack was seen holding unplugged: once plugged back in, the story says so. */
    private Instant unpluggedRunStart;
    private final ReadOnlyStringWrapper stopwatch = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper narrative = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Show> show = new ReadOnlyObjectWrapper<>(Show.ATTRACT);
    private final ObservableList<LegendEntry> legend = FXCollections.observableArrayList();
    /** Kept: the read-only view listens to {@link #legend} weakly, so a throwaway one would stop updating. */
    private final ObservableList<LegendEntry> legendReadOnly = FXCollections.unmodifiableObservableList(legend);

    /**
     * @param storePinHash saves a new PIN hash (null clears it)
     * @param rebalance    asks the app to rollout-restart the unevenly spread demo Deployments (in the background)
     */
    public BoothViewModel(PlugBackend plugs, Supplier<RackSpec> rack, Clock clock, RandomGenerator random, KioskLock lock,
                          Consumer<String> storePinHash, Consumer<String> interaction, Runnable rebalance) {
        this.plugs = plugs;
        kiosk = new KioskModel(lock, storePinHash);
        visitor = new VisitorButton(plugs, rack, clock, random, kiosk, interaction, rebalance);
    }

    /**
     * Whether the model must follow every frame even while neither the Booth screen nor the audience
     * window shows: a visitor's pull is plugged back in by {@link #show} once Kubernetes recovered.
     */
    public boolean needsFramesUnseen() {
        return visitor.seeingAPullThrough();
    }

    /** Called once per frame on the FX thread. */
    public void show(RackFrame frame, TimelineSnapshot timeline) {
        FailoverRun run = timeline.runs().stream().max(Comparator.comparing(FailoverRun::start)).orElse(null);
        Instant now = frame.now();
        Show state = run == null ? Show.ATTRACT : run.inProgress() ? Show.RUNNING
                : Duration.between(run.end() == null ? now : run.end(), now).compareTo(RESULT_HOLD) < 0 ? Show.RESULT : Show.ATTRACT;
        show.set(state);
        stopwatch.set(state == Show.ATTRACT ? "" : String.format(Locale.ROOT, "%.1f s", run.elapsed(now).toMillis() / 1000.0));
        phase.set(state == Show.ATTRACT ? "" : run.phaseText());
        narrative.set(String.join("\n", state == Show.ATTRACT ? Narrative.between(frame.cluster()) : story(run, frame.cluster())));
        updateLegend(frame.cluster());
        visitor.show(frame.cluster(), run, now);
    }

    private List<String> story(FailoverRun run, ClusterSnapshot cluster) {
        List<String> lines = new java.util.ArrayList<>(Narrative.of(run));
        if (plugs.isUnplugged(run.node())) {
            unpluggedRunStart = run.start();
        } else if (!run.inProgress() && run.start().equals(unpluggedRunStart)) {
            lines.add(Narrative.pluggedBackIn(run.node(), cluster));
        }
        return lines;
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

    /** The kiosk lock and PIN. */
    public KioskModel kiosk() {
        return kiosk;
    }

    /** The visitor's button. */
    public VisitorButton visitor() {
        return visitor;
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
}
