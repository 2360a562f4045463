package io.pirack.ui.rack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rack's layout arithmetic, without a window: what fits where at the sizes presenters use. */
class RackGeometryTest {

    @Test
    void fourPisInALaptopWindowAreAStackOfLayersTopToBottom() {
        RackGeometry.Layout layout = RackGeometry.layout(4, 1130, 480);
        assertFalse(layout.compact());
        List<Rectangle2D> boards = layout.boards();
        assertEquals(4, boards.size());
        for (int i = 1; i < boards.size(); i++) {
            assertTrue(boards.get(i).getMinY() >= boards.get(i - 1).getMaxY(), "layer " + i + " sits below the one before");
            assertEquals(boards.get(0).getMinX(), boards.get(i).getMinX(), "layers line up");
        }
        boards.forEach(b -> assertTrue(layout.caseBounds().contains(b), "inside the case: " + b));
    }

    @Test
    void moreThanSixteenPisBecomeAGridOfCards() {
        assertFalse(RackGeometry.layout(RackGeometry.MAX_STACKED, 1920, 1200).compact());
        assertTrue(RackGeometry.layout(RackGeometry.MAX_STACKED + 1, 1920, 1200).compact());
    }

    @Test
    void aWindowTooShortForLegibleLayersShowsCardsInstead() {
        assertTrue(RackGeometry.layout(4, 900, 200).compact(), "four 40 px layers would be illegible");
    }

    @ParameterizedTest
    @CsvSource({"17, 1280, 560", "100, 1920, 1000", "100, 1130, 480", "40, 600, 900"})
    void cardsNeverOverlapAndStayInTheWindow(int count, double width, double height) {
        RackGeometry.Layout layout = RackGeometry.layout(count, width, height);
        Rectangle2D window = new Rectangle2D(0, 0, width, height);
        List<Rectangle2D> boards = layout.boards();
        assertEquals(count, boards.size());
        for (int i = 0; i < boards.size(); i++) {
            assertTrue(window.contains(boards.get(i)), "card " + i + " inside the window");
            for (int j = i + 1; j < boards.size(); j++) {
                assertFalse(overlap(boards.get(i), boards.get(j)), "cards " + i + " and " + j + " overlap");
            }
        }
    }

    @Test
    void tilesFitThePodAreaAndAClickFindsTheTileUnderIt() {
        RackGeometry.TileGrid grid = RackGeometry.TileGrid.fitting(20, 230, 70);
        double gap = RackGeometry.TileGrid.gap(20);
        assertTrue(grid.columns() * 20 + (grid.columns() - 1) * gap <= 230, "columns fit the width");
        assertTrue((grid.columns() + 1) * 20 + grid.columns() * gap > 230, "no room was left for another column");
        assertEquals(grid.columns() * grid.rows(), grid.capacity());
        for (int i = 0; i < grid.capacity(); i++) {
            Point2D at = grid.slot(i);
            assertEquals(i, grid.placeAt(at.getX() + 10, at.getY() + 10), "the middle of place " + i);
        }
        Point2D first = grid.slot(0);
        assertEquals(-1, grid.placeAt(first.getX() + 20 + gap / 2, first.getY() + 10), "the gap between two tiles");
        assertEquals(-1, grid.placeAt(-3, 5), "left of the area");
        assertEquals(-1, grid.placeAt(grid.columns() * (20 + gap) + 1, 5), "right of the last column");
    }

    @Test
    void gridCardsGetSmallerTilesThanStackedLayers() {
        assertTrue(RackGeometry.TileGrid.tileSize(10, true) < RackGeometry.TileGrid.tileSize(10, false));
    }

    private static boolean overlap(Rectangle2D a, Rectangle2D b) {
        return a.getMinX() < b.getMaxX() - 1e-9 && b.getMinX() < a.getMaxX() - 1e-9
                && a.getMinY() < b.getMaxY() - 1e-9 && b.getMinY() < a.getMaxY() - 1e-9;
    }

    @ParameterizedTest(name = "{0} Pis in {1}×{2}")
    @CsvSource({"4, 10, 0", "4, 0, 0", "100, 5, 5", "100, 300, 2"})
    void aSpaceSmallerThanItsPaddingLaysOutEmptyBoardsInsteadOfFailing(int pis, double width, double height) {
        RackGeometry.Layout layout = RackGeometry.layout(pis, width, height);
        for (Rectangle2D board : layout.boards()) {
            assertTrue(board.getWidth() >= 0 && board.getHeight() >= 0, board.toString());
        }
    }
}
