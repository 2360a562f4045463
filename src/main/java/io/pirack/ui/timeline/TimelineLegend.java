package io.pirack.ui.timeline;

import io.pirack.core.timeline.TimelineEventKind;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;

/** The legend under the timeline's axis (on screen and in the PNG export). */
final class TimelineLegend {

    private TimelineLegend() {
    }

    /** What each symbol means, in words (never colour alone). */
    static Node node() {
        FlowPane legend = new FlowPane(14, 2);
        legend.getStyleClass().add(TimelineStyles.LEGEND);
        legend.setPadding(new Insets(2, 12, 4, TimelineView.LANE_NAME_WIDTH));
        Object[][] entries = {
                {TimelineEventKind.PLUG_PULLED, "plug pulled"}, {TimelineEventKind.LINK_LOST, "link lost"},
                {TimelineEventKind.HEARTBEATS_STOPPED, "heartbeats stop"},
                {TimelineEventKind.NODE_READY_CHANGED, "Ready changed"}, {TimelineEventKind.TAINT_ADDED, "taint"},
                {TimelineEventKind.POD_MARKED_FOR_DELETION, "evicted"}, {TimelineEventKind.POD_CREATED, "created"},
                {TimelineEventKind.POD_READY, "Ready"}};
        for (Object[] entry : entries) {
            TimelineEventKind kind = (TimelineEventKind) entry[0];
            Label label = new Label(TimelineMarkers.symbol(kind) + " " + entry[1]);
            label.getStyleClass().addAll(TimelineStyles.LEGEND_ENTRY, TimelineStyles.markerClass(kind) + "-legend");
            label.setMinWidth(Region.USE_PREF_SIZE);
            legend.getChildren().add(label);
        }
        Label beats = new Label("▬ heartbeats (gap = silent)");
        beats.getStyleClass().add(TimelineStyles.LEGEND_ENTRY);
        beats.setMinWidth(Region.USE_PREF_SIZE);
        Label predicted = new Label("┆ ┆ predicted window");
        predicted.getStyleClass().add(TimelineStyles.LEGEND_ENTRY);
        predicted.setMinWidth(Region.USE_PREF_SIZE);
        Label outage = new Label("⚠ API server unreachable");
        outage.getStyleClass().add(TimelineStyles.LEGEND_ENTRY);
        outage.setMinWidth(Region.USE_PREF_SIZE);
        legend.getChildren().addAll(beats, predicted, outage);
        return legend;
    }
}
