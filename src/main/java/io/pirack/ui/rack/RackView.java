package io.pirack.ui.rack;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.LayerModel;
import io.pirack.ui.rack.RackViewModel.Move;
import io.pirack.ui.rack.RackViewModel.RackModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.FadeTransition;
import javafx.animation.KeyFrame;
import javafx.animation.SequentialTransition;
import javafx.animation.Timeline;
import javafx.animation.TranslateTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.PopOver;

/**
 * The drawn stack case with live LEDs. Chassis on a canvas redrawn only when the size or the
 * number of layers changes; one {@link LayerNode} per Pi on top, updated only where its model
 * changed. Several instances can subscribe to one {@link FrameSource} at different sizes (the
 * operator's window and the audience's); each keeps its own view model, so per-frame work stays
 * per view and cheap.
 */
public final class RackView extends Region {

    /** Travelling ghosts in flight at most. */
    static final int MAX_GHOSTS = 24;
    /** Grid cards animating their drawn tiles at once, at most. */
    static final int MAX_ANIMATING_CARDS = 12;

    private final RackViewModel model = new RackViewModel();
    private final PlugActions plugs;
    private final Consumer<RackSpec> onReorder;
    private final Consumer<RackFrame> sink = this::show;
    private final Label title = new Label();
    private final Label apiState = new Label();
    private final Label counts = new Label();
    private final CheckBox hideSystem = new CheckBox("Hide system pods");
    private final Region header = new Region() {
        {
            getStyleClass().add(Styles.RACK_HEADER);
            getChildren().addAll(title, apiState, counts, hideSystem);
        }

        @Override
        protected void layoutChildren() {
            double h = getHeight();
            double x = 12;
            for (Node n : List.of(title, apiState, counts)) {
                double w = n.prefWidth(-1);
                n.resizeRelocate(x, (h - n.prefHeight(-1)) / 2, w, n.prefHeight(-1));
                x += w + 24;
            }
            double w = hideSystem.prefWidth(-1);
            hideSystem.resizeRelocate(getWidth() - w - 12, (h - hideSystem.prefHeight(-1)) / 2, w, hideSystem.prefHeight(-1));
        }

        @Override
        protected double computePrefHeight(double width) {
            return Math.max(title.prefHeight(-1), hideSystem.prefHeight(-1)) + 12;
        }
    };
    private final Label banner = new Label();
    private final Canvas chassis = new Canvas();
    private final Pane layersPane = new FreePane();
    private final Pane overlay = new FreePane();
    private final Map<String, LayerNode> layers = new LinkedHashMap<>();
    private final Timeline blink;
    private final javafx.beans.value.ObservableValue<Boolean> inShowingWindow;
    /** The newest frame that arrived while the window was hidden. */
    private RackFrame parked;
    private List<String> order = List.of();
    private RackModel shown;
    private boolean animated = true;
    private boolean blinkOn;
    private final javafx.beans.property.DoubleProperty blinkOpacity = new javafx.beans.property.SimpleDoubleProperty(1.0);
    private PopOver popOver;
    private String drawnKey = "";
    private long framesApplied;
    private long frameNanos;

    public RackView(PlugActions plugs, Consumer<RackSpec> onReorder) {
        this.plugs = plugs;
        this.onReorder = onReorder;
        getStyleClass().add(Styles.RACK_VIEW);
        title.getStyleClass().add(Styles.RACK_TITLE);
        apiState.setId("rack-api-state");
        apiState.getStyleClass().add(Styles.API_STATE);
        counts.setId("rack-counts");
        banner.setId("rack-banner");
        banner.getStyleClass().add(Styles.BANNER);
        banner.setVisible(false);
        banner.setMaxWidth(Double.MAX_VALUE);
        hideSystem.setOnAction(e -> {
            model.setHideSystemPods(hideSystem.isSelected());
            if (model.lastFrame() != null) {
                show(model.lastFrame());
            }
        });
        overlay.setMouseTransparent(true);
        layersPane.getChildren().add(overlay);
        getChildren().addAll(chassis, layersPane, header, banner);
        // Pending tiles bind their opacity to this: blinking costs a repaint, never a CSS pass.
        blink = new Timeline(new KeyFrame(Duration.millis(500), e -> {
            blinkOn = !blinkOn;
            blinkOpacity.set(blinkOn ? 0.25 : 1.0);
            layers.values().forEach(LayerNode::blink);
        }));
        blink.setCycleCount(Animation.INDEFINITE);
        // Blink only while in a showing window: a running Timeline is referenced by the animation
        // timer, so one left running after its window closed would keep this view (and every
        // layer) alive for good.
        inShowingWindow = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        inShowingWindow.addListener((obs, was, showing) -> {
            if (showing && animated) {
                blink.play();
            } else {
                blink.stop();
            }
            if (showing && parked != null) {
                RackFrame latest = parked;
                parked = null;
                show(latest);
            }
        });
    }

