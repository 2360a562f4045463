package io.pirack.ui.timeline;

import io.pirack.core.cluster.TimeText;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.RunSummary;
import io.pirack.core.timeline.TimelineSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            outages.set(TimelineBands.outages(next.markers()));
            heartbeatStrips.set(TimelineBands.strips(next.heartbeats()));
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
        Duration margin = span.get().dividedBy(2);
        listedFrom = windowStart.get().minus(margin);
        listedTo = windowStart.get().plus(span.get()).plus(margin);
        markers.set(TimelineMarkers.between(snapshot.get(), listedFrom, listedTo, hideSystem.get(), selectedRun.get()));
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
