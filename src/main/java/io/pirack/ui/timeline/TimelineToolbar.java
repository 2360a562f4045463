package io.pirack.ui.timeline;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The timeline's top bar: the run's phase and stopwatch, then "Hide kube-system", zoom and "Now". */
final class TimelineToolbar extends HBox {

    /** One zoom step (a button press or a scroll notch): the window's width times this. */
    static final double ZOOM_STEP = 0.8;

    TimelineToolbar(TimelineViewModel model) {
        Label stopwatch = new Label();
        Label phase = new Label();
        stopwatch.getStyleClass().add(TimelineStyles.STOPWATCH);
        stopwatch.textProperty().bind(model.stopwatchProperty());
        stopwatch.setMinWidth(Region.USE_PREF_SIZE);
        phase.getStyleClass().add(TimelineStyles.PHASE);
        phase.textProperty().bind(model.phaseProperty());
        phase.setMinWidth(Region.USE_PREF_SIZE);
        VBox clock = new VBox(phase, stopwatch);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        CheckBox system = new CheckBox("Hide kube-system");
        system.setId("timeline-hide-system");
        system.setTooltip(new Tooltip("Leave out kube-system pods and their Events"));
        system.selectedProperty().bindBidirectional(model.hideSystemProperty());
        system.setMinWidth(Region.USE_PREF_SIZE);
        Button zoomIn = new Button("+");
        zoomIn.setId("timeline-zoom-in");
        zoomIn.setTooltip(new Tooltip("Zoom in (scroll up on the lanes)"));
        zoomIn.setOnAction(e -> model.zoom(ZOOM_STEP, TimelineViewModel.NOW_POSITION));
        Button zoomOut = new Button("−");
        zoomOut.setId("timeline-zoom-out");
        zoomOut.setTooltip(new Tooltip("Zoom out"));
        zoomOut.setOnAction(e -> model.zoom(1 / ZOOM_STEP, TimelineViewModel.NOW_POSITION));
        ToggleButton follow = new ToggleButton("Now");
        follow.setId("timeline-follow");
        follow.setTooltip(new Tooltip("Follow the present"));
        follow.selectedProperty().bindBidirectional(model.followNowProperty());
        follow.setOnAction(e -> {
            if (follow.isSelected()) {
                model.followNow();
            }
        });
        setSpacing(12);
        getChildren().addAll(clock, spacer, system, zoomOut, zoomIn, follow);
        getStyleClass().add(TimelineStyles.TOOLBAR);
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6, 12, 6, 12));
    }
}
