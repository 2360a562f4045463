package io.pirack.ui.rack;

import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.Move;
import javafx.animation.FadeTransition;
import javafx.animation.SequentialTransition;
import javafx.animation.TranslateTransition;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** The layer above the Pis where a rescheduled pod's ghost travels from its dead Pi to its new home. */
final class GhostOverlay extends FreePane {

    /** Travelling ghosts in flight at most. */
    static final int MAX_GHOSTS = 24;

    GhostOverlay() {
        setMouseTransparent(true);
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
        Label ghost = new Label("➜");
        ghost.getStyleClass().addAll(Styles.POD_TILE, Styles.POD_GHOST, Styles.APP_COLOUR_PREFIX + move.colour());
        double size = to.tileSize() * 1.4;
        // Sized from the tile, not the scene's base font: the audience window scales its base font up, and the
        // arrow would no longer fit a ghost the size of a tile (the legibility suite saw it elided).
        ghost.setStyle(String.format(java.util.Locale.ROOT, "-fx-font-size: %.1fpx;", size * 0.55));
        ghost.resizeRelocate(start.getMinX(), start.getMinY(), size, size);
        getChildren().add(ghost);
        TranslateTransition travel = new TranslateTransition(Duration.millis(1400), ghost);
        travel.setToX(end.getMinX() - start.getMinX());
        travel.setToY(end.getMinY() - start.getMinY());
        // The ghost fades as it lands on the new tile (whose own opacity may be blinking: Pending).
        FadeTransition land = new FadeTransition(Duration.millis(300), ghost);
        land.setToValue(0);
        SequentialTransition story = new SequentialTransition(travel, land);
        story.setOnFinished(e -> getChildren().remove(ghost));
        story.play();
    }
}
