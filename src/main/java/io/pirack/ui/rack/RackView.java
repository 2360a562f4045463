package io.pirack.ui.rack;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.LayerModel;
import io.pirack.ui.rack.RackViewModel.Move;
import io.pirack.ui.rack.RackViewModel.RackModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Window;

/**
 * The drawn stack case with live LEDs. Chassis on a canvas redrawn only when the size or the
 * number of layers changes; one {@link LayerNode} per Pi on top, updated only where its model
 * changed. Several instances can subscribe to one {@link FrameSource} at different sizes (the
 * operator's window and the audience's); each keeps its own view model, so per-frame work stays
 * per view and cheap.
 */
public final class RackView extends Region {

    private final RackViewModel model = new RackViewModel();
    private final PlugActions plugs;
    private final Consumer<RackSpec> onReorder;
    private final Consumer<RackFrame> sink = this::show;
    private final RackHeader header = new RackHeader();
    private final Label banner = new Label();
    private final ChassisCanvas chassis = new ChassisCanvas();
    private final Pane layersPane = new FreePane();
    /**
     * The cards, at most {@link #CARDS_PER_GROUP} to a pane over the whole layer area (see there).
     * A card stays in the group it joined, so moving Pis in the rack moves no node between parents.
     */
    private final List<Pane> cardGroups = new ArrayList<>();
    private final GhostOverlay overlay;
    private final Map<String, LayerNode> layers = new LinkedHashMap<>();
    private final ObservableValue<Boolean> inShowingWindow;
    /** The newest frame that arrived while the window was hidden. */
    private RackFrame parked;
    private List<String> order = List.of();
    private RackModel shown;
    private boolean animated = true;
    /** A Pending pod is on one of the layers: the only reason for the shared blink to run. */
    private boolean pendingShown;
    /** The newest frame is in an odd heartbeat tick: the blink's dim half. */
    private boolean oddTick;
    private boolean blinkOn;
    /** Pending tiles bind their opacity to this: blinking costs a repaint, never a CSS pass. */
    private final DoubleProperty blinkOpacity = new SimpleDoubleProperty(1.0);
    private final RackLayerActions layerActions;
    private final LayerReordering reordering;
    private long framesApplied;
    private long frameNanos;

    /**
     * Cards per group pane. When more than 12 children of one parent changed in a frame, Prism
     * repaints the parent's whole bounds instead of each child's ({@code NGNode}'s
     * DIRTY_CHILDREN_ACCUMULATED_THRESHOLD): at 100 Pis in one pane, a frame that turned the heartbeat
     * LEDs of more than 12 cards repainted the whole grid (1,200 nodes, 40–65 ms on two loaded cores),
     * and a node's Ready flip waited behind that render (issue 20). Ten cards to a group (and at most
     * twelve groups, up to 120 Pis) leave Prism each changed card's own rectangle, up to its 15.
     */
    static final int CARDS_PER_GROUP = 10;

