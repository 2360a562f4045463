package io.pirack.ui.timeline;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.Prediction;
import io.pirack.core.timeline.TimelineEvent;
import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed;
import io.pirack.core.timeline.TimelineEvent.HeartbeatsStopped;
import io.pirack.core.timeline.TimelineEvent.NodeReadyChanged;
import io.pirack.core.timeline.TimelineEvent.PodCreated;
import io.pirack.core.timeline.TimelineEvent.PodReady;
import io.pirack.core.timeline.TimelineEvent.PodRunning;
import io.pirack.core.timeline.TimelineEvent.PodScheduled;
import io.pirack.core.timeline.TimelineEventKind;
import io.pirack.core.timeline.TimelineSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State of the failover timeline: the latest {@link TimelineSnapshot}, the visible time window (zoom
 * and pan), the stopwatch and the markers inside the window. Fed by the app once per frame through
 * {@link #show(TimelineSnapshot)} on the FX thread; no scene-graph code here.
 */
public final class TimelineViewModel {

    static final Duration DEFAULT_SPAN = Duration.ofMinutes(2);
    static final Duration MIN_SPAN = Duration.ofSeconds(5);
    static final Duration MAX_SPAN = Duration.ofHours(6);
    /** While following, "now" sits this far from the right edge so fresh markers are visible. */
    static final double NOW_POSITION = 0.9;
    /** A pod first seen this long after its creation was there before PiRack looked. */
    static final Duration STARTUP_AGE = Duration.ofSeconds(30);

    private final ReadOnlyObjectWrapper<TimelineSnapshot> snapshot =
            new ReadOnlyObjectWrapper<>(TimelineSnapshot.empty(Instant.EPOCH));
    private final ObjectProperty<Duration> span = new SimpleObjectProperty<>(DEFAULT_SPAN);
    private final ObjectProperty<Instant> windowStart = new SimpleObjectProperty<>(Instant.EPOCH);
    private final BooleanProperty followNow = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper stopwatch = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper runActive = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<List<String>> lanes = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<TimelineMarker>> markers = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Instant> now = new ReadOnlyObjectWrapper<>(Instant.EPOCH);

    /** Markers are listed for the window plus half a width on each side, so sliding needs no new list. */
    private Instant listedFrom = Instant.MAX;
    private Instant listedTo = Instant.MIN;

    public TimelineViewModel() {
        span.addListener((o, was, is) -> refreshMarkers());
        windowStart.addListener((o, was, is) -> {
            Instant end = is.plus(span.get());
            if (is.isBefore(listedFrom) || end.isAfter(listedTo)) {
                refreshMarkers();
            }
        });
    }

    /** One frame: a new snapshot (or the same one with a later {@code now}). */
    public void show(TimelineSnapshot next) {
        TimelineSnapshot previous = snapshot.get();
        snapshot.set(next);
        now.set(next.now());
        updateStopwatch(next);
        if (!lanes.get().equals(next.lanes())) {
            lanes.set(next.lanes());
        }
        if (followNow.get()) {
            windowStart.set(followingStart(next.now()));
        }
        if (previous.version() != next.version() || previous.runs() != next.runs()) {
            refreshMarkers();
        }
    }

    private Instant followingStart(Instant at) {
        long spanMillis = span.get().toMillis();
        return at.minusMillis(Math.round(spanMillis * NOW_POSITION));
    }

    private void updateStopwatch(TimelineSnapshot next) {
        FailoverRun shown = next.activeRun().or(next::latestRun).orElse(null);
        runActive.set(next.activeRun().isPresent());
        if (shown == null) {
            stopwatch.set("");
            phase.set("");
            return;
        }
        stopwatch.set(TimeText.age(shown.elapsed(next.now())));
        phase.set(shown.phaseText() + " · " + shown.node());
    }

    // ---- zoom and pan

    /** Zooms by {@code factor} (&lt; 1 zooms in) keeping the time under {@code anchor} (0..1 of the width) in place. */
    public void zoom(double factor, double anchor) {
        Duration current = span.get();
        long newMillis = Math.round(current.toMillis() * factor);
        newMillis = Math.max(MIN_SPAN.toMillis(), Math.min(MAX_SPAN.toMillis(), newMillis));
        Instant anchorTime = timeAt(anchor);
        span.set(Duration.ofMillis(newMillis));
        if (followNow.get()) {
            windowStart.set(followingStart(now.get()));
        } else {
            windowStart.set(anchorTime.minusMillis(Math.round(newMillis * anchor)));
        }
    }

    /** Moves the window by a fraction of its width (negative = back in time); stops following "now". */
    public void pan(double fraction) {
        followNow.set(false);
        windowStart.set(windowStart.get().plusMillis(Math.round(span.get().toMillis() * fraction)));
    }

    public void followNow() {
        followNow.set(true);
        windowStart.set(followingStart(now.get()));
    }

    /** Shows the whole of a run with a margin on both sides. */
    public void showRun(FailoverRun run) {
        followNow.set(false);
        Instant end = run.end() != null ? run.end() : now.get();
        Duration length = Duration.between(run.start(), end);
        Duration margin = length.dividedBy(10).plusSeconds(2);
        span.set(clampSpan(length.plus(margin.multipliedBy(2))));
        windowStart.set(run.start().minus(margin));
    }

    private static Duration clampSpan(Duration duration) {
        if (duration.compareTo(MIN_SPAN) < 0) {
            return MIN_SPAN;
        }
        return duration.compareTo(MAX_SPAN) > 0 ? MAX_SPAN : duration;
    }

    /** Where a time falls across the window: 0 = left edge, 1 = right edge (outside is &lt; 0 or &gt; 1). */
    public double positionOf(Instant at) {
        return (double) Duration.between(windowStart.get(), at).toMillis() / span.get().toMillis();
    }

    public Instant timeAt(double position) {
        return windowStart.get().plusMillis(Math.round(span.get().toMillis() * position));
    }

    /** Gridline times: a "nice" step giving about 6–12 ticks across the window. */
    public List<Instant> ticks() {
        long[] steps = {1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000,
                3_600_000};
        long spanMillis = span.get().toMillis();
        long step = steps[steps.length - 1];
        for (long candidate : steps) {
            if (spanMillis / candidate <= 12) {
                step = candidate;
                break;
            }
        }
        List<Instant> ticks = new ArrayList<>();
        long first = Math.floorDiv(windowStart.get().toEpochMilli(), step) * step + step;
        for (long t = first; t <= windowStart.get().toEpochMilli() + spanMillis; t += step) {
            ticks.add(Instant.ofEpochMilli(t));
        }
        return ticks;
    }

    // ---- markers

    private void refreshMarkers() {
        TimelineSnapshot current = snapshot.get();
        Duration margin = span.get().dividedBy(2);
        Instant from = windowStart.get().minus(margin);
        Instant to = windowStart.get().plus(span.get()).plus(margin);
        listedFrom = from;
        listedTo = to;
        List<TimelineMarker> visible = new ArrayList<>();
        for (HeartbeatRenewed beat : current.heartbeats()) {
            if (inside(beat.receivedAt(), from, to)) {
                visible.add(new TimelineMarker(beat.lane(), beat.receivedAt(), beat.serverTime(), beat.kind(), "♥",
                        "", List.of(), false, true, TimelineStyles.HEARTBEAT));
            }
        }
        Set<String> alreadyThere = podsPresentAtStart(current.markers());
        for (TimelineEvent event : current.markers()) {
            if (isStartupNoise(event, alreadyThere)) {
                continue;
            }
            // The "last heartbeat" marker belongs where that heartbeat was received.
            Instant at = event instanceof HeartbeatsStopped stopped ? stopped.lastReceivedAt() : event.receivedAt();
            if (!inside(at, from, to)) {
                continue;
            }
            List<String> labels = current.labelsOf(event).stream().map(KubeEvent::describe).toList();
            visible.add(new TimelineMarker(event.lane(), at, event.serverTime(), event.kind(), symbol(event.kind()),
                    event.describe(), labels, false, false, TimelineStyles.markerClass(event.kind())));
        }
        for (FailoverRun run : current.runs()) {
            addPredictions(run, visible, from, to);
        }
        markers.set(List.copyOf(visible));
    }

    /**
     * Pods that were already running when PiRack first saw them (created well before): their
     * created/scheduled/running/ready markers would only repeat PiRack's start-up.
     */
    private static Set<String> podsPresentAtStart(List<TimelineEvent> events) {
        Set<String> uids = new HashSet<>();
        for (TimelineEvent event : events) {
            if (event instanceof PodCreated created && created.createdAt() != null
                    && Duration.between(created.createdAt(), created.receivedAt()).compareTo(STARTUP_AGE) > 0) {
                uids.add(created.pod().uid());
            }
        }
        return uids;
    }

    private static boolean isStartupNoise(TimelineEvent event, Set<String> podsPresentAtStart) {
        if (event instanceof NodeReadyChanged ready) {
            return ready.from() == ConditionStatus.ABSENT && ready.to() == ConditionStatus.TRUE;
        }
        String uid = event instanceof PodCreated e ? e.pod().uid()
                : event instanceof PodScheduled e ? e.pod().uid()
                : event instanceof PodRunning e ? e.pod().uid()
                : event instanceof PodReady e ? e.pod().uid() : null;
        return uid != null && podsPresentAtStart.contains(uid);
    }

    private static void addPredictions(FailoverRun run, List<TimelineMarker> out, Instant from, Instant to) {
        Prediction p = run.prediction();
        if (p == null || !run.trigger().startsWith("plug")) {
            return; // a spontaneous run starts at NotReady: nothing left to predict
        }
        if (inside(p.notReadyEarliest(), from, to)) {
            out.add(new TimelineMarker(run.node(), p.notReadyEarliest(), null, null, "◇",
                    "predicted NotReady " + window(run, p.notReadyEarliest(), p.notReadyLatest()), List.of(), true,
                    false, TimelineStyles.PREDICTED_SYMBOL));
        }
        if (p.evictionEarliest() != null && inside(p.evictionEarliest(), from, to)) {
            out.add(new TimelineMarker(run.node(), p.evictionEarliest(), null, null, "◇",
                    "predicted eviction " + window(run, p.evictionEarliest(), p.evictionLatest())
                            + " (tolerationSeconds " + p.toleranceSeconds() + ")",
                    List.of(), true, false, TimelineStyles.PREDICTED_SYMBOL));
        }
    }

    private static String window(FailoverRun run, Instant earliest, Instant latest) {
        String first = seconds(Duration.between(run.start(), earliest));
        return earliest.equals(latest) ? first : first + "–" + seconds(Duration.between(run.start(), latest));
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static boolean inside(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && !at.isAfter(to);
    }

    /** Shapes per kind, so no state depends on colour alone. */
    static String symbol(TimelineEventKind kind) {
        return switch (kind) {
            case PLUG_PULLED -> "⊘";
            case PLUG_RESTORED -> "⊙";
            case LINK_LOST -> "⚡✕";
            case LINK_REGAINED -> "⚡";
            case HEARTBEAT_RENEWED -> "♥";
            case HEARTBEATS_STOPPED -> "♡";
            case NODE_READY_CHANGED -> "●";
            case TAINT_ADDED -> "▲";
            case TAINT_REMOVED -> "△";
            case POD_MARKED_FOR_DELETION -> "✕";
            case POD_CREATED -> "+";
            case POD_SCHEDULED -> "→";
            case POD_RUNNING -> "▶";
            case POD_READY -> "✓";
            case POD_DELETED -> "∅";
            case API_OUTAGE -> "⚠";
            case API_RESTORED -> "☁";
            case TUNING_APPLIED -> "⚙";
            case KUBE_EVENT -> "✉";
        };
    }

    // ---- properties

    public ReadOnlyObjectProperty<TimelineSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ObjectProperty<Duration> spanProperty() {
        return span;
    }

    public ObjectProperty<Instant> windowStartProperty() {
        return windowStart;
    }

    public BooleanProperty followNowProperty() {
        return followNow;
    }

    public ReadOnlyStringProperty stopwatchProperty() {
        return stopwatch.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runActiveProperty() {
        return runActive.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<String>> lanesProperty() {
        return lanes.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<TimelineMarker>> markersProperty() {
        return markers.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }
}
