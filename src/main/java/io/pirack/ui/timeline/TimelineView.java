package io.pirack.ui.timeline;

import io.pirack.core.cluster.TimeText;
import io.pirack.core.timeline.LaneLayout;
import io.pirack.ui.common.SkinnedLabels;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The failover timeline: stopwatch and controls on top, the run view (one summary row per run, newest first;
 * click one to focus the lanes on it), then one lane per Pi plus a cluster lane, and a time axis that stays
 * visible below the lanes in seconds since the selected run's pull (wall clock on hover).
 *
 * <p>Lanes never overlap: markers and labels are placed by the pure {@link LaneLayout} (simultaneous events
 * collapse into one marker with a count, labels that do not fit are dropped and stay in the tooltip);
 * heartbeats are a thin strip (beating) with gaps (silent); an API outage is one band across every lane.
 * Lanes share the height for up to 8 Pis; more scroll with the axis fixed.
 */
public final class TimelineView extends BorderPane {

    /** Lanes never get lower than this (more than 8 Pis scroll) nor higher than {@link #MAX_LANE_HEIGHT}. */
    static final double MIN_LANE_HEIGHT = 52;
    static final double MAX_LANE_HEIGHT = 180;
    static final int LANES_WITHOUT_SCROLLING = 8;
    static final double LANE_NAME_WIDTH = 110;
    private static final double SYMBOL_ROW = 6;
    private static final double LABEL_ROW_HEIGHT = 15;
    private static final double FIRST_LABEL_Y = 26;
    private static final double SYMBOL_WIDTH = 16;

    private final TimelineViewModel model;
    private final Pane plot = new Pane();
    private final Pane laneLayer = new Pane();
    private final Pane bandLayer = new Pane();
    private final Pane gridLayer = new Pane();
    private final Pane markerLayer = new Pane();
    private final TimelineAxis axis = new TimelineAxis();
    private final Line nowCursor = new Line();
    private final ScrollPane laneScroll = new ScrollPane();
    private final VBox exportArea = new VBox();
    private final RunSummaryView runView = new RunSummaryView(false);
    private final Text measure = new Text();
    private double laneHeight = MAX_LANE_HEIGHT;
    private double dragStartX = Double.NaN;