    public RackView(PlugActions plugs, Consumer<RackSpec> onReorder) {
        this.plugs = plugs;
        this.onReorder = onReorder;
        layerActions = new RackLayerActions(model, plugs, blinkOpacity);
        overlay = new GhostOverlay(layerActions.animator());
        reordering = new LayerReordering(model::lastFrame, this::moveLayer, layerActions::showNodeDetail);
        getStyleClass().add(Styles.RACK_VIEW);
        banner.setId("rack-banner");
        banner.getStyleClass().add(Styles.BANNER);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setWrapText(true); // the whole sentence at 1088 px too, never "…"
        header.hideSystem().setOnAction(e -> {
            model.setHideSystemPods(header.hideSystem().isSelected());
            if (model.lastFrame() != null) {
                show(model.lastFrame());
            }
        });
        layersPane.getChildren().add(overlay);
        // The banner joins the scene only while it shows: a hidden node's changes would still ask JavaFX for a
        // render with no dirty region to paint, and it then paints the whole window (issue 20).
        getChildren().addAll(chassis, layersPane, header);
        // Blink only while in a showing window: a hidden view's tiles are not worth a repaint.
        inShowingWindow = sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::showingProperty).orElse(false);
        inShowingWindow.addListener((obs, was, showing) -> {
            updateBlink();
            if (showing && parked != null) {
                RackFrame latest = parked;
                parked = null;
                show(latest);
            }
        });
    }

    /** True while Pending tiles blink (for tests). */
    boolean blinking() {
        return animated && pendingShown && inShowingWindow.getValue();
    }

    /**
     * Steps the Pending tiles' blink with the frames' heartbeat tick ({@link LedStates#HEARTBEAT_TICK}):
     * dim in odd seconds, full in even ones. It is no animation (issue 20): a running one makes JavaFX
     * pulse at its full rate, and at 100 Pis under churn there is nearly always a Pending pod. And it
     * changes in the frame that steps the heartbeat LEDs, so the rack's periodic parts, spread over the
     * whole grid, are redrawn in one render a second instead of up to three.
     */
    private void updateBlink() {
        boolean on = blinking() && oddTick;
        if (on != blinkOn) {
            blinkOn = on;
            blinkOpacity.set(on ? 0.25 : 1.0);
            layers.values().forEach(LayerNode::blink);
        }
    }

    /** Follows a publisher until {@link #unbind}; the first frame arrives at once. */
    public void bind(FrameSource publisher) {
        publisher.subscribe(sink);
    }

    public void unbind(FrameSource publisher) {
        publisher.unsubscribe(sink);
    }

    /** Off for offscreen snapshots: tiles appear in place, nothing blinks or travels. */
    public void setAnimated(boolean on) {
        animated = on;
        updateBlink();
    }

    public void setHideSystemPods(boolean hide) {
        header.hideSystem().setSelected(hide);
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
        apply(next, frame.now());
        framesApplied++;
        frameNanos += System.nanoTime() - start;
    }

    private void apply(RackModel next, Instant now) {
        header.show(next);
        boolean bannerShown = next.banner() != null;
        if (bannerShown) {
            banner.setText(next.banner());
        }
        if (bannerShown != (banner.getParent() != null)) {
            if (bannerShown) {
                getChildren().add(banner);
            } else {
                getChildren().remove(banner);
            }
        }
        List<String> nextOrder = next.layers().stream().map(LayerModel::hostname).toList();
        if (!nextOrder.equals(order)) {
            reorder(nextOrder);
        }
        for (LayerModel layer : next.layers()) {
            LayerNode node = layers.get(layer.hostname());
            String host = layer.hostname();
            // The plug state is asked for only where a button shows it: not 100 times a frame for a grid of cards.
            if (!layer.equals(node.model()) || node.plugButtonShown() && plugChanged(node, host)) {
                node.update(layer, plugs.canPull(host), plugs.isPulled(host), animated && shown != null);
            }
        }
        if (animated && shown != null) {
            next.moves().forEach(this::animateMove);
        }
        shown = next;
        // Each layer knows from its last pod change; not a walk over every pod of the rack per frame.
        pendingShown = next.layers().stream().anyMatch(l -> layers.get(l.hostname()).hasPending());
        oddTick = LedStates.tickStart(now).getEpochSecond() % 2 != 0;
        updateBlink();
    }

    private boolean plugChanged(LayerNode node, String host) {
        boolean pulled = plugs.isPulled(host);
        boolean showsPulled = "Plug back in".equals(node.plugButton().getText());
        return pulled != showsPulled || node.plugButton().isDisable() == (pulled || plugs.canPull(host));
    }

    private void reorder(List<String> nextOrder) {
        for (String gone : order) {
            if (!nextOrder.contains(gone)) {
                leaveGroup(layers.remove(gone));
            }
        }
        for (String host : nextOrder) {
            layers.computeIfAbsent(host, h -> {
                LayerNode node = new LayerNode(h, layerActions);
                reordering.enable(node);
                joinGroup(node);
                return node;
            });
        }
        order = List.copyOf(nextOrder);
        requestLayout();
    }

    /** Puts a new card in the first group with room, or in a new group under the ghosts' overlay. */
    private void joinGroup(LayerNode card) {
        Pane group = cardGroups.stream().filter(g -> g.getChildren().size() < CARDS_PER_GROUP).findFirst().orElseGet(() -> {
            Pane added = new FreePane();
            added.setPickOnBounds(false);
            cardGroups.add(added);
            layersPane.getChildren().add(layersPane.getChildren().size() - 1, added);
            return added;
        });
        group.getChildren().add(card);
    }

    private void leaveGroup(LayerNode card) {
        Pane group = (Pane) card.getParent();
        group.getChildren().remove(card);
        if (group.getChildren().isEmpty()) {
            cardGroups.remove(group);
            layersPane.getChildren().remove(group);
        }
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

    private void animateMove(Move move) {
        overlay.glide(move, layers.get(move.fromNode()), layers.get(move.toNode()));
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
        if (banner.getParent() != null) {
            double bannerH = banner.prefHeight(width);
            banner.resizeRelocate(0, y, width, bannerH);
            y += bannerH;
        }
        double areaH = Math.max(0, getHeight() - y);
        chassis.relocate(0, y);
        layersPane.resizeRelocate(0, y, width, areaH);
        overlay.resizeRelocate(0, 0, width, areaH);
        // Each group covers the whole area, so a card's position is the same as in the layer pane.
        cardGroups.forEach(group -> group.resizeRelocate(0, 0, width, areaH));
        RackGeometry.Layout g = RackGeometry.layout(order.size(), width, areaH);
        overlay.setGrid(g.compact());
        chassis.fit(g, order.size(), width, areaH);
        for (int i = 0; i < order.size(); i++) {
            LayerNode node = layers.get(order.get(i));
            Rectangle2D r = g.boards().get(i);
            node.setGeometry(g.unit(), g.compact());
            // A card that became a board shows its button again: with the plug state of now.
            if (node.plugButtonShown() && plugChanged(node, order.get(i))) {
                node.showPlug(plugs.canPull(order.get(i)), plugs.isPulled(order.get(i)));
            }
            node.resizeRelocate(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
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
