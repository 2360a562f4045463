package io.pirack.ui.rack;

import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/**
 * Draws the stack case on a canvas: acrylic plates, brass standoffs and the boards with their
 * GPIO header, USB and Ethernet ports. Called only when the size or the layer count changes;
 * everything that changes with the cluster lives in small nodes on top.
 */
final class ChassisPainter {

    static final Color PCB = Color.web("#1f7a3f");
    static final Color PCB_EDGE = Color.web("#145229");
    static final Color PLATE = Color.rgb(200, 230, 255, 0.22);
    static final Color PLATE_EDGE = Color.rgb(220, 240, 255, 0.55);
    static final Color BRASS = Color.web("#c9a54a");
    static final Color METAL = Color.web("#c4c9cf");
    static final Color METAL_DARK = Color.web("#8a9097");

    private ChassisPainter() {
    }

    /** One acrylic plate across the case, with its four screw heads. */
    static void plate(GraphicsContext g, double x, double y, double w, double u) {
        double h = 0.7 * u;
        g.setFill(PLATE);
        g.fillRoundRect(x, y, w, h, u, u);
        g.setStroke(PLATE_EDGE);
        g.setLineWidth(Math.max(1, u / 10));
        g.strokeRoundRect(x, y, w, h, u, u);
        g.setFill(BRASS.darker());
        for (double sx : new double[] {x + 1.2 * u, x + w - 2.1 * u}) {
            g.fillRect(sx, y - 0.25 * u, 0.9 * u, 0.25 * u);
        }
    }

    /** Two brass standoffs (hexagonal pillars seen from the side) between plates. */
    static void standoffs(GraphicsContext g, double x, double y, double w, double h, double u) {
        for (double sx : new double[] {x + 1.2 * u, x + w - 2.1 * u}) {
            g.setFill(new LinearGradient(sx, 0, sx + 0.9 * u, 0, false, CycleMethod.NO_CYCLE,
                    new Stop(0, BRASS.darker()), new Stop(0.45, BRASS.brighter()), new Stop(1, BRASS.darker().darker())));
            g.fillRect(sx, y, 0.9 * u, h);
        }
    }

    /**
     * A Raspberry Pi board seen from the front of the stack: green PCB, mounting holes, the 40-pin
     * GPIO header along the top edge and the USB and Ethernet ports sticking out on the right.
     */
    static void board(GraphicsContext g, Rectangle2D r, double u, boolean detailed) {
        double x = r.getMinX();
        double y = r.getMinY();
        double w = r.getWidth();
        double h = r.getHeight();
        g.setFill(PCB);
        g.fillRoundRect(x, y, w, h, 0.8 * u, 0.8 * u);
        g.setStroke(PCB_EDGE);
        g.setLineWidth(Math.max(1, u / 8));
        g.strokeRoundRect(x, y, w, h, 0.8 * u, 0.8 * u);
        // Mounting holes with their gold rings.
        double hole = 0.8 * u;
        g.setFill(Color.web("#d4b35c"));
        for (double hx : new double[] {x + 0.5 * u, x + w - 1.3 * u}) {
            for (double hy : new double[] {y + 0.4 * u, y + h - 1.2 * u}) {
                g.fillOval(hx, hy, hole, hole);
            }
        }
        g.setFill(Color.web("#0c1a10"));
        for (double hx : new double[] {x + 0.5 * u, x + w - 1.3 * u}) {
            for (double hy : new double[] {y + 0.4 * u, y + h - 1.2 * u}) {
                g.fillOval(hx + 0.2 * u, hy + 0.2 * u, hole - 0.4 * u, hole - 0.4 * u);
            }
        }
        if (!detailed) {
            return;
        }
        // GPIO header: 2 × 20 pins in a black strip along the top edge.
        double pin = 0.36 * u;
        double pitch = Math.min(0.75 * u, (w * 0.42) / 20);
        double gx = x + 2.0 * u;
        g.setFill(Color.web("#101214"));
        g.fillRect(gx - 0.2 * u, y + 0.15 * u, 20 * pitch + 0.2 * u, 2 * pitch + 0.1 * u);
        g.setFill(Color.web("#e0c060"));
        for (int i = 0; i < 20; i++) {
            for (int row = 0; row < 2; row++) {
                g.fillRect(gx + i * pitch, y + 0.3 * u + row * pitch, pin, pin);
            }
        }
        // Ports on the right edge: two USB stacks, then the Ethernet jack, overhanging the board.
        double portH = Math.min(h * 0.8, 5.6 * u);
        double py = y + (h - portH) / 2;
        double right = x + w + 0.8 * u;
        double ethW = 4.6 * u;
        double usbW = 3.2 * u;
        double ethX = right - ethW;
        metalBox(g, ethX, py - 0.2 * u, ethW, portH + 0.4 * u, u);
        g.setFill(Color.web("#1c1f22"));
        g.fillRect(ethX + 0.6 * u, py + portH * 0.25, ethW - 1.2 * u, portH * 0.55);
        g.setFill(Color.web("#f0b429"));
        g.fillRect(ethX + 0.7 * u, py + 0.25 * u, 0.7 * u, 0.45 * u);
        g.setFill(Color.web("#5bd35b"));
        g.fillRect(ethX + ethW - 1.4 * u, py + 0.25 * u, 0.7 * u, 0.45 * u);
        for (int i = 0; i < 2; i++) {
            double ux = ethX - (i + 1) * (usbW + 0.3 * u);
            metalBox(g, ux, py, usbW, portH, u);
            g.setFill(i == 0 ? Color.web("#1f5fbf") : Color.web("#15171a"));
            g.fillRect(ux + 0.5 * u, py + 0.6 * u, usbW - 1.0 * u, portH * 0.3);
            g.fillRect(ux + 0.5 * u, py + portH * 0.55, usbW - 1.0 * u, portH * 0.3);
        }
    }

    private static void metalBox(GraphicsContext g, double x, double y, double w, double h, double u) {
        g.setFill(new LinearGradient(0, y, 0, y + h, false, CycleMethod.NO_CYCLE,
                new Stop(0, METAL.brighter()), new Stop(0.5, METAL), new Stop(1, METAL_DARK)));
        g.fillRoundRect(x, y, w, h, 0.3 * u, 0.3 * u);
        g.setStroke(METAL_DARK.darker());
        g.setLineWidth(Math.max(1, u / 12));
        g.strokeRoundRect(x, y, w, h, 0.3 * u, 0.3 * u);
    }

    /** Width the ports take at the right end of a detailed board (they overhang by 0.8 u). */
    static double portsWidth(double u) {
        return 4.6 * u + 2 * (3.2 * u + 0.3 * u) - 0.8 * u;
    }
}
