package io.pirack.ui.timeline;

import io.pirack.core.cluster.TimeText;
import io.pirack.ui.common.SkinnedLabels;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;

/**
 * The time axis under the lanes, outside their scroll pane so it stays visible: tick labels in the
 * model's words (seconds since the selected run's pull, or the clock), never touching, wall clock on hover.
 */
final class TimelineAxis extends Pane {

    static final double HEIGHT = 24;

    TimelineAxis() {
        getStyleClass().add(TimelineStyles.AXIS);
        setMinHeight(HEIGHT);
        setPrefHeight(HEIGHT);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
    }

    /**
     * @param xOf       where a time sits across the plot
     * @param right     the plot's right edge
     * @param textWidth how wide a tick label is drawn
     */
    void show(TimelineViewModel model, List<Instant> ticks, ToDoubleFunction<Instant> xOf, double right,
              ToDoubleFunction<String> textWidth) {
        getChildren().clear();
        double previousEnd = Double.NEGATIVE_INFINITY;
        for (Instant tick : ticks) {
            double x = xOf.applyAsDouble(tick);
            Label text = SkinnedLabels.of(model.axisLabel(tick));
            text.getStyleClass().add(TimelineStyles.AXIS_TICK);
            text.setMinWidth(Region.USE_PREF_SIZE);
            Tooltip.install(text, new Tooltip("wall clock " + TimeText.clock(tick)));
            double width = textWidth.applyAsDouble(text.getText());
            double left = Math.min(right - width, x - width / 2);
            if (left < TimelineView.LANE_NAME_WIDTH - 4 || left < previousEnd + 6) {
                continue; // would sit under the lane names or touch the label before it
            }
            previousEnd = left + width;
            text.relocate(left, 3);
            getChildren().add(text);
        }
        Label unit = SkinnedLabels.of(model.axisOrigin() == null ? "clock" : "s since pull");
        unit.getStyleClass().add(TimelineStyles.AXIS_UNIT);
        unit.setMinWidth(Region.USE_PREF_SIZE);
        unit.relocate(8, 3);
        getChildren().add(unit);
    }
}
