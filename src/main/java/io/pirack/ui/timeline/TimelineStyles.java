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
    /** On the box of a predicted milestone (dashed frame). */
    public static final String PREDICTED = "timeline-predicted";
    /** On the symbol of a predicted milestone. */
    public static final String PREDICTED_SYMBOL = "timeline-marker-predicted";
    public static final String NOW_CURSOR = "timeline-now";
    public static final String AXIS_TICK = "timeline-axis-tick";
    /** The sticky axis under the lanes. */
    public static final String AXIS = "timeline-axis";
    public static final String AXIS_UNIT = "timeline-axis-unit";
    public static final String GRIDLINE = "timeline-gridline";
    public static final String TOOLBAR = "timeline-toolbar";
    public static final String RUNS = "timeline-runs";
    public static final String PLOT = "timeline-plot";
    public static final String LANES = "timeline-lanes";
    /** Summary + lanes + axis + legend: what the PNG export shows. */
    public static final String EXPORT_AREA = "timeline-export-area";
    public static final String LEGEND = "timeline-legend";
    public static final String LEGEND_ENTRY = "timeline-legend-entry";
    public static final String HEARTBEAT_STRIP = "timeline-heartbeat-strip";
    public static final String OUTAGE = "timeline-outage";
    public static final String OUTAGE_LABEL = "timeline-outage-label";
    /** On the symbol of a marker that stands for several simultaneous events. */
    public static final String COLLAPSED = "timeline-collapsed";

    private TimelineStyles() {
    }

    /** "timeline-marker-pod-ready" for {@link TimelineEventKind#POD_READY}. */
    public static String markerClass(TimelineEventKind kind) {
        return MARKER + "-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
