package io.pirack.ui.timeline;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.Prediction;
import io.pirack.core.timeline.RunSummary;
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
    private final ReadOnlyObjectWrapper<List<RunSummary>> runSummaries = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<RunSummary> selectedRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<Interval>> outages = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<List<Strip>> heartbeatStrips = new ReadOnlyObjectWrapper<>(List.of());
    private final BooleanProperty hideSystem = new SimpleBooleanProperty(false);
    /** The chosen run, by node and start; null = the active run, else the newest. */
    private String chosenNode;
    private Instant chosenStart;

    /** A stretch of time, {@code to} null while still open. */
    public record Interval(Instant from, Instant to, String text) {
    }

    /** A lane's heartbeats as one strip: beating between {@code from} and {@code to}. */
    public record Strip(String lane, Instant from, Instant to) {
    }

    /** Beats further apart than this many typical gaps leave the strip silent in between. */
    static final double SILENT_AFTER_GAPS = 2.5;

    /** Markers are listed for the window plus half a width on each side, so sliding needs no new list. */
    private Instant listedFrom = Instant.MAX;
    private Instant listedTo = Instant.MIN;

    public TimelineViewModel() {
        span.addListener((o, was, is) -> refreshMarkers());
        hideSystem.addListener((o, was, is) -> refreshMarkers());
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
            outages.set(outagesOf(next.markers()));
            heartbeatStrips.set(strips(next.heartbeats()));
        }
        if (previous.runs() != next.runs() || next.activeRun().isPresent()) {
            refreshSummaries(next);
        }
    }

    // ---- runs

    private void refreshSummaries(TimelineSnapshot current) {
        List<RunSummary> list = new ArrayList<>();
        for (FailoverRun run : current.runs()) {
            list.add(RunSummary.of(run, current.now()));
        }
        list.sort(java.util.Comparator.comparing(RunSummary::start).reversed());
        runSummaries.set(List.copyOf(list));
        RunSummary chosen = null;
        if (chosenStart != null) {
            chosen = list.stream().filter(r -> r.start().equals(chosenStart) && r.node().equals(chosenNode))
                    .findFirst().orElse(null);
        }
        if (chosen == null) {
            chosen = list.stream().filter(RunSummary::inProgress).findFirst().orElse(list.isEmpty() ? null : list.get(0));
        }
        boolean changed = selectedRun.get() == null || chosen == null
                || !selectedRun.get().start().equals(chosen.start()) || !selectedRun.get().node().equals(chosen.node());
        selectedRun.set(chosen);
        if (changed) {
            refreshMarkers(); // predictions follow the selected run
        }
    }

    /** Chooses a run: the summary highlights it, the lanes show the whole of it, the axis counts from its pull. */
    public void select(RunSummary summary) {
        chosenNode = summary.node();
        chosenStart = summary.start();
        selectedRun.set(summary);
        snapshot.get().runs().stream()
                .filter(r -> r.start().equals(summary.start()) && r.node().equals(summary.node()))
                .findFirst().ifPresent(this::showRun);
        refreshMarkers();
    }

    /** Where the time axis counts from: the selected run's pull, or null (wall-clock axis) without runs. */
    public Instant axisOrigin() {
        RunSummary selected = selectedRun.get();
        return selected == null ? null : selected.start();
    }

    /** "+12 s", "−5 s", "+2 min 30 s" since the selected run's pull; the wall clock when there is no run. */
    public String axisLabel(Instant tick) {
        Instant origin = axisOrigin();
        if (origin == null) {
            return TimeText.clock(tick);
        }
        long millis = Duration.between(origin, tick).toMillis();
        long s = Math.round(millis / 1000.0);
        String sign = s < 0 ? "−" : s == 0 ? "" : "+";
        long abs = Math.abs(s);
        if (abs < 120) {
            return sign + abs + " s";
        }
        return sign + (abs / 60) + " min" + (abs % 60 == 0 ? "" : " " + (abs % 60) + " s");
    }

    private static List<Interval> outagesOf(List<TimelineEvent> events) {
        List<Interval> list = new ArrayList<>();
        Instant openSince = null;
        String text = null;
        for (TimelineEvent event : events) {
            if (event instanceof TimelineEvent.ApiOutage o && openSince == null) {
                openSince = o.receivedAt();
                text = o.describe();
            } else if (event instanceof TimelineEvent.ApiRestored r && openSince != null) {
                list.add(new Interval(openSince, r.receivedAt(), text));
                openSince = null;
            }
        }
        if (openSince != null) {
            list.add(new Interval(openSince, null, text));
        }
        return List.copyOf(list);
    }

    /**
     * Heartbeats as strips per lane: consecutive beats closer than {@link #SILENT_AFTER_GAPS} typical gaps
     * (the lane's median gap) join; a longer gap is silence.
     */
    static List<Strip> strips(List<HeartbeatRenewed> beats) {
        java.util.Map<String, List<Instant>> byLane = new java.util.LinkedHashMap<>();
        for (HeartbeatRenewed beat : beats) {
            byLane.computeIfAbsent(beat.lane(), l -> new ArrayList<>()).add(beat.receivedAt());
        }
        List<Strip> strips = new ArrayList<>();
        byLane.forEach((lane, times) -> {
            times.sort(null);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis());
            }
            gaps.sort(null);
            long typical = gaps.isEmpty() ? 10_000 : Math.max(500, gaps.get(gaps.size() / 2));
            Instant from = times.get(0);
            Instant last = from;
            for (Instant t : times.subList(1, times.size())) {
                if (Duration.between(last, t).toMillis() > typical * SILENT_AFTER_GAPS) {
                    strips.add(new Strip(lane, from, last));
                    from = t;
                }
                last = t;
            }
            strips.add(new Strip(lane, from, last));
        });
        return List.copyOf(strips);
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
        // Round seconds since the selected run's pull, or round wall-clock times without a run.
        long base = axisOrigin() == null ? 0 : axisOrigin().toEpochMilli();
        long first = base + Math.floorDiv(windowStart.get().toEpochMilli() - base, step) * step + step;
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
        Set<String> alreadyThere = podsPresentAtStart(current.markers());
        for (TimelineEvent event : current.markers()) {
            if (isStartupNoise(event, alreadyThere) || hideSystem.get() && isSystem(event)
                    || event instanceof TimelineEvent.ApiOutage || event instanceof TimelineEvent.ApiRestored) {
                continue; // an API outage is drawn as one band across every lane
            }
            // The "last heartbeat" marker belongs where that heartbeat was received.
            Instant at = event instanceof HeartbeatsStopped stopped ? stopped.lastReceivedAt() : event.receivedAt();
            if (!inside(at, from, to)) {
                continue;
            }
            List<String> labels = current.labelsOf(event).stream()
                    .filter(k -> !hideSystem.get() || !isSystem(k)).map(KubeEvent::describe).toList();
            visible.add(new TimelineMarker(event.lane(), at, event.serverTime(), event.kind(), symbol(event.kind()),
                    event.describe(), labels, false, TimelineStyles.markerClass(event.kind()), null));
        }
        RunSummary selected = selectedRun.get();
        for (FailoverRun run : current.runs()) {
            // Predictions belong to their run: drawn while it runs (and is the one shown), kept in its summary after.
            if (run.inProgress() && (selected == null || run.start().equals(selected.start()))) {
                addPredictions(run, visible, from, to);
            }
        }
        markers.set(List.copyOf(visible));
    }

    /** kube-system pods and their Kubernetes Events: noise for an audience. */
    static boolean isSystem(TimelineEvent event) {
        return event.subject() != null && event.subject().startsWith("kube-system/");
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
                    TimelineStyles.PREDICTED_SYMBOL, p.notReadyLatest()));
        }
        if (p.evictionEarliest() != null && inside(p.evictionEarliest(), from, to)) {
            out.add(new TimelineMarker(run.node(), p.evictionEarliest(), null, null, "◇",
                    "predicted eviction " + window(run, p.evictionEarliest(), p.evictionLatest())
                            + " (tolerationSeconds " + p.toleranceSeconds() + ")",
                    List.of(), true, TimelineStyles.PREDICTED_SYMBOL, p.evictionLatest()));
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

    /** A collapsed marker's words for several events of one kind: "4 pods evicted". */
    static String plural(TimelineEventKind kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case POD_MARKED_FOR_DELETION -> "pods evicted";
            case POD_CREATED -> "pods created";
            case POD_SCHEDULED -> "pods scheduled";
            case POD_RUNNING -> "pods running";
            case POD_READY -> "pods Ready";
            case POD_DELETED -> "pods deleted";
            case TAINT_ADDED -> "taints added";
            case TAINT_REMOVED -> "taints removed";
            case KUBE_EVENT -> "Kubernetes Events";
            default -> null;
        };
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

    /** Every run as the run view draws it, newest first. */
    public ReadOnlyObjectProperty<List<RunSummary>> runSummariesProperty() {
        return runSummaries.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunSummary> selectedRunProperty() {
        return selectedRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Interval>> outagesProperty() {
        return outages.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Strip>> heartbeatStripsProperty() {
        return heartbeatStrips.getReadOnlyProperty();
    }

    /** Hide kube-system pods and their Events (on by default in the audience view). */
    public BooleanProperty hideSystemProperty() {
        return hideSystem;
    }
}
