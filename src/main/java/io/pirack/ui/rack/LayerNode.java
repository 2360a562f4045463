package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.LinkLed;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.LayerModel;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * One Pi in the drawn rack: a board in the stack, or a card in the compact grid. It lays out its
 * LEDs and words ({@link LayerLeds}), host name, plug button and pod area, whose tiles are nodes in
 * the stack ({@link TileNodes}) or drawn on a canvas in the grid ({@link TileCanvas}). It asks the
 * rack for nothing but what {@link LayerActions} offers.
 */
final class LayerNode extends Region {

    final String hostname;
    private final LayerActions actions;
    private final Region shade = new Region();
    private final LayerLeds leds = new LayerLeds(this);
    private final Label host = new Label();
    private final Label info = new Label();
    private final Pane podPane = new FreePane();
    private final Label overflow = new Label();
    private final Button plugButton = new Button("Pull the plug");
    private final Label plugState = new Label();
    private final TileNodes tileNodes;
    private final TileCanvas tileCanvas;
    /** True in the compact grid: tiles are drawn on the canvas instead of being nodes. */
    private boolean drawsTiles;
    private List<PodModel> shownPods = List.of();
    private LayerModel model;
    private boolean compact;
    private double unit = 10;
    private RackGeometry.TileGrid grid = new RackGeometry.TileGrid(30, 1, 1);
    private boolean pulled;
    private boolean pending;
    private String plugWords = "";
    /** Every part in the order they lie on the card, whether in the scene now or not. */
    private final List<Node> parts;

    LayerNode(String hostname, LayerActions actions) {
        this.hostname = hostname;
        this.actions = actions;
        tileNodes = new TileNodes(podPane, actions);
        tileCanvas = new TileCanvas(actions);
        setId("layer-" + hostname);
        getStyleClass().add(Styles.PI_LAYER);
        shade.getStyleClass().add(Styles.LAYER_SHADE);
        shade.setMouseTransparent(true);
        host.getStyleClass().add(Styles.HOSTNAME);
        host.setText(hostname);
        info.getStyleClass().add(Styles.LAYER_INFO);
        overflow.getStyleClass().add(Styles.POD_OVERFLOW);
        plugButton.getStyleClass().add(Styles.PLUG_BUTTON);
        plugButton.setFocusTraversable(true);
        plugButton.setVisible(actions.plugButtons());
        plugButton.setOnAction(e -> actions.plugPressed(hostname, pulled));
        plugState.getStyleClass().add(Styles.PLUG_STATE);
        plugState.setWrapText(true);
        Tooltip beat = new Tooltip();
        beat.setOnShowing(e -> beat.setText(actions.heartbeatDetail(hostname)));
        Tooltip.install(leds.heartbeat, beat);
        Tooltip.install(leds.beatCaption, beat);
        Tooltip layerTip = new Tooltip();
        layerTip.setOnShowing(e -> layerTip.setText(actions.nodeDetail(hostname)));
        Tooltip.install(host, layerTip);
        Tooltip.install(leds.state, layerTip);
        host.setOnMouseClicked(e -> actions.showNodeDetail(hostname, host));
        leds.state.setOnMouseClicked(e -> actions.showNodeDetail(hostname, leds.state));
        parts = List.of(shade, leds.link, leds.heartbeat, leds.linkCaption, leds.beatCaption, host, info, leds.state,
                podPane, overflow, plugState, plugButton);
        getChildren().addAll(shade, leds.link, leds.heartbeat, leds.linkCaption, leds.beatCaption, host, info, leds.state,
                podPane, plugState);
        if (actions.plugButtons()) {
            getChildren().add(plugButton);
        }
    }

