package io.pirack.ui.timeline;

import io.pirack.core.cluster.TimeText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The failover timeline: a big stopwatch with the current phase on top; below, one lane per node plus
 * a cluster lane, markers with their labels, predicted milestones (dashed), time ticks and a live
 * "now" cursor. Scroll to zoom, drag to pan, "Now" to follow the present again.
 *
 * <p>Marker nodes are kept per marker and only moved when the window slides, so following "now"
 * every frame costs a relayout, not a rebuild.
 */
public final class TimelineView extends BorderPane {

    private static final int ROWS = 4;
    private static final double ROW_HEIGHT = 30;
    static final double LANE_HEIGHT = 20 + ROWS * ROW_HEIGHT;
    private static final double MARKER_SPACING = 140;
    static final double LANE_NAME_WIDTH = 110;
    private static final double ZOOM_STEP = 0.8;

    private final TimelineViewModel model;
    private final Pane plot = new Pane();
    private final Pane laneLayer = new Pane();
    private final Pane tickLayer = new Pane();
    private final Pane markerLayer = new Pane();
    private final Line nowCursor = new Line();
    private final Map<TimelineMarker, Node> markerNodes = new HashMap<>();
    private final Label stopwatch = new Label();
    private final Label phase = new Label();
    private double dragStartX = Double.NaN;
    private List<Instant> shownTicks = List.of();

    public TimelineView(TimelineViewModel model) {
        this.model = model;
        getStyleClass().add(TimelineStyles.VIEW);
        getStylesheets().add(TimelineView.class.getResource("timeline.css").toExternalForm());
        setTop(header());
        setCenter(plotArea());

        model.markersProperty().addListener((o, was, is) -> syncMarkers(is));
        model.lanesProperty().addListener((o, was, is) -> rebuildLanes());
        model.windowStartProperty().addListener((o, was, is) -> relayout());
        model.spanProperty().addListener((o, was, is) -> relayout());
        model.nowProperty().addListener((o, was, is) -> placeNowCursor());
        plot.widthProperty().addListener((o, was, is) -> relayout());
        plot.heightProperty().addListener((o, was, is) -> relayout());
        rebuildLanes();
        syncMarkers(model.markersProperty().get());
    }

    private Node header() {
        stopwatch.getStyleClass().add(TimelineStyles.STOPWATCH);
        stopwatch.textProperty().bind(model.stopwatchProperty());
        phase.getStyleClass().add(TimelineStyles.PHASE);
        phase.textProperty().bind(model.phaseProperty());
        VBox clock = new VBox(phase, stopwatch);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button zoomIn = new Button("+");
        zoomIn.setId("timeline-zoom-in");
        zoomIn.setTooltip(new Tooltip("Zoom in"));
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
        HBox bar = new HBox(12, clock, spacer, zoomOut, zoomIn, follow);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        return bar;
    }