    public TimelineView(TimelineViewModel model) {
        this.model = model;
        getStyleClass().add(TimelineStyles.VIEW);
        getStylesheets().add(TimelineView.class.getResource("timeline.css").toExternalForm());
        runView.bind(model.runSummariesProperty(), model.selectedRunProperty(), model::select);
        ScrollPane runs = new ScrollPane(runView);
        runs.setFitToWidth(true);
        runs.getStyleClass().add(TimelineStyles.RUNS);
        runs.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        runs.maxHeightProperty().bind(heightProperty().multiply(0.36));
        runs.prefHeightProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> runView.prefHeight(Math.max(1, getWidth() - 24)) + 4, runView.heightProperty(), widthProperty(),
                model.runSummariesProperty()));
        runs.setMinHeight(0);
        setTop(new VBox(new TimelineToolbar(model), runs));
        setCenter(lanesArea());

        model.markersProperty().addListener((o, was, is) -> relayout());
        model.lanesProperty().addListener((o, was, is) -> relayout());
        model.windowStartProperty().addListener((o, was, is) -> relayout());
        model.spanProperty().addListener((o, was, is) -> relayout());
        model.outagesProperty().addListener((o, was, is) -> relayout());
        model.heartbeatStripsProperty().addListener((o, was, is) -> relayout());
        model.selectedRunProperty().addListener((o, was, is) -> relayout());
        model.nowProperty().addListener((o, was, is) -> placeNowCursor());
        laneScroll.viewportBoundsProperty().addListener((o, was, is) -> relayout());
        relayout();
    }

    private Node lanesArea() {
        nowCursor.getStyleClass().add(TimelineStyles.NOW_CURSOR);
        nowCursor.setManaged(false);
        plot.getChildren().addAll(laneLayer, bandLayer, gridLayer, markerLayer, nowCursor);
        plot.getStyleClass().add(TimelineStyles.PLOT);
        laneScroll.setContent(plot);
        laneScroll.setFitToWidth(true);
        laneScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        laneScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        laneScroll.getStyleClass().add(TimelineStyles.LANES);
        laneScroll.setMinHeight(MIN_LANE_HEIGHT * 2);
        VBox.setVgrow(laneScroll, Priority.ALWAYS);
        plot.addEventFilter(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0 && !e.isShiftDown()) {
                model.zoom(e.getDeltaY() > 0 ? TimelineToolbar.ZOOM_STEP : 1 / TimelineToolbar.ZOOM_STEP, fractionAt(e.getX()));
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

        axis.widthProperty().addListener((o, was, is) -> relayout());

        exportArea.getChildren().addAll(laneScroll, axis, TimelineLegend.node());
        exportArea.getStyleClass().add(TimelineStyles.EXPORT_AREA);
        return exportArea;
    }

    private double plotWidth() {
        double width = laneScroll.getViewportBounds().getWidth() > 0 ? laneScroll.getViewportBounds().getWidth()
                : plot.getWidth();
        return Math.max(1, width - LANE_NAME_WIDTH - 8);
    }

    private double fractionAt(double x) {
        return (x - LANE_NAME_WIDTH) / plotWidth();
    }

    private double xOf(Instant at) {
        return LANE_NAME_WIDTH + model.positionOf(at) * plotWidth();
    }

    /** The lanes share the visible height (up to 8 lanes), within [MIN, MAX]. */
    private void sizeLanes(int lanes) {
        // Up to 8 lanes always fit, so the scroll bar never flickers in and changes the plot's width.
        laneScroll.setVbarPolicy(lanes > LANES_WITHOUT_SCROLLING ? ScrollPane.ScrollBarPolicy.AS_NEEDED
                : ScrollPane.ScrollBarPolicy.NEVER);
        double viewport = laneScroll.getViewportBounds().getHeight();
        if (viewport <= 0) {
            viewport = MAX_LANE_HEIGHT * 2;
        }
        double share = viewport / Math.max(1, Math.min(lanes, LANES_WITHOUT_SCROLLING));
        laneHeight = Math.max(MIN_LANE_HEIGHT, Math.min(MAX_LANE_HEIGHT, Math.floor(share)));
        double total = lanes * laneHeight;
        plot.setMinHeight(total);
        plot.setPrefHeight(total);
        plot.setMaxHeight(total);
    }

    private double laneY(String lane) {
        int index = model.lanesProperty().get().indexOf(lane);
        return Math.max(0, index) * laneHeight;
    }

    private void relayout() {
        List<String> lanes = model.lanesProperty().get();
        sizeLanes(lanes.size());
        layoutLanes(lanes);
        layoutGridAndAxis(lanes.size() * laneHeight);
        layoutBands(lanes.size() * laneHeight);
        layoutMarkers();
        placeNowCursor();
    }

    private void layoutLanes(List<String> lanes) {
        laneLayer.getChildren().clear();
        double width = Math.max(plot.getWidth(), laneScroll.getViewportBounds().getWidth());
        for (int i = 0; i < lanes.size(); i++) {
            Region band = new Region();
            band.getStyleClass().add(TimelineStyles.LANE);
            band.resizeRelocate(0, i * laneHeight, width, laneHeight);
            Label name = SkinnedLabels.of(lanes.get(i));
            name.getStyleClass().add(TimelineStyles.LANE_NAME);
            name.setMaxWidth(LANE_NAME_WIDTH - 12);
            name.setMinWidth(Region.USE_PREF_SIZE);
            name.relocate(8, i * laneHeight + 4);
            laneLayer.getChildren().addAll(band, name);
        }
    }

    /** Gridlines across the lanes and their labels on the fixed axis below. */
    private void layoutGridAndAxis(double height) {
        gridLayer.getChildren().clear();
        List<Instant> ticks = model.ticks();
        for (Instant tick : ticks) {
            double x = xOf(tick);
            Line line = new Line(x, 0, x, height);
            line.getStyleClass().add(TimelineStyles.GRIDLINE);
            gridLayer.getChildren().add(line);
        }
        axis.show(model, ticks, this::xOf, LANE_NAME_WIDTH + plotWidth(), text -> widthOf(text, 11));
    }

    /** API outages as one band over every lane; heartbeat strips at the top of each lane; predicted windows. */
    private void layoutBands(double height) {
        bandLayer.getChildren().clear();
        double left = LANE_NAME_WIDTH;
        double right = LANE_NAME_WIDTH + plotWidth();
        for (TimelineViewModel.Strip strip : model.heartbeatStripsProperty().get()) {
            double from = Math.max(left, xOf(strip.from()));
            double to = Math.min(right, xOf(strip.to()));
            if (to <= left || from >= right) {
                continue;
            }
            Rectangle beat = new Rectangle(from, laneY(strip.lane()) + 2, Math.max(2, to - from), 3);
            beat.getStyleClass().add(TimelineStyles.HEARTBEAT_STRIP);
            Tooltip.install(beat, new Tooltip("heartbeats " + TimeText.clock(strip.from()) + " – "
                    + TimeText.clock(strip.to())));
            bandLayer.getChildren().add(beat);
        }
        for (TimelineViewModel.Interval outage : model.outagesProperty().get()) {
            double from = Math.max(left, xOf(outage.from()));
            double to = Math.min(right, xOf(outage.to() == null ? model.nowProperty().get() : outage.to()));
            if (to <= left || from >= right) {
                continue;
            }
            Rectangle band = new Rectangle(from, 0, Math.max(3, to - from), height);
            band.getStyleClass().add(TimelineStyles.OUTAGE);
            Label text = SkinnedLabels.of("⚠ " + outage.text());
            text.getStyleClass().add(TimelineStyles.OUTAGE_LABEL);
            Tooltip.install(band, new Tooltip(outage.text() + " from " + TimeText.clock(outage.from())
                    + (outage.to() == null ? "" : " to " + TimeText.clock(outage.to()))));
            bandLayer.getChildren().add(band);
            if (widthOf(text.getText(), 11) < to - from) {
                text.setMinWidth(Region.USE_PREF_SIZE);
                text.relocate(from + 3, height - 18);
                bandLayer.getChildren().add(text);
            }
        }
    }

    /**
     * Markers through {@link LaneLayout}: predicted windows as dashed bands, events as symbols (collapsed
     * ones with a count), labels in the free rows below, the rest in tooltips.
     */
    private void layoutMarkers() {
        markerLayer.getChildren().clear();
        double left = LANE_NAME_WIDTH;
        double right = LANE_NAME_WIDTH + plotWidth();
        List<LaneLayout.Item> items = new ArrayList<>();
        Map<LaneLayout.Item, TimelineMarker> source = new java.util.IdentityHashMap<>();
        for (TimelineMarker marker : model.markersProperty().get()) {
            double x = xOf(marker.at());
            if (x < left - 1 || x > right + 1) {
                continue;
            }
            if (marker.predicted()) {
                markerLayer.getChildren().add(predictedBand(marker, x, right));
                continue;
            }
            LaneLayout.Item item = new LaneLayout.Item(marker.lane(), x, marker.text(),
                    marker.kind() == null ? null : marker.kind().name(), TimelineMarkers.plural(marker.kind()));
            items.add(item);
            source.put(item, marker);
        }
        int rows = (int) Math.max(0, Math.floor((laneHeight - FIRST_LABEL_Y - 2) / LABEL_ROW_HEIGHT));
        List<LaneLayout.Placed> placed = LaneLayout.layout(items,
                new LaneLayout.Params(SYMBOL_WIDTH, rows, 8, 2), text -> widthOf(text, 11),
                count -> widthOf(count == 1 ? "⚡✕" : "⚡✕×" + count, 15));
        for (LaneLayout.Placed p : placed) {
            TimelineMarker first = source.get(p.members().get(0));
            double y = laneY(p.lane());
            Label symbol = SkinnedLabels.of(first.symbol());
            symbol.getStyleClass().addAll(TimelineStyles.MARKER, first.styleClass());
            if (p.collapsed()) {
                symbol.getStyleClass().add(TimelineStyles.COLLAPSED);
                symbol.setText(first.symbol() + "×" + p.members().size());
            }
            symbol.setMinWidth(Region.USE_PREF_SIZE);
            symbol.relocate(p.x() - 5, y + SYMBOL_ROW);
            symbol.setUserData(p.members().stream().map(source::get).toList());
            Tooltip.install(symbol, new Tooltip(TimelineMarkers.details(p, source)));
            markerLayer.getChildren().add(symbol);
            if (p.labelled() && p.labelTo() <= right + 2) {
                Label label = SkinnedLabels.of(p.label());
                label.getStyleClass().add(TimelineStyles.MARKER_LABEL);
                label.setMinWidth(Region.USE_PREF_SIZE);
                label.relocate(p.labelFrom(), y + FIRST_LABEL_Y + p.row() * LABEL_ROW_HEIGHT);
                label.setUserData(p);
                Tooltip.install(label, new Tooltip(TimelineMarkers.details(p, source)));
                markerLayer.getChildren().add(label);
            }
        }
    }

    private Node predictedBand(TimelineMarker marker, double x, double right) {
        Region band = new Region();
        band.getStyleClass().add(TimelineStyles.PREDICTED);
        double to = marker.until() == null ? x + 4 : Math.min(right, xOf(marker.until()));
        double y = laneY(marker.lane());
        band.resizeRelocate(x, y + 1, Math.max(4, to - x), laneHeight - 2);
        band.setMouseTransparent(false);
        Tooltip.install(band, new Tooltip(marker.text()));
        band.setUserData(marker);
        return band;
    }

    private double widthOf(String text, double fontSize) {
        measure.setFont(javafx.scene.text.Font.font(fontSize));
        measure.setText(text);
        return measure.getLayoutBounds().getWidth() + 6;
    }

    private void placeNowCursor() {
        double x = xOf(model.nowProperty().get());
        boolean visible = x >= LANE_NAME_WIDTH && x <= LANE_NAME_WIDTH + plotWidth();
        nowCursor.setVisible(visible);
        nowCursor.setStartX(x);
        nowCursor.setEndX(x);
        nowCursor.setStartY(0);
        nowCursor.setEndY(model.lanesProperty().get().size() * laneHeight);
    }

    /**
     * The PNG export: the selected run's summary, the lanes, the axis and the legend — no controls — at twice
     * the on-screen size, for slides. Call on the FX thread.
     */
    public BufferedImage capture() {
        return TimelinePng.export(exportArea, model.selectedRunProperty().get(), getStylesheets());
    }

    /** The part the PNG export shows below the run summary (lanes, axis, legend); for tests. */
    Node exportArea() {
        return exportArea;
    }
}
