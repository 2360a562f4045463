package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.Styles;
import io.pirack.ui.common.SkinnedLabels;
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
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.util.Duration;

/**
 * Pods as styled tiles, one {@code Label} each (the stacked rack, up to 16 Pis): they grow in,
 * fade out, blink while Pending and are found by id in tests. Colour and shape come from the
 * stylesheet through pseudo-classes, the glyph says the state without colour.
 */
final class TileNodes {

    static final Duration TILE_ANIMATION = Duration.millis(350);
    private static final Map<PodLed, PseudoClass> POD_CLASSES = Map.of(
            PodLed.PENDING, Styles.PENDING, PodLed.STARTING, Styles.STARTING, PodLed.READY, Styles.READY,
            PodLed.TERMINATING, Styles.TERMINATING, PodLed.FAILED, Styles.FAILED, PodLed.SUCCEEDED, Styles.SUCCEEDED,
            PodLed.UNKNOWN, Styles.UNKNOWN);

    private final Pane pane;
    private final LayerActions actions;
    private final Map<String, Label> tiles = new HashMap<>();
    private final Map<String, PodModel> tileModels = new HashMap<>();

    TileNodes(Pane pane, LayerActions actions) {
        this.pane = pane;
        this.actions = actions;
    }

    /** Makes the tiles match {@code visible}: new ones grow in, gone ones fade out (when animated). */
    void show(List<PodModel> visible, boolean animated) {
        Set<String> keep = new HashSet<>();
        for (PodModel pod : visible) {
            keep.add(pod.key());
            Label tile = tiles.get(pod.key());
            if (tile == null) {
                tile = newTile(pod);
                tiles.put(pod.key(), tile);
                pane.getChildren().add(tile);
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
                    tile.opacityProperty().bind(actions.blinkOpacity());
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
    }

    /** Places the tiles of {@code shown} in the grid's places, in order. */
    void layout(List<PodModel> shown, RackGeometry.TileGrid grid) {
        for (int i = 0; i < shown.size(); i++) {
            PodModel pod = shown.get(i);
            Label t = tiles.get(pod.key());
            if (t != null) {
                // System pods are smaller, so the audience's eye goes to the demo app.
                double size = pod.kind() == PodKind.WORKLOAD ? grid.tile() : grid.tile() * 0.7;
                double inset = (grid.tile() - size) / 2;
                Point2D at = grid.slot(i);
                t.resizeRelocate(at.getX() + inset, at.getY() + inset, size, size);
            }
        }
    }

    /** Drops every tile at once (switching to the drawn canvas). */
    void clear() {
        tiles.clear();
        tileModels.clear();
    }

    Label tile(String podKey) {
        return tiles.get(podKey);
    }

    /** Where a pod's tile is in scene coordinates, or null when it is not shown. */
    Bounds sceneBounds(String podKey) {
        Label tile = tiles.get(podKey);
        return tile == null ? null : tile.localToScene(tile.getBoundsInLocal());
    }

    private Label newTile(PodModel pod) {
        // Skinned before it joins the scene, or the next pulse repaints the whole window (SkinnedLabels).
        Label tile = SkinnedLabels.of("");
        tile.getStyleClass().addAll(Styles.POD_TILE, Styles.APP_COLOUR_PREFIX + pod.colour());
        if (pod.kind() == PodKind.DAEMON_SET) {
            tile.getStyleClass().add(Styles.POD_DAEMON);
        } else if (pod.kind() == PodKind.CONTROL_PLANE) {
            tile.getStyleClass().add(Styles.POD_CONTROL_PLANE);
        }
        tile.setId("pod-" + pod.key().replace('/', '-'));
        tile.setUserData(pod.key());
        tile.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        tile.setOnMouseClicked(e -> actions.showPodDetail(pod.key(), tile));
        return tile;
    }

    /** The state without colour: a glyph on the tile. */
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
            pane.getChildren().remove(tile);
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
        out.setOnFinished(e -> pane.getChildren().remove(tile));
        out.play();
    }
}
