package io.pirack.ui.rack;

import io.pirack.ui.Styles;
import io.pirack.ui.common.SkinnedLabels;
import io.pirack.ui.rack.RackViewModel.Move;
import javafx.animation.FadeTransition;
import javafx.animation.Interpolator;
import javafx.animation.SequentialTransition;
import javafx.animation.TranslateTransition;
import javafx.geometry.Bounds;
import javafx.scene.CacheHint;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** The layer above the Pis where a rescheduled pod's ghost travels from its dead Pi to its new home. */
final class GhostOverlay extends FreePane {

    /** Travelling ghosts in flight at most. */
    static final int MAX_GHOSTS = 24;
    static final Duration TRAVEL = Duration.millis(1400);
    static final Duration LAND = Duration.millis(300);

    private final TileAnimator gridSteps;
    /** The rack is the compact grid: ghosts move on the grid's shared animation steps. */
    private boolean grid;

    GhostOverlay(TileAnimator gridSteps) {
        this.gridSteps = gridSteps;
        setMouseTransparent(true);
    }

    /**
     * In the compact grid (17+ Pis) ghosts move in the tiles' steps, 15 a second on the same pulses, not
     * at 60 Hz: under churn at 100 Pis a ghost is nearly always in flight, and each of its 60 moves a
     * second made the software renderer draw the window, so a change's frame waited behind a render
     * most of the time (issue 20). The stacked rack keeps its smooth 60 Hz story.
     */
    void setGrid(boolean compact) {
        grid = compact;
    }

    /** A ghost of the pod glides from its dead Pi to its new home and fades out on the new tile. */
    void glide(Move move, LayerNode from, LayerNode to) {
        Bounds target = to == null ? null : to.shownTileSceneBounds(move.toPod());
        // A mass reschedule on a big rack would fill the screen with ghosts; the first few tell the story.
        if (from == null || target == null || getChildren().size() >= MAX_GHOSTS) {
            return;
        }
        Bounds start = sceneToLocal(from.tileSceneBounds(move.fromPod()));
        Bounds end = sceneToLocal(target);
        // Skinned before it joins the scene: a skin made in the CSS pass cost a whole-window render (SkinnedLabels).
        Label ghost = SkinnedLabels.of("➜");
        ghost.getStyleClass().addAll(Styles.POD_TILE, Styles.POD_GHOST, Styles.APP_COLOUR_PREFIX + move.colour());
        double size = to.tileSize() * 1.4;
        // Sized from the tile, not the scene's base font: the audience window scales its base font up, and the
        // arrow would no longer fit a ghost the size of a tile (the legibility suite saw it elided).
        ghost.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", size * 0.55));
        ghost.resizeRelocate(start.getMinX(), start.getMinY(), size, size);
        // Drawn once and then moved as a bitmap: the software renderer otherwise blurs its 12 px glow anew on every
        // step of the flight (12 % of the renderer's samples in a profile under churn at 100 Pis, issue 20; no change in
        // the renderer's CPU was measurable). Only its place and, as it lands, its opacity change.
        ghost.setCache(true);
        ghost.setCacheHint(CacheHint.SPEED);
        getChildren().add(ghost);
        travel(ghost, end.getMinX() - start.getMinX(), end.getMinY() - start.getMinY());
    }

    /** Moves a ghost already in the overlay by ({@code dx}, {@code dy}), then fades it out and takes it away. */
    void travel(Label ghost, double dx, double dy) {
        if (grid) {
            gridSteps.step(new SteppedFlight(ghost, dx, dy));
            return;
        }
        TranslateTransition travel = new TranslateTransition(TRAVEL, ghost);
        travel.setToX(dx);
        travel.setToY(dy);
        // The ghost fades as it lands on the new tile (whose own opacity may be blinking: Pending).
        FadeTransition land = new FadeTransition(LAND, ghost);
        land.setToValue(0);
        SequentialTransition story = new SequentialTransition(travel, land);
        story.setOnFinished(e -> getChildren().remove(ghost));
        story.play();
    }

    /** The same travel and landing as the transitions', placed anew only on the grid's steps. */
    private final class SteppedFlight implements TileAnimator.Stepper {
        private final Label ghost;
        private final double dx;
        private final double dy;
        private long started = Long.MIN_VALUE;
        private double opacity = -1;

        SteppedFlight(Label ghost, double dx, double dy) {
            this.ghost = ghost;
            this.dx = dx;
            this.dy = dy;
        }

        @Override
        public boolean step(long now) {
            if (started == Long.MIN_VALUE) {
                started = now;
                opacity = ghost.getOpacity();
            }
            double ms = (now - started) / 1e6;
            double travel = Math.min(1, ms / TRAVEL.toMillis());
            ghost.setTranslateX(Interpolator.EASE_BOTH.interpolate(0.0, dx, travel));
            ghost.setTranslateY(Interpolator.EASE_BOTH.interpolate(0.0, dy, travel));
            double landed = (ms - TRAVEL.toMillis()) / LAND.toMillis();
            if (landed >= 1) {
                getChildren().remove(ghost);
                return false;
            }
            if (landed > 0) {
                ghost.setOpacity(Interpolator.EASE_BOTH.interpolate(opacity, 0.0, landed));
            }
            return true;
        }
    }
}
