package io.pirack.ui.rack;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;

/**
 * Where things go in the drawn rack, as plain arithmetic on sizes (no nodes, no CSS): the stack of
 * layers or the grid of cards for a window size, and the tile places inside one layer's pod area.
 */
final class RackGeometry {

    /** Above this many Pis the stack becomes a grid of cards. */
    static final int MAX_STACKED = 16;
    /** Below this layer pitch (px) the stack would be illegible: switch to the grid. */
    static final double MIN_PITCH = 64;

    private RackGeometry() {
    }

    /** The geometry for one size: unit, mode and each layer's board rectangle. */
    record Layout(double unit, boolean compact, List<Rectangle2D> boards, Rectangle2D caseBounds, double pitch) {
    }

    /** Stacked layers while {@code count} Pis fit legibly, else the grid of cards with the largest legible unit. */
    static Layout layout(int count, double width, double height) {
        int n = Math.max(1, count);
        double pad = Math.max(8, Math.min(width, height) * 0.015);
        // A window being built, or a header that wrapped in a tiny one, can leave less than the padding.
        double w = Math.max(0, width - 2 * pad);
        double h = Math.max(0, height - 2 * pad);
        double pitch = h / (n + 0.4);
        double unit = Math.min(Math.min(pitch / 10, w / 95), 40);
        if (count <= MAX_STACKED && pitch >= MIN_PITCH && unit >= 6.4) {
            // A narrow window keeps the unit small; taller layers then give pods a row of their own.
            pitch = Math.min(pitch, unit * 14);
            double caseW = Math.min(w, unit * 150);
            double caseX = pad + (w - caseW) / 2;
            double top = pad + Math.max(0, (h - (n * pitch + 0.7 * unit)) / 2);
            List<Rectangle2D> boards = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double y = top + i * pitch + 1.6 * unit;
                boards.add(new Rectangle2D(caseX + 3.2 * unit, y, caseW - 7.2 * unit, pitch - 2.6 * unit));
            }
            return new Layout(unit, false, boards, new Rectangle2D(caseX, top, caseW, n * pitch + 0.7 * unit), pitch);
        }
        // Grid of cards: pick the column count that gives the largest legible unit.
        int bestCols = 1;
        double bestUnit = 0;
        for (int cols = 1; cols <= n; cols++) {
            int rows = (n + cols - 1) / cols;
            double u = Math.min((h / rows) / 7.5, (w / cols) / 26);
            if (u > bestUnit) {
                bestUnit = u;
                bestCols = cols;
            }
        }
        int rows = (n + bestCols - 1) / bestCols;
        double cellW = w / bestCols;
        double cellH = h / rows;
        double u = Math.min(bestUnit, 16);
        List<Rectangle2D> boards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double x = pad + (i % bestCols) * cellW;
            double y = pad + (i / bestCols) * cellH;
            boards.add(new Rectangle2D(x + 0.25 * u, y + 0.25 * u, Math.max(0, cellW - 0.5 * u), Math.max(0, Math.min(cellH - 0.5 * u, 12 * u))));
        }
        return new Layout(u, true, boards, new Rectangle2D(pad, pad, w, h), cellH);
    }

    /**
     * The tile places of one layer's pod area: square tiles, row-major, as many columns and rows as fit.
     *
     * @param tile the tile's side
     */
    record TileGrid(double tile, int columns, int rows) {

        /** The grid that fits a {@code width} × {@code height} pod area. */
        static TileGrid fitting(double tile, double width, double height) {
            double gap = gap(tile);
            return new TileGrid(tile, Math.max(1, (int) Math.floor((width + gap) / (tile + gap))),
                    Math.max(1, (int) Math.floor((height + gap) / (tile + gap))));
        }

        /** The tile side of a layer: smaller in the compact grid. */
        static double tileSize(double unit, boolean compact) {
            return compact ? 1.8 * unit : 3.0 * unit;
        }

        static double gap(double tile) {
            return Math.max(2, tile * 0.22);
        }

        int capacity() {
            return columns * rows;
        }

        /** The top-left corner of place {@code index}. */
        Point2D slot(int index) {
            double pitch = tile + gap(tile);
            return new Point2D((index % columns) * pitch, (index / columns) * pitch);
        }

        /** The place whose tile covers point (x, y) of the pod area, or -1 for a gap or outside. */
        int placeAt(double x, double y) {
            double pitch = tile + gap(tile);
            int col = (int) Math.floor(x / pitch);
            int row = (int) Math.floor(y / pitch);
            if (col < 0 || col >= columns || row < 0 || x - col * pitch > tile || y - row * pitch > tile) {
                return -1;
            }
            return row * columns + col;
        }
    }
}
