package io.pirack.ui.timeline;

import io.pirack.core.timeline.TimelineEventKind;
import java.util.Locale;

/** Style-class names shared by the timeline's code, its stylesheet and its TestFX lookups. */
public final class TimelineStyles {

    public static final String VIEW = "timeline-view";
    public static final String STOPWATCH = "timeline-stopwatch";
    public static final String PHASE = "timeline-phase";
    public static final String LANE = "timeline-lane";
    public static final String LANE_NAME = "timeline-lane-name";
    public static final String MARKER = "timeline-marker";
    public static final String MARKER_LABEL = "timeline-marker-label";
    public static final String HEARTBEAT = "timeline-heartbeat";
    /** On the box of a predicted milestone (dashed frame). */
    public static final String PREDICTED = "timeline-predicted";
    /** On the symbol of a predicted milestone. */
    public static final String PREDICTED_SYMBOL = "timeline-marker-predicted";
    public static final String NOW_CURSOR = "timeline-now";
    public static final String AXIS_TICK = "timeline-axis-tick";

    private TimelineStyles() {
    }

    /** "timeline-marker-pod-ready" for {@link TimelineEventKind#POD_READY}. */
    public static String markerClass(TimelineEventKind kind) {
        return MARKER + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
