package io.pirack.ui.common;

import javafx.scene.Node;
import javafx.scene.layout.Region;

/**
 * Keeps JavaFX from repainting the whole window after a layout that touched CSS (issue 20).
 *
 * <p>JavaFX 21 paints only the dirty regions of a window — unless a render was asked for and the
 * dirty-region walk finds none; then Prism's {@code ViewPainter} paints everything (1632×918 px in
 * software, 65–140 ms here). A table gets there after most changes: its {@code VirtualFlow} re-indexes
 * or recreates rows <em>during layout</em>, their pseudo-classes change (odd, even, filled…), which
 * marks the scene root CSS-dirty, and the flow applies the rows' CSS itself — but the root stays
 * CSS-dirty. At the end of the pulse {@code Scene} marks the root dirty for that; the next pulse's CSS
 * pass clears the bit and finds nothing to change, yet the root is still in the scene's dirty list, so
 * the scene syncs and asks for a render — with no dirty region: the whole window.
 *
 * <p>The guard gives that pulse a region: a 1×1 px node with nothing to paint, whose opacity it
 * changes at the start of the pulse after such a layout, so the render paints one pixel instead of
 * the window. A change that did not leave the root dirty costs, at most, a one-pixel render later.
 * Whoever re-indexes cells during layout calls {@link #cellsChanged()} (e.g. a row factory's rows).
 *
 * <p>A label added to a shown scene gets there too: its skin, made in the CSS pass, adds the text node during
 * that pass. Those are avoided at the source: {@link SkinnedLabels} makes the skin before the label joins.
 */
public final class RepaintGuard {

    private final Region sentinel = new Region();
    private final Runnable beforeLayout = this::beforeLayout;
    private final Runnable afterLayout = this::afterLayout;
    /** Cells changed since the last layout ended. */
    private boolean changed;
    /** Cells changed in (or before) the last pulse: the next one may render with no dirty region. */
    private boolean armed;

    public RepaintGuard() {
        sentinel.getStyleClass().add("repaint-guard");
        sentinel.setManaged(false);
        sentinel.setMouseTransparent(true);
        sentinel.setFocusTraversable(false);
        sentinel.resizeRelocate(0, 0, 1, 1);
        sentinel.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePreLayoutPulseListener(beforeLayout);
                was.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPreLayoutPulseListener(beforeLayout);
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
    }

    /** The node to put in the scene, anywhere it is visible and inside the window (it draws nothing). */
    public Node sentinel() {
        return sentinel;
    }

    /** Cells were re-indexed or recreated: their CSS may have changed. Cheap; call it as often as it happens. */
    public void cellsChanged() {
        changed = true;
    }

    private void afterLayout() {
        if (changed) {
            changed = false;
            armed = true;
        }
    }

    private void beforeLayout() {
        if (armed) {
            armed = false;
            sentinel.setOpacity(sentinel.getOpacity() == 1 ? 0.996 : 1);
        }
    }
}
