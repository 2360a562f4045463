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
        boolean dashed = look.dashed();
        g.save();
        g.setGlobalAlpha(look.opacity() * opacity);
        g.setFill(look.fill());
        g.setStroke(look.border());
        g.setLineWidth(borderWidth);
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineDashes(dashed ? new double[] {side * 0.18, side * 0.12} : null);
        double half = borderWidth / 2;
        switch (pod.kind()) {
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
}