    /**
     * Puts a part in the card or takes it out, in its place among the others. Parts the card does not
     * show leave the scene instead of staying hidden: JavaFX walks every node of the scene on every
     * pulse (bounds, CSS), and at 100 Pis the hidden captions, buttons and words were half of each
     * grid card's nodes; a hidden node's change would also repaint the whole window (issue 20).
     */
    private void place(Node part, boolean shown) {
        if (shown == (part.getParent() == this)) {
            return;
        }
        if (!shown) {
            getChildren().remove(part);
            return;
        }
        int at = 0;
        for (Node p : parts) {
            if (p == part) {
                break;
            }
            if (p.getParent() == this) {
                at++;
            }
        }
        getChildren().add(at, part);
    }

    LayerModel model() {
        return model;
    }

    Region linkLed() {
        return leds.link;
    }

    Region heartbeatLed() {
        return leds.heartbeat;
    }

    /** The heartbeat LED's word ("BEAT", "NO BEAT", "BEAT ?"), for tests. */
    javafx.scene.control.Label beatCaption() {
        return leds.beatCaption;
    }

    Label stateLabel() {
        return leds.state;
    }

    Button plugButton() {
        return plugButton;
    }

    /** The tile of a pod on this layer, if it is shown as a node. */
    Label tile(String podKey) {
        return tileNodes.tile(podKey);
    }

    Pane podPane() {
        return podPane;
    }

    TileCanvas tileCanvas() {
        return tileCanvas;
    }

    void setGeometry(double newUnit, boolean newCompact) {
        if (newUnit == unit && newCompact == compact) {
            return;
        }
        unit = newUnit;
        compact = newCompact;
        pseudoClassStateChanged(Styles.COMPACT, compact);
        drawTilesOnCanvas(compact);
        setStyle("-fx-font-size: " + Math.round(unit * 10) / 10.0 + "px;");
        info.setVisible(!compact || unit > 14);
        plugButton.setVisible(!compact && actions.plugButtons());
        plugState.setVisible(!compact || unit > 14);
        leds.linkCaption.setVisible(!compact);
        leds.beatCaption.setVisible(!compact);
        for (Node part : List.of(info, plugButton, plugState, leds.linkCaption, leds.beatCaption)) {
            place(part, part.isVisible());
        }
        showPlugWords();
        requestLayout();
    }

    void update(LayerModel next, boolean canPull, boolean isPulled, boolean animated) {
        LayerModel previous = model;
        model = next;
        leds.show(previous, next);
        info.setText((next.ip() == null ? "no IP" : next.ip()) + " · " + next.roleWords());
        plugWords = next.plug().isEmpty() ? (next.link() == LinkLed.DOWN ? "power off" : "") : next.plug();
        showPlugWords();
        showPlug(canPull, isPulled);
        if (previous == null || !previous.pods().equals(next.pods())) {
            pending = next.pods().stream().anyMatch(p -> p.led() == PodLed.PENDING);
            showPods(animated);
        }
    }

    /** A Pending pod is on this layer (shown or counted in "+N"). */
    boolean hasPending() {
        return pending;
    }

    /** The plug button's words and whether it can be pressed. */
    void showPlug(boolean canPull, boolean isPulled) {
        pulled = isPulled;
        plugButton.setText(isPulled ? "Plug back in" : "Pull the plug");
        plugButton.setDisable(!isPulled && !canPull);
    }

    /** The plug button is on the card (a board in the stack, in a rack someone operates). */
    boolean plugButtonShown() {
        return plugButton.getParent() == this;
    }

    /** One short part per line on a board ("unplugged since 10:41:58" / "back at 10:42:10"); one line on a card. */
    private void showPlugWords() {
        plugState.setText(compact ? plugWords : plugWords.replace(" · ", "\n"));
    }

    /** Switches between tile nodes (stacked) and one drawn canvas (compact grid). */
    private void drawTilesOnCanvas(boolean canvas) {
        if (canvas == drawsTiles) {
            return;
        }
        drawsTiles = canvas;
        podPane.getChildren().clear();
        tileNodes.clear();
        tileCanvas.clear();
        if (canvas) {
            podPane.getChildren().add(tileCanvas.node());
        }
        if (model != null) {
            showPods(false);
        }
    }

