package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.rack.RackViewModel.PodKind;
import io.pirack.ui.rack.RackViewModel.PodModel;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws pod tiles on a canvas for the compact grid (more than 16 Pis, or a small window), where
 * thousands of styled nodes would cost CSS, layout and rendering on every change. Colours, dashes,
 * opacity and glyph colour come from the {@code .pod-tile} rules in pirack.css through
 * {@link TilePalette}; this class adds the shape per kind (square workload, round DaemonSet,
 * diamond control plane) and the glyph per state, so a tile means the same thing in both modes.
 */
final class TilePainter {

    /** The thicker outline of tiles whose state is their border (Pending, Terminating). */
    private static final java.util.Set<PodLed> OUTLINED = java.util.EnumSet.of(PodLed.PENDING, PodLed.TERMINATING);

    /**
     * Workload tiles smaller than this are drawn square, from filled rectangles: the software renderer
     * fills an axis-aligned rectangle directly, where a rounded one (its fill, and worse its outline and
     * dashes) goes through the anti-aliasing shape rasterizer. At 100 Pis (13 px tiles, a corner of 2 px)
     * that rasterizer was two thirds of the renderer thread under churn (issue 20).
     */
    static final double SQUARE_BELOW = 16;

    private TilePainter() {
    }

    private static Font lastFont = Font.font(null, FontWeight.BOLD, 10);

    /** Tiles of one size share a font; looking one up per tile would cost more than drawing it. FX thread only. */
    private static Font glyphFont(double size) {
        if (lastFont.getSize() != size) {
            lastFont = Font.font(null, FontWeight.BOLD, size);
        }
        return lastFont;
    }

    /**
     * Paints one tile in the square at ({@code x}, {@code y}) of side {@code size}; system pods
     * are drawn smaller inside it, as in the stacked view.
     *
     * @param palette the stylesheet's tile colours ({@link TilePalette#of})
     * @param opacity the Pending blink's or a fade-out's opacity (1.0 for neither)
     * @param scale   a grow-in's or fade-out's size, 0–1, around the square's centre
     */
    static void paint(GraphicsContext g, TilePalette palette, PodModel pod, double x, double y, double size,
                      double opacity, double scale) {
        if (scale <= 0 || opacity <= 0) {
            return;
        }
        double side = (pod.kind() == PodKind.WORKLOAD ? size : size * 0.7) * scale;
        double inset = (size - side) / 2;
        double left = x + inset;
        double top = y + inset;
        PodLed led = pod.led();
        TilePalette.Look look = palette.look(pod.colour(), pod.kind(), led);
        double borderWidth = OUTLINED.contains(led) ? Math.max(1.5, side * 0.1) : Math.max(1, side * 0.06);
        g.save();
        g.setGlobalAlpha(look.opacity() * opacity);
        if (pod.kind() == PodKind.WORKLOAD && side < SQUARE_BELOW) {
            paintSquare(g, look, left, top, side, borderWidth);
        } else {
            paintShape(g, look, pod.kind(), left, top, side, borderWidth);
        }
        String glyph = TileNodes.glyph(led);
        if (!glyph.isEmpty()) {
            g.setFill(look.text());
            g.setFont(glyphFont(side * 0.7));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(glyph, left + side / 2, top + side / 2);
        }
        g.restore();
    }

    /** A small workload tile: its fill, then its outline as four bands (or dashes) of filled rectangles. */
    private static void paintSquare(GraphicsContext g, TilePalette.Look look, double left, double top, double side,
                                    double borderWidth) {
        g.setFill(look.fill());
        g.fillRect(left, top, side, side);
        g.setFill(look.border());
        double bw = Math.min(borderWidth, side / 2);
        if (!look.dashed()) {
            g.fillRect(left, top, side, bw);
            g.fillRect(left, top + side - bw, side, bw);
            g.fillRect(left, top + bw, bw, side - 2 * bw);
            g.fillRect(left + side - bw, top + bw, bw, side - 2 * bw);
            return;
        }
        // The same dash and gap as the rounded outline's, along each edge from its corner.
        double dash = side * 0.18;
        double step = dash + side * 0.12;
        for (double at = 0; at < side; at += step) {
            double len = Math.min(dash, side - at);
            g.fillRect(left + at, top, len, bw);
            g.fillRect(left + side - at - len, top + side - bw, len, bw);
            g.fillRect(left, top + side - at - len, bw, len);
            g.fillRect(left + side - bw, top + at, bw, len);
        }
    }

    /** A tile in its kind's shape: rounded square, circle or diamond, with its outline stroked. */
    private static void paintShape(GraphicsContext g, TilePalette.Look look, PodKind kind, double left, double top,
                                   double side, double borderWidth) {
        boolean dashed = look.dashed();
        g.setFill(look.fill());
        g.setStroke(look.border());
        g.setLineWidth(borderWidth);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineDashes(dashed ? new double[] {side * 0.18, side * 0.12} : null);
        double half = borderWidth / 2;
        switch (kind) {
            case DAEMON_SET:
                g.fillOval(left, top, side, side);
                g.strokeOval(left + half, top + half, side - borderWidth, side - borderWidth);
                break;
            case CONTROL_PLANE:
                double[] xs = {left + side / 2, left + side, left + side / 2, left};
                double[] ys = {top, top + side / 2, top + side, top + side / 2};
                g.fillPolygon(xs, ys, 4);
                g.strokePolygon(xs, ys, 4);
                break;
            default:
                double arc = side * 0.3;
                g.fillRoundRect(left, top, side, side, arc, arc);
                g.strokeRoundRect(left + half, top + half, side - borderWidth, side - borderWidth, arc, arc);
                break;
        }
    }
}