    /** True while the blink runs (for tests). */
    boolean blinking() {
        return blink.getStatus() == Animation.Status.RUNNING;
    }

    /** Follows a publisher until {@link #unbind}; the first frame arrives at once. */
    public void bind(FrameSource publisher) {
        publisher.subscribe(sink);
    }

    public void unbind(FrameSource publisher) {
        publisher.unsubscribe(sink);
    }

    /** Cards of the grid whose drawn tiles are growing in or fading out; the timer runs only while there are some. */
    private final java.util.Set<TileCanvas> animatingCards = new java.util.LinkedHashSet<>();
    private final AnimationTimer tileAnimator = new AnimationTimer() {
        @Override
        public void handle(long now) {
            animatingCards.removeIf(card -> !card.animate(now));
            if (animatingCards.isEmpty()) {
                stop();
            }
        }
    };

    /**
     * A grid card has drawn tiles to animate. Under heavy churn (more than
     * {@link #MAX_ANIMATING_CARDS} cards at once) tiles just appear and vanish: repainting every
     * card on every pulse would cost more than the motion is worth. FX thread.
     *
     * @return whether the card may animate
     */
    private boolean animate(TileCanvas card) {
        if (!animatingCards.contains(card) && animatingCards.size() >= MAX_ANIMATING_CARDS) {
            return false;
        }
        if (animatingCards.add(card)) {
            tileAnimator.start();
        }
        return true;
    }

    /** Off for offscreen snapshots: tiles appear in place, nothing blinks or travels. */
    public void setAnimated(boolean on) {
        animated = on;
        if (!on) {
            blink.stop();
        }
    }

    public void setHideSystemPods(boolean hide) {
        hideSystem.setSelected(hide);
        model.setHideSystemPods(hide);
    }

    /** The layer of one Pi, for tests and for the app's own lookups. */
    public Region layer(String hostname) {
        return layers.get(hostname);
    }

    LayerNode layerNode(String hostname) {
        return layers.get(hostname);
    }

    public List<String> layerOrder() {
        return order;
    }

    /**
     * Every pod the layers were last updated with (pod key → Pi), whether its tile fits or is
     * counted in "+N"; for the benchmark's loss check and for tests.
     */
    public Map<String, String> podsShown() {
        Map<String, String> shown = new java.util.HashMap<>();
        layers.forEach((host, node) -> {
            if (node.model() != null) {
                node.model().pods().forEach(pod -> shown.put(pod.key(), host));
            }
        });
        return shown;
    }

    /** Frames applied and the FX time they took in total (nanoseconds), for the benchmark. */
    public long framesApplied() {
        return framesApplied;
    }

    public long frameNanos() {
        return frameNanos;
    }

    /**
     * Applies one frame: maps it and updates only what changed. Call on the FX thread. While the
     * view's window is hidden (a closed audience window) only the newest frame is kept, and shown
     * when the window is back.
     */
    public void show(RackFrame frame) {
        if (getScene() != null && getScene().getWindow() != null && !inShowingWindow.getValue()) {
            parked = frame;
            return;
        }
        long start = System.nanoTime();
        RackModel next = model.map(frame);
        apply(next);
        framesApplied++;
        frameNanos += System.nanoTime() - start;
    }

    private void apply(RackModel next) {
        title.setText(next.title());
        apiState.setText(next.apiWords());
        apiState.pseudoClassStateChanged(Styles.READY, next.apiLive());
        apiState.pseudoClassStateChanged(Styles.UNREACHABLE, !next.apiLive());
        counts.setText(next.counts());
        boolean bannerShown = next.banner() != null;
        if (bannerShown) {
            banner.setText(next.banner());
        }
        if (banner.isVisible() != bannerShown) {
            banner.setVisible(bannerShown);
            requestLayout();
        }
        List<String> nextOrder = next.layers().stream().map(LayerModel::hostname).toList();
        if (!nextOrder.equals(order)) {
            reorder(nextOrder);
        }
        for (LayerModel layer : next.layers()) {
            LayerNode node = layers.get(layer.hostname());
            String host = layer.hostname();
            if (!layer.equals(node.model()) || plugChanged(node, host)) {
                node.update(layer, plugs.canPull(host), plugs.isPulled(host), animated && shown != null);
            }
        }
        if (animated && shown != null) {
            next.moves().forEach(this::animateMove);
        }
        shown = next;
    }