    /** True while a drawn tile grows in or fades out (for tests). */
    boolean animatingTiles() {
        return tileCanvas.animating();
    }

    /** The rack's blink changed phase; a canvas with Pending tiles repaints. */
    void blink() {
        if (drawsTiles) {
            tileCanvas.blink();
        }
    }

    private void showPods(boolean animated) {
        List<PodModel> visible = model.visiblePods(grid.capacity());
        if (drawsTiles) {
            tileCanvas.show(visible, model.pods(), animated);
        } else {
            tileNodes.show(visible, animated);
        }
        shownPods = visible;
        showOverflow();
        layoutPods();
    }

    private void showOverflow() {
        int hidden = model.overflow(grid.capacity());
        overflow.setText("+" + hidden);
        // In the scene only while it shows: relocating a hidden label each layout would make JavaFX repaint
        // the whole window (a render asked for, no dirty region to paint; issue 20).
        place(overflow, hidden > 0);
    }

    /** Where a pod's tile is (or would be), in scene coordinates; for the travelling ghost. */
    Bounds tileSceneBounds(String podKey) {
        Bounds shown = shownTileSceneBounds(podKey);
        return shown != null ? shown : podPane.localToScene(podPane.getLayoutBounds());
    }

    /** Where a pod's tile is in scene coordinates, or null when this layer does not show it. */
    Bounds shownTileSceneBounds(String podKey) {
        return drawsTiles ? tileCanvas.sceneBounds(podKey) : tileNodes.sceneBounds(podKey);
    }

    /** The pod whose drawn tile is at canvas point (x, y), or null. */
    String drawnPodAt(double x, double y) {
        return tileCanvas.podAt(x, y);
    }

    double tileSize() {
        return RackGeometry.TileGrid.tileSize(unit, compact);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double u = unit;
        shade.resizeRelocate(0, 0, w, h);
        double led = compact ? 1.1 * u : 1.5 * u;
        double tile = tileSize();
        if (compact) {
            double pad = 0.5 * u;
            leds.link.resizeRelocate(pad, pad, led, led);
            leds.heartbeat.resizeRelocate(pad + led + 0.4 * u, pad, led, led);
            double textX = pad + 2 * led + 1.0 * u;
            double hostW = Math.min(host.prefWidth(-1), w * 0.45);
            host.resizeRelocate(textX, pad - 0.3 * u, hostW, 1.8 * u);
            double stateX = textX + hostW + 0.6 * u;
            leds.state.resizeRelocate(stateX, pad - 0.3 * u, Math.max(0, w - stateX - pad), 1.8 * u);
            double rowY = pad + 2.0 * u;
            if (info.isVisible()) {
                info.resizeRelocate(pad, rowY, w - 2 * pad, 1.3 * u);
                rowY += 1.5 * u;
            }
            layoutPodArea(pad, rowY, w - 2 * pad, h - rowY - pad, tile);
            if (plugState.isVisible()) {
                plugState.resizeRelocate(w * 0.5, h - 1.5 * u, w * 0.5 - pad, 1.3 * u);
            }
            return;
        }
        double top = 2.2 * u;
        double contentH = h - top - 0.6 * u;
        boolean tall = contentH > 5.5 * u;
        double x = 1.2 * u;
        double beatY = tall ? top + 3.0 * u : top + 2.6 * u;
        leds.link.resizeRelocate(x, top + 0.2 * u, led, led);
        leds.heartbeat.resizeRelocate(x, beatY, led, led);
        // Fixed, so every layer's columns line up whatever its captions say.
        double captionW = 5.8 * u;
        leds.linkCaption.resizeRelocate(x + led + 0.4 * u, top, captionW, 1.9 * u);
        leds.beatCaption.resizeRelocate(x + led + 0.4 * u, beatY - 0.2 * u, captionW, 1.9 * u);
        x += led + captionW + 1.4 * u;
        double textW = Math.max(21 * u, Math.min(24 * u, host.prefWidth(-1) + u));
        host.resizeRelocate(x, top - 0.4 * u, textW, 2.7 * u);
        info.resizeRelocate(x, top + 2.3 * u, textW, 1.7 * u);
        double right = w - ChassisPainter.portsWidth(u) - 1.0 * u;
        double plugW = 11 * u;
        plugButton.resizeRelocate(right - plugW, top + 0.1 * u, plugW, 2.4 * u);
        double podRight = layoutPlugState(right, plugW, top, h, u);
        if (tall) {
            // Tall layers: the state chip heads the pod column, pods get rows below it.
            double col = x + textW + 0.5 * u;
            double stateW = Math.min(leds.state.prefWidth(-1), Math.max(0, podRight - col));
            leds.state.resizeRelocate(col, top - 0.2 * u, stateW, 2.4 * u);
            double podTop = top + 2.8 * u;
            layoutPodArea(col, podTop, podRight - col, h - podTop - 0.6 * u, tile);
        } else {
            double col = x + textW + 0.5 * u;
            double stateW = Math.min(24 * u, leds.state.prefWidth(-1));
            leds.state.resizeRelocate(col, top + 0.2 * u, stateW, 2.4 * u);
            double podX = col + stateW + 1.0 * u;
            layoutPodArea(podX, top - 0.6 * u, podRight - podX, contentH + 0.6 * u, tile);
        }
    }

