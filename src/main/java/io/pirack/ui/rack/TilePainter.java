package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.rack.RackViewModel.PodKind;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.util.List;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws pod tiles on a canvas for the compact grid (more than 16 Pis, or a small window), where
 * thousands of styled nodes would cost CSS, layout and rendering on every change. It draws the
 * same language as the {@code .pod-tile} rules in pirack.css — colour per app, shape per kind
 * (square workload, round DaemonSet, diamond control plane) and fill, border, glyph and blink per
 * state — so a tile means the same thing in both modes. Keep the two in step.
 */
final class TilePainter {

    /** The 12 app colours, in the order of {@code .app-colour-0} … {@code .app-colour-11} in pirack.css. */
    static final List<Color> APP_COLOURS = List.of(
            Color.web("#4fa3ff"), Color.web("#ff9f1c"), Color.web("#2ec4b6"), Color.web("#e56bff"),
            Color.web("#ffe14d"), Color.web("#ff6b6b"), Color.web("#9be564"), Color.web("#a0a4ff"),
            Color.web("#ffffff"), Color.web("#f4a5c0"), Color.web("#5ee1ff"), Color.web("#d7b98a"));
    private static final Color LED_DOWN = Color.web("#ff4d4f");
    private static final Color LED_UNKNOWN = Color.web("#8a8f98");
    private static final Color DARK_FILL = Color.rgb(0, 0, 0, 0.5);
    private static final Color EDGE = Color.rgb(0, 0, 0, 0.6);

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

    static Color appColour(int slot) {
        return APP_COLOURS.get(Math.floorMod(slot, APP_COLOURS.size()));
    }

    /**
     * Paints one tile in the square at ({@code x}, {@code y}) of side {@code size}; system pods
     * are drawn smaller inside it, as in the stacked view.
     *
     * @param opacity the Pending blink's or a fade-out's opacity (1.0 for neither)
     * @param scale   a grow-in's or fade-out's size, 0–1, around the square's centre
     */
    static void paint(GraphicsContext g, PodModel pod, double x, double y, double size, double opacity, double scale) {
        if (scale <= 0 || opacity <= 0) {
            return;
        }
        double side = (pod.kind() == PodKind.WORKLOAD ? size : size * 0.7) * scale;
        double inset = (size - side) / 2;
        double left = x + inset;
        double top = y + inset;
        Color colour = appColour(pod.colour());
        PodLed led = pod.led();
        Color fill;
        Color border;
        double borderWidth = Math.max(1, side * 0.06);
        boolean dashed = false;
        double alpha = 1.0;
        Color text = Color.BLACK;
        switch (led) {
            case STARTING:
                fill = colour;
                border = Color.WHITE;
                dashed = true;
                alpha = 0.75;
                break;
            case PENDING:
                fill = DARK_FILL;
                border = colour;
                borderWidth = Math.max(1.5, side * 0.1);
                dashed = true;
                text = Color.WHITE;
                break;
            case TERMINATING:
                fill = DARK_FILL;
                border = colour;
                borderWidth = Math.max(1.5, side * 0.1);
                alpha = 0.7;
                text = Color.WHITE;
                break;
            case FAILED:
                fill = LED_DOWN;
                border = Color.WHITE;
                break;
            case SUCCEEDED:
                fill = colour;
                border = EDGE;
                alpha = 0.5;
                break;
            case UNKNOWN:
                fill = LED_DOWN;
                border = Color.WHITE;
                dashed = true;
                text = Color.WHITE;
                break;
            default:
                fill = colour;
                border = EDGE;
                alpha = pod.kind() == PodKind.WORKLOAD ? 1.0 : 0.8;
                break;
        }
        g.save();
        g.setGlobalAlpha(alpha * opacity);
        g.setFill(fill);
        g.setStroke(border);
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
            g.setFill(text);
            g.setFont(glyphFont(side * 0.7));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(glyph, left + side / 2, top + side / 2);
        }
        g.restore();
    }
}