    private boolean plugChanged(LayerNode node, String host) {
        boolean pulled = plugs.isPulled(host);
        boolean showsPulled = "Plug back in".equals(node.plugButton().getText());
        return pulled != showsPulled || node.plugButton().isDisable() == (pulled || plugs.canPull(host));
    }

    private void reorder(List<String> nextOrder) {
        for (String gone : order) {
            if (!nextOrder.contains(gone)) {
                layersPane.getChildren().remove(layers.remove(gone));
            }
        }
        for (String host : nextOrder) {
            layers.computeIfAbsent(host, h -> {
                LayerNode node = new LayerNode(h, layerActions);
                enableReordering(node);
                layersPane.getChildren().add(layersPane.getChildren().size() - 1, node);
                return node;
            });
        }
        order = List.copyOf(nextOrder);
        requestLayout();
    }

    /** Moves the layer at {@code from} to {@code to} in the rack spec and hands the result to the app. */
    public void moveLayer(int from, int to) {
        RackFrame frame = model.lastFrame();
        if (frame == null || from < 0 || from >= frame.spec().slots().size() || from == to) {
            return;
        }
        RackSpec moved = frame.spec().moveSlot(from, to);
        List<String> movedOrder = new ArrayList<>(moved.slots().stream().map(s -> s.hostname()).toList());
        order.stream().filter(h -> !movedOrder.contains(h)).forEach(movedOrder::add);
        reorder(movedOrder);
        onReorder.accept(moved);
    }