    /**
     * The plug state's lines, whole: under the button (in a rack nobody operates, where the button
     * would be), or — on a board too low for them there — left of the button. Returns where the pods
     * must end so the words never lie over a tile.
     */
    private double layoutPlugState(double right, double plugW, double top, double h, double u) {
        double podRight = right - plugW - 1.0 * u;
        if (plugState.getText().isEmpty()) {
            plugState.resizeRelocate(right, top, 0, 0);
            return podRight;
        }
        double textW = Math.min(plugState.prefWidth(-1), 22 * u);
        double textH = plugState.prefHeight(textW);
        double below = plugButton.isVisible() ? top + 2.6 * u : top + 0.1 * u;
        if (below + textH <= h - 0.2 * u) {
            plugState.resizeRelocate(right - textW, below, textW, textH);
            return Math.min(podRight, right - textW - 0.6 * u);
        }
        double leftOfButton = right - plugW - 0.6 * u - textW;
        plugState.resizeRelocate(leftOfButton, top - 0.2 * u, textW, textH);
        return leftOfButton - 0.6 * u;
    }

    private void layoutPodArea(double x, double y, double w, double h, double tile) {
        podPane.resizeRelocate(x, y, Math.max(0, w), Math.max(0, h));
        RackGeometry.TileGrid fitting = RackGeometry.TileGrid.fitting(tile, w, h);
        boolean capacityChanged = fitting.capacity() != grid.capacity();
        grid = fitting;
        if (capacityChanged && model != null) {
            showPods(false);
        } else {
            layoutPods();
        }
    }

    private void layoutPods() {
        if (drawsTiles) {
            tileCanvas.paintIfChanged(grid, podPane.getWidth(), podPane.getHeight());
        } else {
            tileNodes.layout(shownPods, grid);
        }
        if (overflow.getParent() == null) {
            return;
        }
        Point2D next = grid.slot(shownPods.size());
        overflow.resizeRelocate(podPane.getLayoutX() + next.getX(), podPane.getLayoutY() + next.getY(),
                Math.max(grid.tile() * 1.6, overflow.prefWidth(-1)), grid.tile());
    }

    /** True while this layer draws its tiles on a canvas (the compact grid). */
    boolean drawsTiles() {
        return drawsTiles;
    }

    /** Visible for tests: the keys of the tiles in display order. */
    List<String> shownPodKeys() {
        return shownPods.stream().map(PodModel::key).toList();
    }
}
