package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.HeartbeatLed;
import io.pirack.core.rack.LedStates.LinkLed;
import io.pirack.core.rack.LedStates.NodeLed;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.LayerModel;
import io.pirack.ui.rack.RackViewModel.PodKind;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.animation.FadeTransition;
import javafx.animation.ParallelTransition;
import javafx.animation.ScaleTransition;
import javafx.css.PseudoClass;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * The live part of one Pi layer, laid over the board the chassis canvas drew: LEDs, words, pod
 * tiles and the plug button. {@link #update} touches only what differs from the last model, and
 * pod tiles are kept by pod key so a frame never rebuilds the layer.
 *
 * <p>Pod tiles are styled {@link Label}s in the stacked view (up to 16 Pis: they animate in and
 * out and can be looked up by id), and one {@link Canvas} per layer in the compact grid, where
 * 100 Pis × 30 pods as nodes would cost thousands of CSS, layout and render passes per change
 * (measured in docs/benchmarks.md). {@link TilePainter} draws the same language as the CSS.
 */
final class LayerNode extends Region {

    private static final Duration TILE_ANIMATION = Duration.millis(350);
    private static final Map<PodLed, PseudoClass> POD_CLASSES = Map.of(
            PodLed.PENDING, Styles.PENDING, PodLed.STARTING, Styles.STARTING, PodLed.READY, Styles.READY,
            PodLed.TERMINATING, Styles.TERMINATING, PodLed.FAILED, Styles.FAILED, PodLed.SUCCEEDED, Styles.SUCCEEDED,
            PodLed.UNKNOWN, Styles.UNKNOWN);

    final String hostname;
    private final RackView owner;
    private final Region shade = new Region();
    private final Region linkLed = led(Styles.LINK_LED);
    private final Region heartbeatLed = led(Styles.HEARTBEAT_LED);
    private final Label linkCaption = caption();
    private final Label beatCaption = caption();
    private final Label host = new Label();
    private final Label info = new Label();
    private final Label state = new Label();
    private final Pane podPane = new FreePane();
    private final Label overflow = new Label();
    private final Button plugButton = new Button("Pull the plug");
    private final Label plugState = new Label();
    private final Map<String, Label> tiles = new HashMap<>();
    private final Canvas podCanvas = new Canvas();
    /** True in the compact grid: tiles are drawn on {@link #podCanvas} instead of being nodes. */
    private boolean drawsTiles;
    /** A drawn tile is Pending, so the canvas follows the rack's blink. */
    private boolean drawnBlinking;
    /** Drawn tiles growing in: pod key → animation start (ns on the pulse clock; 0 = starts at the next pulse). */
    private final Map<String, Long> growing = new HashMap<>();
    /** Drawn tiles of pods that left, fading out where they were. */
    private final List<LeavingTile> leaving = new java.util.ArrayList<>();
    private long pulseNanos;

    /** A tile still fading out at its old place; {@code start} as in {@link #growing}. */
    private static final class LeavingTile {
        final PodModel pod;
        final Point2D at;
        long start;

        LeavingTile(PodModel pod, Point2D at) {
            this.pod = pod;
            this.at = at;
        }
    }
    private final Map<String, PodModel> tileModels = new HashMap<>();
    private List<PodModel> shownPods = List.of();
    private LayerModel model;
    private boolean compact;
    private double unit = 10;
    private int capacity = 1;
    private boolean pulled;

    LayerNode(String hostname, RackView owner) {
        this.hostname = hostname;
        this.owner = owner;
        setId("layer-" + hostname);
        getStyleClass().add(Styles.PI_LAYER);
        shade.getStyleClass().add(Styles.LAYER_SHADE);
        shade.setMouseTransparent(true);
        host.getStyleClass().add(Styles.HOSTNAME);
        host.setText(hostname);
        info.getStyleClass().add(Styles.LAYER_INFO);
        state.getStyleClass().add(Styles.NODE_STATE);
        overflow.getStyleClass().add(Styles.POD_OVERFLOW);
        overflow.setVisible(false);
        plugButton.getStyleClass().add(Styles.PLUG_BUTTON);
        plugButton.setFocusTraversable(true);
        plugButton.setOnAction(e -> owner.plugButtonPressed(hostname, pulled));
        plugState.getStyleClass().add(Styles.PLUG_STATE);
        Tooltip beat = new Tooltip();
        beat.setOnShowing(e -> beat.setText(owner.model().heartbeatDetail(hostname)));
        Tooltip.install(heartbeatLed, beat);
        Tooltip.install(beatCaption, beat);
        Tooltip layerTip = new Tooltip();
        layerTip.setOnShowing(e -> layerTip.setText(owner.model().nodeDetail(hostname)));
        Tooltip.install(host, layerTip);
        Tooltip.install(state, layerTip);
        host.setOnMouseClicked(e -> owner.showNodeDetail(hostname, host));
        podCanvas.getStyleClass().add(Styles.POD_CANVAS);
        podCanvas.setOnMouseClicked(e -> {
            String key = drawnPodAt(e.getX(), e.getY());
            if (key != null) {
                owner.showPodDetail(key, podCanvas);
            }
        });
        state.setOnMouseClicked(e -> owner.showNodeDetail(hostname, state));
        getChildren().addAll(shade, linkLed, heartbeatLed, linkCaption, beatCaption, host, info, state, podPane, overflow,
                plugButton, plugState);
    }

    private static Region led(String styleClass) {
        Region led = new Region();
        led.getStyleClass().addAll(Styles.LED, styleClass);
        return led;
    }

    private static Label caption() {
        Label caption = new Label();
        caption.getStyleClass().add(Styles.LED_CAPTION);
        return caption;
    }

    LayerModel model() {
        return model;
    }

    Region linkLed() {
        return linkLed;
    }

    Region heartbeatLed() {
        return heartbeatLed;
    }

    Label stateLabel() {
        return state;
    }

    Button plugButton() {
        return plugButton;
    }

    /** The tile of a pod on this layer, if it is shown. */
    Label tile(String podKey) {
        return tiles.get(podKey);
    }

    Pane podPane() {
        return podPane;
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
        plugButton.setVisible(!compact);
        plugState.setVisible(!compact || unit > 14);
        requestLayout();
    }

    void update(LayerModel next, boolean canPull, boolean isPulled, boolean animated) {
        LayerModel previous = model;
        model = next;
        if (previous == null || previous.link() != next.link()) {
            LinkLed link = next.link();
            linkLed.pseudoClassStateChanged(Styles.ON, link == LinkLed.UP);
            linkLed.pseudoClassStateChanged(Styles.UNPLUGGED, link == LinkLed.DOWN);
            linkLed.pseudoClassStateChanged(Styles.UNKNOWN, link == LinkLed.UNKNOWN);
            linkCaption.setText(link == LinkLed.UP ? "LINK" : link == LinkLed.DOWN ? "NO LINK" : "LINK ?");
            pseudoClassStateChanged(Styles.UNPLUGGED, link == LinkLed.DOWN);
        }
        if (previous == null || previous.heartbeat() != next.heartbeat()) {
            HeartbeatLed beat = next.heartbeat();
            heartbeatLed.pseudoClassStateChanged(Styles.ON, beat == HeartbeatLed.FLASH);
            heartbeatLed.pseudoClassStateChanged(Styles.STOPPED, beat == HeartbeatLed.STOPPED);
            heartbeatLed.pseudoClassStateChanged(Styles.UNKNOWN, beat == HeartbeatLed.UNKNOWN);
            beatCaption.setText(beat == HeartbeatLed.STOPPED ? "NO BEAT" : beat == HeartbeatLed.UNKNOWN ? "BEAT ?" : "BEAT");
        }
        if (previous == null || previous.node() != next.node()) {
            NodeLed node = next.node();
            state.setText(node.icon + " " + node.words);
            state.pseudoClassStateChanged(Styles.READY, node == NodeLed.READY);
            state.pseudoClassStateChanged(Styles.NOT_READY, node == NodeLed.NOT_READY || node == NodeLed.UNKNOWN_STATUS);
            state.pseudoClassStateChanged(Styles.CORDONED, node == NodeLed.CORDONED);
            state.pseudoClassStateChanged(Styles.TAINTED, node == NodeLed.TAINTED);
            state.pseudoClassStateChanged(Styles.UNKNOWN, node == NodeLed.MISSING || node == NodeLed.API_UNKNOWN);
            pseudoClassStateChanged(Styles.NOT_READY, node == NodeLed.NOT_READY || node == NodeLed.UNKNOWN_STATUS);
        }
        String infoText = (next.ip() == null ? "no IP" : next.ip()) + " · " + next.roleWords();
        info.setText(infoText);
        plugState.setText(next.plug().isEmpty() ? (next.link() == LinkLed.DOWN ? "power off" : "") : next.plug());
        pulled = isPulled;
        plugButton.setText(isPulled ? "Plug back in" : "Pull the plug");
        plugButton.setDisable(!isPulled && !canPull);
        if (previous == null || !previous.pods().equals(next.pods())) {
            showPods(animated);
        }
    }

    /** Switches between tile nodes (stacked) and one drawn canvas (compact grid). */
    private void drawTilesOnCanvas(boolean canvas) {
        if (canvas == drawsTiles) {
            return;
        }
        drawsTiles = canvas;
        podPane.getChildren().clear();
        tiles.clear();
        tileModels.clear();
        growing.clear();
        leaving.clear();
        if (canvas) {
            podPane.getChildren().add(podCanvas);
        }
        if (model != null) {
            showPods(false);
        }
    }

    /** New tiles grow in and gone tiles fade out where they were, as the tile nodes do in the stack. */
    private void startTileAnimations(List<PodModel> before, List<PodModel> now) {
        Set<String> nowKeys = new HashSet<>();
        now.forEach(p -> nowKeys.add(p.key()));
        Set<String> beforeKeys = new HashSet<>();
        for (int i = 0; i < before.size(); i++) {
            PodModel pod = before.get(i);
            beforeKeys.add(pod.key());
            if (!nowKeys.contains(pod.key())) {
                leaving.add(new LeavingTile(pod, slot(i)));
            }
        }
        now.stream().filter(p -> !beforeKeys.contains(p.key())).forEach(p -> growing.put(p.key(), 0L));
        growing.keySet().retainAll(nowKeys);
        if ((!growing.isEmpty() || !leaving.isEmpty()) && !owner.animateTiles(this)) {
            growing.clear();
            leaving.clear();
        }
    }

    /**
     * One pulse of the drawn tiles' animations.
     *
     * @return whether any is still running
     */
    boolean animateTiles(long now) {
        pulseNanos = now;
        long grow = (long) TILE_ANIMATION.toMillis() * 1_000_000L;
        growing.replaceAll((key, start) -> start == 0 ? now : start);
        growing.values().removeIf(start -> now - start >= grow);
        leaving.forEach(t -> t.start = t.start == 0 ? now : t.start);
        leaving.removeIf(t -> now - t.start >= 2 * grow);
        paintTiles();
        return !growing.isEmpty() || !leaving.isEmpty();
    }

    /** True while a drawn tile grows in or fades out (for tests). */
    boolean animatingTiles() {
        return !growing.isEmpty() || !leaving.isEmpty();
    }

    /** The rack's blink changed phase; a canvas with Pending tiles repaints. */
    void blink() {
        if (drawsTiles && drawnBlinking) {
            paintTiles();
        }
    }

    /** Called when the layout gives this layer room for a different number of tiles. */
    private void setCapacity(int newCapacity) {
        if (newCapacity != capacity) {
            capacity = newCapacity;
            if (model != null) {
                showPods(false);
            }
        }
    }

    private void showPods(boolean animated) {
        if (drawsTiles) {
            List<PodModel> before = shownPods;
            shownPods = model.visiblePods(capacity);
            if (animated) {
                startTileAnimations(before, shownPods);
            }
            drawnBlinking = shownPods.stream().anyMatch(p -> p.led() == PodLed.PENDING);
            showOverflow();
            podCanvas.setAccessibleText(describe(model.pods()));
            layoutPods();
            return;
        }
        List<PodModel> visible = model.visiblePods(capacity);
        Set<String> keep = new HashSet<>();
        for (PodModel pod : visible) {
            keep.add(pod.key());
            Label tile = tiles.get(pod.key());
            if (tile == null) {
                tile = newTile(pod);
                tiles.put(pod.key(), tile);
                podPane.getChildren().add(tile);
                if (animated) {
                    tile.setScaleX(0);
                    tile.setScaleY(0);
                    ScaleTransition grow = new ScaleTransition(TILE_ANIMATION, tile);
                    grow.setToX(1);
                    grow.setToY(1);
                    grow.play();
                }
            }
            PodModel before = tileModels.put(pod.key(), pod);
            if (before == null || before.led() != pod.led()) {
                styleTile(tile, pod.led(), before == null ? null : before.led());
                if (pod.led() == PodLed.PENDING) {
                    tile.opacityProperty().bind(owner.blinkOpacity());
                } else if (tile.opacityProperty().isBound()) {
                    tile.opacityProperty().unbind();
                    tile.setOpacity(1);
                }
            }
        }
        for (String key : List.copyOf(tiles.keySet())) {
            if (!keep.contains(key)) {
                Label gone = tiles.remove(key);
                tileModels.remove(key);
                removeTile(gone, animated);
            }
        }
        shownPods = visible;
        showOverflow();
        layoutPods();
    }

    private void showOverflow() {
        int hidden = model.overflow(capacity);
        overflow.setVisible(hidden > 0);
        overflow.setText("+" + hidden);
    }

    /** What the layer's pods are, for screen readers (the canvas has no nodes to read): "30 pods: 28 Ready, 2 Pending". */
    private static String describe(List<PodModel> pods) {
        Map<PodLed, Integer> counts = new java.util.EnumMap<>(PodLed.class);
        pods.forEach(p -> counts.merge(p.led(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(pods.size() + (pods.size() == 1 ? " pod" : " pods"));
        String sep = ": ";
        for (Map.Entry<PodLed, Integer> e : counts.entrySet()) {
            text.append(sep).append(e.getValue()).append(' ').append(e.getKey().words);
            sep = ", ";
        }
        return text.toString();
    }

    private Label newTile(PodModel pod) {
        Label tile = new Label();
        tile.getStyleClass().addAll(Styles.POD_TILE, Styles.APP_COLOUR_PREFIX + pod.colour());
        if (pod.kind() == PodKind.DAEMON_SET) {
            tile.getStyleClass().add(Styles.POD_DAEMON);
        } else if (pod.kind() == PodKind.CONTROL_PLANE) {
            tile.getStyleClass().add(Styles.POD_CONTROL_PLANE);
        }
        tile.setId("pod-" + pod.key().replace('/', '-'));
        tile.setUserData(pod.key());
        tile.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        tile.setOnMouseClicked(e -> owner.showPodDetail(pod.key(), tile));
        return tile;
    }

    static String glyph(PodLed led) {
        switch (led) {
            case PENDING: return "…";
            case STARTING: return "◔";
            case TERMINATING: return "✕";
            case FAILED: return "!";
            case SUCCEEDED: return "✓";
            case UNKNOWN: return "?";
            default: return "";
        }
    }

    static void styleTile(Label tile, PodLed led, PodLed before) {
        if (before != null) {
            tile.pseudoClassStateChanged(POD_CLASSES.get(before), false);
        }
        tile.pseudoClassStateChanged(POD_CLASSES.get(led), true);
        tile.setText(glyph(led));
    }

    private void removeTile(Label tile, boolean animated) {
        if (!animated) {
            podPane.getChildren().remove(tile);
            return;
        }
        tile.setMouseTransparent(true);
        tile.opacityProperty().unbind();
        FadeTransition fade = new FadeTransition(TILE_ANIMATION.multiply(2), tile);
        fade.setToValue(0);
        ScaleTransition shrink = new ScaleTransition(TILE_ANIMATION.multiply(2), tile);
        shrink.setToX(0.2);
        shrink.setToY(0.2);
        ParallelTransition out = new ParallelTransition(fade, shrink);
        out.setOnFinished(e -> podPane.getChildren().remove(tile));
        out.play();
    }

    /** Where a pod's tile is (or would be), in scene coordinates; for the travelling ghost. */
    Bounds tileSceneBounds(String podKey) {
        Bounds shown = shownTileSceneBounds(podKey);
        return shown != null ? shown : podPane.localToScene(podPane.getLayoutBounds());
    }

    /** Where a pod's tile is in scene coordinates, or null when this layer does not show it. */
    Bounds shownTileSceneBounds(String podKey) {
        if (drawsTiles) {
            for (int i = 0; i < shownPods.size(); i++) {
                if (shownPods.get(i).key().equals(podKey)) {
                    Point2D at = slot(i);
                    return podCanvas.localToScene(new BoundingBox(at.getX(), at.getY(), tileSize(), tileSize()));
                }
            }
            return null;
        }
        Label tile = tiles.get(podKey);
        return tile == null ? null : tile.localToScene(tile.getBoundsInLocal());
    }

    /** The pod whose drawn tile is at canvas point (x, y), or null. */
    String drawnPodAt(double x, double y) {
        double tile = tileSize();
        double pitch = tile + gap(tile);
        int col = (int) Math.floor(x / pitch);
        int row = (int) Math.floor(y / pitch);
        int cols = Math.max(1, columns);
        if (col < 0 || col >= cols || row < 0 || x - col * pitch > tile || y - row * pitch > tile) {
            return null;
        }
        int index = row * cols + col;
        return index < shownPods.size() ? shownPods.get(index).key() : null;
    }

    private static double gap(double tile) {
        return Math.max(2, tile * 0.22);
    }

    /** The top-left corner of tile place {@code index} in the pod area: row-major, {@link #columns} wide. */
    private Point2D slot(int index) {
        double tile = tileSize();
        double pitch = tile + gap(tile);
        int cols = Math.max(1, columns);
        return new Point2D((index % cols) * pitch, (index / cols) * pitch);
    }

    double tileSize() {
        return compact ? 1.8 * unit : 3.0 * unit;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double u = unit;
        shade.resizeRelocate(0, 0, w, h);
        double led = compact ? 1.1 * u : 1.5 * u;
        double tile = tileSize();
        double gap = gap(tile);
        if (compact) {
            double pad = 0.5 * u;
            linkLed.resizeRelocate(pad, pad, led, led);
            heartbeatLed.resizeRelocate(pad + led + 0.4 * u, pad, led, led);
            linkCaption.setVisible(false);
            beatCaption.setVisible(false);
            double textX = pad + 2 * led + 1.0 * u;
            double hostW = Math.min(host.prefWidth(-1), w * 0.45);
            host.resizeRelocate(textX, pad - 0.3 * u, hostW, 1.8 * u);
            double stateX = textX + hostW + 0.6 * u;
            state.resizeRelocate(stateX, pad - 0.3 * u, Math.max(0, w - stateX - pad), 1.8 * u);
            double rowY = pad + 2.0 * u;
            if (info.isVisible()) {
                info.resizeRelocate(pad, rowY, w - 2 * pad, 1.3 * u);
                rowY += 1.5 * u;
            }
            layoutPodArea(pad, rowY, w - 2 * pad, h - rowY - pad, tile, gap);
            if (plugState.isVisible()) {
                plugState.resizeRelocate(w * 0.5, h - 1.5 * u, w * 0.5 - pad, 1.3 * u);
            }
            return;
        }
        linkCaption.setVisible(true);
        beatCaption.setVisible(true);
        double top = 2.2 * u;
        double contentH = h - top - 0.6 * u;
        boolean tall = contentH > 5.5 * u;
        double x = 1.2 * u;
        double beatY = tall ? top + 3.0 * u : top + 2.6 * u;
        linkLed.resizeRelocate(x, top + 0.2 * u, led, led);
        heartbeatLed.resizeRelocate(x, beatY, led, led);
        // Fixed, so every layer's columns line up whatever its captions say.
        double captionW = 5.8 * u;
        linkCaption.resizeRelocate(x + led + 0.4 * u, top, captionW, 1.9 * u);
        beatCaption.resizeRelocate(x + led + 0.4 * u, beatY - 0.2 * u, captionW, 1.9 * u);
        x += led + captionW + 1.4 * u;
        double textW = Math.max(21 * u, Math.min(24 * u, host.prefWidth(-1) + u));
        host.resizeRelocate(x, top - 0.4 * u, textW, 2.7 * u);
        info.resizeRelocate(x, top + 2.3 * u, textW, 1.7 * u);
        double right = w - ChassisPainter.portsWidth(u) - 1.0 * u;
        double plugW = 11 * u;
        plugButton.resizeRelocate(right - plugW, top + 0.1 * u, plugW, 2.4 * u);
        double plugTextW = Math.min(plugState.prefWidth(-1), 22 * u);
        plugState.resizeRelocate(right - plugTextW, top + 2.8 * u, plugTextW, 1.5 * u);
        if (tall) {
            // Tall layers: the state chip heads the pod column, pods get rows below it.
            double col = x + textW + 0.5 * u;
            double stateW = Math.min(state.prefWidth(-1), Math.max(0, right - plugW - 1.0 * u - col));
            state.resizeRelocate(col, top - 0.2 * u, stateW, 2.4 * u);
            double podTop = top + 2.8 * u;
            double podRight = right - plugW - 1.0 * u;
            layoutPodArea(col, podTop, podRight - col, h - podTop - 0.6 * u, tile, gap);
        } else {
            double col = x + textW + 0.5 * u;
            double stateW = Math.min(24 * u, state.prefWidth(-1));
            state.resizeRelocate(col, top + 0.2 * u, stateW, 2.4 * u);
            double podX = col + stateW + 1.0 * u;
            layoutPodArea(podX, top - 0.6 * u, right - plugW - 1.0 * u - podX, contentH + 0.6 * u, tile, gap);
        }
    }

    private int columns;

    private void layoutPodArea(double x, double y, double w, double h, double tile, double gap) {
        podPane.resizeRelocate(x, y, Math.max(0, w), Math.max(0, h));
        columns = Math.max(1, (int) Math.floor((w + gap) / (tile + gap)));
        int rows = Math.max(1, (int) Math.floor((h + gap) / (tile + gap)));
        setCapacity(columns * rows);
        layoutPods();
    }

    private void layoutPods() {
        double tile = tileSize();
        if (drawsTiles) {
            paintTiles();
        }
        for (int i = 0; i < shownPods.size() && !drawsTiles; i++) {
            PodModel pod = shownPods.get(i);
            Label t = tiles.get(pod.key());
            if (t != null) {
                // System pods are smaller, so the audience's eye goes to the demo app.
                double size = pod.kind() == PodKind.WORKLOAD ? tile : tile * 0.7;
                double inset = (tile - size) / 2;
                Point2D at = slot(i);
                t.resizeRelocate(at.getX() + inset, at.getY() + inset, size, size);
            }
        }
        Point2D next = slot(shownPods.size());
        overflow.resizeRelocate(podPane.getLayoutX() + next.getX(), podPane.getLayoutY() + next.getY(),
                Math.max(tile * 1.6, overflow.prefWidth(-1)), tile);
    }

    private void paintTiles() {
        double w = podPane.getWidth();
        double h = podPane.getHeight();
        if (podCanvas.getWidth() != w || podCanvas.getHeight() != h) {
            podCanvas.setWidth(w);
            podCanvas.setHeight(h);
        }
        GraphicsContext g = podCanvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops its queued drawing commands, so they never pile up.
        g.clearRect(0, 0, w, h);
        double tile = tileSize();
        double blink = owner.blinkOpacity().get();
        double span = TILE_ANIMATION.toMillis() * 1e6;
        for (LeavingTile gone : leaving) {
            double t = gone.start == 0 ? 0 : Math.min(1, (pulseNanos - gone.start) / (2 * span));
            TilePainter.paint(g, gone.pod, gone.at.getX(), gone.at.getY(), tile, 1 - t, 1 - 0.8 * t);
        }
        for (int i = 0; i < shownPods.size(); i++) {
            PodModel pod = shownPods.get(i);
            Long start = growing.get(pod.key());
            double scale = start == null ? 1 : start == 0 ? 0 : Math.min(1, (pulseNanos - start) / span);
            Point2D at = slot(i);
            TilePainter.paint(g, pod, at.getX(), at.getY(), tile, pod.led() == PodLed.PENDING ? blink : 1.0, scale);
        }
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