    private void enableReordering(LayerNode node) {
        node.setOnDragDetected(e -> {
            Dragboard board = node.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.putString(node.hostname);
            board.setContent(content);
            e.consume();
        });
        node.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && !node.hostname.equals(e.getDragboard().getString())) {
                e.acceptTransferModes(TransferMode.MOVE);
                node.pseudoClassStateChanged(Styles.DRAG_TARGET, true);
            }
            e.consume();
        });
        node.setOnDragExited(e -> node.pseudoClassStateChanged(Styles.DRAG_TARGET, false));
        node.setOnDragDropped(e -> {
            RackFrame frame = model.lastFrame();
            boolean done = false;
            if (frame != null && e.getDragboard().hasString()) {
                int from = frame.spec().indexOf(e.getDragboard().getString());
                int to = frame.spec().indexOf(node.hostname);
                if (from >= 0 && to >= 0) {
                    moveLayer(from, to);
                    done = true;
                }
            }
            e.setDropCompleted(done);
            e.consume();
        });
        MenuItem up = new MenuItem("Move up in the stack");
        up.setOnAction(e -> moveBy(node.hostname, -1));
        MenuItem down = new MenuItem("Move down in the stack");
        down.setOnAction(e -> moveBy(node.hostname, 1));
        MenuItem details = new MenuItem("Details…");
        details.setOnAction(e -> showNodeDetail(node.hostname, node));
        ContextMenu menu = new ContextMenu(up, down, details);
        node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
    }

    private void moveBy(String host, int delta) {
        RackFrame frame = model.lastFrame();
        int from = frame == null ? -1 : frame.spec().indexOf(host);
        if (from >= 0) {
            moveLayer(from, Math.max(0, Math.min(frame.spec().slots().size() - 1, from + delta)));
        }
    }

    /** What a layer may ask of this rack. */
    private final LayerActions layerActions = new LayerActions() {
        @Override
        public void plugPressed(String host, boolean pulled) {
            RackView.this.plugPressed(host, pulled);
        }

        @Override
        public String heartbeatDetail(String host) {
            return model.heartbeatDetail(host);
        }

        @Override
        public String nodeDetail(String host) {
            return model.nodeDetail(host);
        }

        @Override
        public void showNodeDetail(String host, Node anchor) {
            RackView.this.showNodeDetail(host, anchor);
        }

        @Override
        public void showPodDetail(String podKey, Node anchor) {
            RackView.this.showPodDetail(podKey, anchor);
        }

        @Override
        public javafx.beans.value.ObservableDoubleValue blinkOpacity() {
            return blinkOpacity;
        }

        @Override
        public boolean animate(TileCanvas tiles) {
            return RackView.this.animate(tiles);
        }
    };

    private void plugPressed(String host, boolean pulled) {
        if (pulled) {
            plugs.restore(host);
        } else if (plugs.canPull(host)) {
            plugs.pull(host);
        }
    }

    private void showNodeDetail(String host, Node anchor) {
        showPopOver(model.nodeDetail(host), anchor);
    }

    private void showPodDetail(String podKey, Node anchor) {
        showPopOver(model.podDetail(podKey), anchor);
    }

    private void showPopOver(String text, Node anchor) {
        if (popOver != null) {
            popOver.hide();
        }
        Label content = new Label(text);
        content.getStyleClass().add("detail-text");
        popOver = new PopOver(content);
        popOver.setDetachable(false);
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_LEFT);
        popOver.show(anchor);
    }

    /** A ghost of the pod glides from its dead Pi to its new home and fades out on the new tile. */
    private void animateMove(Move move) {
        LayerNode from = layers.get(move.fromNode());
        LayerNode to = layers.get(move.toNode());
        Bounds target = to == null ? null : to.shownTileSceneBounds(move.toPod());
        // A mass reschedule on a big rack would fill the screen with ghosts; the first few tell the story.
        if (from == null || target == null || overlay.getChildren().size() >= MAX_GHOSTS) {
            return;
        }
        Bounds start = overlay.sceneToLocal(from.tileSceneBounds(move.fromPod()));
        Bounds end = overlay.sceneToLocal(target);
        Label ghost = new Label("➜");
        ghost.getStyleClass().addAll(Styles.POD_TILE, Styles.POD_GHOST, Styles.APP_COLOUR_PREFIX + move.colour());
        double size = to.tileSize() * 1.4;
        // Sized from the tile, not the scene's base font: the audience window scales its base font up, and the
        // arrow would no longer fit a ghost the size of a tile (the legibility suite saw it elided).
        ghost.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", size * 0.55));
        ghost.resizeRelocate(start.getMinX(), start.getMinY(), size, size);
        overlay.getChildren().add(ghost);
        TranslateTransition travel = new TranslateTransition(Duration.millis(1400), ghost);
        travel.setToX(end.getMinX() - start.getMinX());
        travel.setToY(end.getMinY() - start.getMinY());
        // The ghost fades as it lands on the new tile (whose own opacity may be blinking: Pending).
        FadeTransition land = new FadeTransition(Duration.millis(300), ghost);
        land.setToValue(0);
        SequentialTransition story = new SequentialTransition(travel, land);
        story.setOnFinished(e -> overlay.getChildren().remove(ghost));
        story.play();
    }

    // ---- layout and chassis --------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        // From the whole height, not the area under the header, so header and unit never chase each other.
        RackGeometry.Layout whole = RackGeometry.layout(order.size(), width, getHeight());
        String headerFont = "-fx-font-size: " + Math.round(Math.max(13, Math.min(40, whole.unit()))) + "px;";
        if (!headerFont.equals(header.getStyle())) {
            header.setStyle(headerFont);
            banner.setStyle(headerFont);
            header.applyCss();
            banner.applyCss();
        }
        double headerH = header.prefHeight(width);
        header.resizeRelocate(0, 0, width, headerH);
        double y = headerH;
        if (banner.isVisible()) {
            double bannerH = banner.prefHeight(width);
            banner.resizeRelocate(0, y, width, bannerH);
            y += bannerH;
        }
        double areaH = Math.max(0, getHeight() - y);
        chassis.relocate(0, y);
        layersPane.resizeRelocate(0, y, width, areaH);
        overlay.resizeRelocate(0, 0, width, areaH);
        RackGeometry.Layout g = RackGeometry.layout(order.size(), width, areaH);
        String key = width + "x" + areaH + "x" + order.size();
        if (!key.equals(drawnKey)) {
            drawnKey = key;
            drawChassis(g, width, areaH);
        }
        for (int i = 0; i < order.size(); i++) {
            LayerNode node = layers.get(order.get(i));
            Rectangle2D r = g.boards().get(i);
            node.setGeometry(g.unit(), g.compact());
            node.resizeRelocate(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
        }
    }

    private void drawChassis(RackGeometry.Layout g, double width, double height) {
        chassis.setWidth(width);
        chassis.setHeight(height);
        GraphicsContext gc = chassis.getGraphicsContext2D();
        gc.clearRect(0, 0, width, height);
        gc.setFill(new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE,
                new Stop(0, Color.web("#1a1e24")), new Stop(1, Color.web("#101317"))));
        gc.fillRect(0, 0, width, height);
        double u = g.unit();
        if (g.compact()) {
            g.boards().forEach(r -> ChassisPainter.board(gc, r, u, false));
            return;
        }
        Rectangle2D c = g.caseBounds();
        for (int i = 0; i < g.boards().size(); i++) {
            double top = c.getMinY() + i * g.pitch();
            ChassisPainter.standoffs(gc, c.getMinX(), top + 0.6 * u, c.getWidth(), g.pitch(), u);
        }
        for (Rectangle2D board : g.boards()) {
            ChassisPainter.board(gc, board, u, true);
        }
        for (int i = 0; i <= g.boards().size(); i++) {
            ChassisPainter.plate(gc, c.getMinX(), c.getMinY() + i * g.pitch(), c.getWidth(), u);
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 900;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 500;
    }
}