    private Node plotArea() {
        nowCursor.getStyleClass().add(TimelineStyles.NOW_CURSOR);
        nowCursor.setManaged(false);
        plot.getChildren().addAll(laneLayer, tickLayer, markerLayer, nowCursor);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(plot.widthProperty());
        clip.heightProperty().bind(plot.heightProperty());
        plot.setClip(clip);
        plot.setMinHeight(LANE_HEIGHT * 2);
        plot.addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                model.zoom(e.getDeltaY() > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, fractionAt(e.getX()));
                e.consume();
            }
        });
        plot.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> dragStartX = e.getX());
        plot.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!Double.isNaN(dragStartX)) {
                model.pan((dragStartX - e.getX()) / plotWidth());
                dragStartX = e.getX();
            }
        });
        plot.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> dragStartX = Double.NaN);
        return plot;
    }

    private double plotWidth() {
        return Math.max(1, plot.getWidth() - LANE_NAME_WIDTH);
    }

    private double fractionAt(double x) {
        return (x - LANE_NAME_WIDTH) / plotWidth();
    }

    private double xOf(Instant at) {
        return LANE_NAME_WIDTH + model.positionOf(at) * plotWidth();
    }

    private double laneY(String lane) {
        int index = model.lanesProperty().get().indexOf(lane);
        return Math.max(0, index) * LANE_HEIGHT;
    }

    private void rebuildLanes() {
        laneLayer.getChildren().clear();
        List<String> lanes = model.lanesProperty().get();
        for (int i = 0; i < lanes.size(); i++) {
            Region band = new Region();
            band.getStyleClass().add(TimelineStyles.LANE);
            band.setLayoutY(i * LANE_HEIGHT);
            band.setPrefHeight(LANE_HEIGHT);
            band.prefWidthProperty().bind(plot.widthProperty());
            Label name = new Label(lanes.get(i));
            name.getStyleClass().add(TimelineStyles.LANE_NAME);
            name.setLayoutX(8);
            name.setLayoutY(i * LANE_HEIGHT + 6);
            laneLayer.getChildren().addAll(band, name);
        }
        plot.setPrefHeight(Math.max(2, lanes.size()) * LANE_HEIGHT);
        relayout();
    }

    private void syncMarkers(List<TimelineMarker> markers) {
        Map<TimelineMarker, Node> kept = new HashMap<>();
        List<Node> ordered = new ArrayList<>();
        for (TimelineMarker marker : markers) {
            Node node = markerNodes.get(marker);
            if (node == null) {
                node = markerNode(marker);
            }
            kept.put(marker, node);
            ordered.add(node);
        }
        markerNodes.clear();
        markerNodes.putAll(kept);
        markerLayer.getChildren().setAll(ordered);
        relayout();
    }

    private Node markerNode(TimelineMarker marker) {
        Label symbol = new Label(marker.symbol());
        symbol.getStyleClass().addAll(TimelineStyles.MARKER, marker.styleClass());
        if (marker.heartbeat()) {
            symbol.setUserData(marker);
            return symbol;
        }
        VBox box = new VBox(1, symbol);
        Label text = new Label(marker.text());
        text.getStyleClass().add(TimelineStyles.MARKER_LABEL);
        box.getChildren().add(text);
        for (String label : marker.labels()) {
            Label extra = new Label(label);
            extra.getStyleClass().addAll(TimelineStyles.MARKER_LABEL, "timeline-kube-event");
            box.getChildren().add(extra);
        }
        if (marker.predicted()) {
            box.getStyleClass().add(TimelineStyles.PREDICTED);
        }
        String server = marker.serverTime() == null ? "" : "\nserver time " + TimeText.clock(marker.serverTime());
        Tooltip.install(box, new Tooltip(marker.text() + "\nPiRack time " + TimeText.clock(marker.at()) + server
                + (marker.labels().isEmpty() ? "" : "\n" + String.join("\n", marker.labels()))));
        box.setUserData(marker);
        return box;
    }

    private void relayout() {
        layoutTicks();
        // Markers close together on a lane take turns between rows so their labels stay readable.
        Map<String, double[]> lastXByLaneRow = new HashMap<>();
        for (Node node : markerLayer.getChildren()) {
            TimelineMarker marker = (TimelineMarker) node.getUserData();
            double x = xOf(marker.at());
            node.setLayoutX(x - 6);
            if (marker.heartbeat()) {
                node.setLayoutY(laneY(marker.lane()) + 2);
                continue;
            }
            double[] lastX = lastXByLaneRow.computeIfAbsent(marker.lane(), l -> emptyRows());
            int row = 0;
            for (int r = 0; r < lastX.length; r++) {
                if (x - lastX[r] >= MARKER_SPACING) {
                    row = r;
                    break;
                }
                if (lastX[r] < lastX[row]) {
                    row = r; // every row is busy: overlap where the previous label is furthest back
                }
            }
            lastX[row] = x;
            node.setLayoutY(laneY(marker.lane()) + 16 + row * ROW_HEIGHT);
        }
        placeNowCursor();
    }

    /** A picture of the whole view for the PNG export; call on the FX thread. */
    public java.awt.image.BufferedImage capture() {
        return TimelinePng.capture(this);
    }

    /** Gridlines with their clock labels; nodes are only rebuilt when the set of tick times changes. */
    private void layoutTicks() {
        List<Instant> ticks = model.ticks();
        if (!ticks.equals(shownTicks)) {
            tickLayer.getChildren().clear();
            for (Instant tick : ticks) {
                Line line = new Line();
                line.getStyleClass().add(TimelineStyles.AXIS_TICK);
                Label time = new Label(TimeText.clock(tick));
                time.getStyleClass().add(TimelineStyles.AXIS_TICK);
                tickLayer.getChildren().addAll(line, time);
            }
            shownTicks = ticks;
        }
        double height = Math.max(plot.getHeight(), model.lanesProperty().get().size() * LANE_HEIGHT);
        for (int i = 0; i < ticks.size(); i++) {
            double x = xOf(ticks.get(i));
            Line line = (Line) tickLayer.getChildren().get(2 * i);
            line.setStartX(x);
            line.setEndX(x);
            line.setEndY(height);
            Node time = tickLayer.getChildren().get(2 * i + 1);
            time.setLayoutX(x + 2);
            time.setLayoutY(height - 18);
        }
    }

    private static double[] emptyRows() {
        double[] rows = new double[ROWS];
        java.util.Arrays.fill(rows, Double.NEGATIVE_INFINITY);
        return rows;
    }

    private void placeNowCursor() {
        double x = xOf(model.nowProperty().get());
        nowCursor.setStartX(x);
        nowCursor.setEndX(x);
        nowCursor.setStartY(0);
        nowCursor.setEndY(Math.max(plot.getHeight(), model.lanesProperty().get().size() * LANE_HEIGHT));
    }
}
