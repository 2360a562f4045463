package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.PodKind;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.PixelReader;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * What the 100-Pi grid may draw more cheaply without a viewer missing it (issue 20): small drawn
 * tiles keep their state's colours and dashes, and ghosts travel on the grid's shared 15 Hz steps
 * instead of asking the software renderer for a frame on every 60 Hz pulse.
 */
class GridDrawingCostTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aSmallDrawnTileShowsItsStatesFillInsideAndItsOutlineAtTheEdgeAndADashedOneHasGaps() throws Exception {
        double side = 13; // a workload tile of the 100-Pi grid at 1920x1080
        assertTrue(side < TilePainter.SQUARE_BELOW);
        onFx(() -> {
            Canvas canvas = new Canvas(60, 20);
            Scene scene = new Scene(new StackPane(canvas));
            scene.getStylesheets().add(RackView.class.getResource(Styles.STYLESHEET).toExternalForm());
            TilePalette palette = TilePalette.of(scene);
            PodModel ready = new PodModel("demo/a", "a", "web", 0, PodLed.READY, PodKind.WORKLOAD, "web-rs");
            PodModel starting = new PodModel("demo/b", "b", "web", 0, PodLed.STARTING, PodKind.WORKLOAD, "web-rs");
            TilePainter.paint(canvas.getGraphicsContext2D(), palette, ready, 2, 2, side, 1.0, 1.0);
            TilePainter.paint(canvas.getGraphicsContext2D(), palette, starting, 30, 2, side, 1.0, 1.0);
            PixelReader px = canvas.snapshot(null, null).getPixelReader();
            TilePalette.Look readyLook = palette.look(0, PodKind.WORKLOAD, PodLed.READY);
            assertClose((Color) readyLook.fill(), px.getColor(2 + 6, 2 + 6), "a Ready tile's inside is its app's colour");
            Color edge = px.getColor(2 + 6, 2);
            assertTrue(edge.getBrightness() < px.getColor(2 + 6, 2 + 6).getBrightness() - 0.1,
                    "its outline is darker than its fill, as on a tile node: " + edge);
            // Starting: a white dashed outline; along its top edge some pixels are white, some are gaps.
            Set<Boolean> whiteAlongTop = new HashSet<>();
            for (int x = 31; x < 30 + side - 1; x++) {
                whiteAlongTop.add(px.getColor(x, 2).getBrightness() > 0.9 && px.getColor(x, 2).getSaturation() < 0.2);
            }
            assertEquals(Set.of(true, false), whiteAlongTop, "a Starting tile's outline is dashed");
            return null;
        });
    }

    @Test
    void aGhostInTheGridMovesOnlyOnTheSharedStepsAndIsGoneAfterItsLanding() throws Exception {
        long step = TileAnimator.STEP_NANOS;
        onFx(() -> {
            List<Long> periods = new ArrayList<>();
            TileAnimator steps = new TileAnimator((period, run) -> {
                periods.add(period);
                return () -> { };
            });
            GhostOverlay overlay = new GhostOverlay(steps);
            Label ghost = launch(overlay, true);
            assertEquals(List.of(step), periods, "the ghost asked for the grid's 15 steps a second");
            long start = 40 * step + 1;
            Set<Double> places = new HashSet<>();
            for (int i = 0; i < 15; i++) {
                steps.step(start + i * step);
                places.add(ghost.getTranslateX());
            }
            assertEquals(15, places.size(), "a second of steps moves the ghost on each");
            assertTrue(ghost.getTranslateX() > 150 && ghost.getTranslateY() > 60, "after a second it is well on its way");
            boolean moving = true;
            for (int i = 15; i < 40 && moving; i++) {
                moving = steps.step(start + i * step);
            }
            assertFalse(moving, "the steps stop once the ghost landed");
            assertFalse(overlay.getChildren().contains(ghost), "the ghost is gone after its landing");
            assertEquals(300, ghost.getTranslateX(), 0.001, "it ended on its target");
            return null;
        });
    }

    @Test
    void aGhostInTheStackedRackTravelsOnItsOwnSmoothAnimationNotOnTheGridSteps() throws Exception {
        onFx(() -> {
            List<Long> periods = new ArrayList<>();
            TileAnimator steps = new TileAnimator((period, run) -> {
                periods.add(period);
                return () -> { };
            });
            launch(new GhostOverlay(steps), false);
            assertEquals(List.of(), periods, "nothing of the stacked rack waits for the grid's steps");
            return null;
        });
    }

    /** A ghost set off by (300, 120) in a grid's or a stacked rack's overlay. */
    private static Label launch(GhostOverlay overlay, boolean grid) {
        overlay.setGrid(grid);
        Label ghost = new Label("➜");
        overlay.getChildren().add(ghost);
        overlay.travel(ghost, 300, 120);
        return ghost;
    }

    private static void assertClose(Color expected, Color actual, String what) {
        double d = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(d < 0.06, what + ": expected " + expected + ", got " + actual);
    }
}
