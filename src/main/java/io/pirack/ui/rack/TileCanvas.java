package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;

/**
 * Pods drawn on one {@code Canvas} per card (the compact grid, 17+ Pis or a small window): no node
 * per pod, so 3,000 pods cost no CSS or layout passes. Tiles grow in and fade out like the tile
 * nodes, Pending ones follow the rack's blink, a click is answered by position and screen readers
 * get the counts in words.
 */
final class TileCanvas {

    private final Canvas canvas = new Canvas();
    private final LayerActions actions;
    /** Drawn tiles growing in: pod key → animation start (ns on the pulse clock; 0 = starts at the next pulse). */
    private final Map<String, Long> growing = new HashMap<>();
    /** Drawn tiles of pods that left, fading out where they were. */
    private final List<LeavingTile> leaving = new ArrayList<>();
    private List<PodModel> shown = List.of();
    private RackGeometry.TileGrid grid = new RackGeometry.TileGrid(10, 1, 1);
    /** A drawn tile is Pending, so the canvas follows the rack's blink. */
    private boolean blinking;
    private long pulseNanos;
    /** What the canvas holds was painted before the tiles last changed: the next layout repaints it. */
    private boolean stale = true;
    private TilePalette paintedWith;
    private long paints;

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

    TileCanvas(LayerActions actions) {
        this.actions = actions;
        canvas.getStyleClass().add(Styles.POD_CANVAS);
        canvas.setOnMouseClicked(e -> {
            String key = podAt(e.getX(), e.getY());
            if (key != null) {
                actions.showPodDetail(key, canvas);
            }
        });
    }

    Canvas node() {
        return canvas;
    }

    /** Draws {@code visible} from now on; {@code all} is every pod of the layer, for screen readers. */
    void show(List<PodModel> visible, List<PodModel> all, boolean animated) {
        List<PodModel> before = shown;
        shown = visible;
        if (animated) {
            startAnimations(before, visible);
        }
        blinking = visible.stream().anyMatch(p -> p.led() == PodLed.PENDING);
        canvas.setAccessibleText(describe(all));
        stale = true;
    }

    /** Drops animations and tiles (switching back to tile nodes). */
    void clear() {
        growing.clear();
        leaving.clear();
        shown = List.of();
        stale = true;
    }

    /** New tiles grow in and gone tiles fade out where they were, as the tile nodes do in the stack. */
    private void startAnimations(List<PodModel> before, List<PodModel> now) {
        Set<String> nowKeys = new HashSet<>();
        now.forEach(p -> nowKeys.add(p.key()));
        Set<String> beforeKeys = new HashSet<>();
        for (int i = 0; i < before.size(); i++) {
            PodModel pod = before.get(i);
            beforeKeys.add(pod.key());
            if (!nowKeys.contains(pod.key())) {
                leaving.add(new LeavingTile(pod, grid.slot(i)));
            }
        }
        now.stream().filter(p -> !beforeKeys.contains(p.key())).forEach(p -> growing.put(p.key(), 0L));
        growing.keySet().retainAll(nowKeys);
        if ((!growing.isEmpty() || !leaving.isEmpty()) && !actions.animate(this)) {
            growing.clear();
            leaving.clear();
        }
    }

    /**
     * One pulse of the drawn tiles' animations.
     *
     * @return whether any is still running
     */
    boolean animate(long now) {
        pulseNanos = now;
        long grow = (long) TileNodes.TILE_ANIMATION.toMillis() * 1_000_000L;
        growing.replaceAll((key, start) -> start == 0 ? now : start);
        growing.values().removeIf(start -> now - start >= grow);
        leaving.forEach(t -> t.start = t.start == 0 ? now : t.start);
        leaving.removeIf(t -> now - t.start >= 2 * grow);
        paint(grid, canvas.getWidth(), canvas.getHeight());
        return animating();
    }

    /** True while a drawn tile grows in or fades out. */
    boolean animating() {
        return !growing.isEmpty() || !leaving.isEmpty();
    }

    /** The rack's blink changed phase; repaints when a Pending tile is drawn. */
    void blink() {
        if (blinking) {
            paint(grid, canvas.getWidth(), canvas.getHeight());
        }
    }

    /**
     * Paints unless the canvas already shows these tiles at this size and place, in these colours: a
     * card laid out for another reason (its state chip's words, the rack's header) keeps its pixels, so
     * at 100 Pis a node change repaints one chip, not that card's tiles too (issue 20).
     */
    void paintIfChanged(RackGeometry.TileGrid tiles, double width, double height) {
        if (stale || !tiles.equals(grid) || canvas.getWidth() != width || canvas.getHeight() != height
                || paintedWith != TilePalette.of(canvas.getScene())) {
            paint(tiles, width, height);
        }
    }

    /** How often the tiles were painted (for tests: a card whose pods did not change is not redrawn). */
    long paints() {
        return paints;
    }

    /** Paints every tile into a {@code width} × {@code height} canvas laid out as {@code tiles}. */
    void paint(RackGeometry.TileGrid tiles, double width, double height) {
        grid = tiles;
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        // Clearing the whole canvas also drops its queued drawing commands, so they never pile up.
        g.clearRect(0, 0, width, height);
        double tile = grid.tile();
        TilePalette palette = TilePalette.of(canvas.getScene());
        paintedWith = palette;
        stale = false;
        paints++;
        double blink = actions.blinkOpacity().get();
        double span = TileNodes.TILE_ANIMATION.toMillis() * 1e6;
        for (LeavingTile gone : leaving) {
            double t = gone.start == 0 ? 0 : Math.min(1, (pulseNanos - gone.start) / (2 * span));
            TilePainter.paint(g, palette, gone.pod, gone.at.getX(), gone.at.getY(), tile, 1 - t, 1 - 0.8 * t);
        }
        for (int i = 0; i < shown.size(); i++) {
            PodModel pod = shown.get(i);
            Long start = growing.get(pod.key());
            double scale = start == null ? 1 : start == 0 ? 0 : Math.min(1, (pulseNanos - start) / span);
            Point2D at = grid.slot(i);
            TilePainter.paint(g, palette, pod, at.getX(), at.getY(), tile, pod.led() == PodLed.PENDING ? blink : 1.0, scale);
        }
    }

    /** The pod whose drawn tile is at canvas point (x, y), or null. */
    String podAt(double x, double y) {
        int index = grid.placeAt(x, y);
        return index >= 0 && index < shown.size() ? shown.get(index).key() : null;
    }

    /** Where a pod's drawn tile is in scene coordinates, or null when it is not drawn. */
    Bounds sceneBounds(String podKey) {
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).key().equals(podKey)) {
                Point2D at = grid.slot(i);
                return canvas.localToScene(new BoundingBox(at.getX(), at.getY(), grid.tile(), grid.tile()));
            }
        }
        return null;
    }

    /** What the layer's pods are, for screen readers (the canvas has no nodes to read): "30 pods: 28 Ready, 2 Pending". */
    static String describe(List<PodModel> pods) {
        Map<PodLed, Integer> counts = new EnumMap<>(PodLed.class);
        pods.forEach(p -> counts.merge(p.led(), 1, Integer::sum));
        StringBuilder text = new StringBuilder(pods.size() + (pods.size() == 1 ? " pod" : " pods"));
        String sep = ": ";
        for (Map.Entry<PodLed, Integer> e : counts.entrySet()) {
            text.append(sep).append(e.getValue()).append(' ').append(e.getKey().words);
            sep = ", ";
        }
        return text.toString();
    }
}
