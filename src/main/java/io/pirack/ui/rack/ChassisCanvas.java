package io.pirack.ui.rack;

import javafx.geometry.Rectangle2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;

/** The stack case behind the layers: boards, standoffs and plates, redrawn only when the size or the number of layers changes. */
final class ChassisCanvas extends Canvas {

    private String drawnKey = "";

    /** Draws the case for {@code g} unless it is already drawn at this size and layer count. */
    void fit(RackGeometry.Layout g, int layers, double width, double height) {
        String key = width + "x" + height + "x" + layers;
        if (!key.equals(drawnKey)) {
            drawnKey = key;
            draw(g, width, height);
        }
    }

    private void draw(RackGeometry.Layout g, double width, double height) {
        setWidth(width);
        setHeight(height);
        GraphicsContext gc = getGraphicsContext2D();
        gc.clearRect(0, 0, width, height);
        gc.setFill(new LinearGradient(0, 0, 0, 1, true, CycleMethod.NO_CYCLE,
                new Stop(0, Color.web("#1a1e24")), new Stop(1, Color.web("#101317"))));
        gc.fillRect(0, 0, width, height);
        double u = g.unit();
        if (g.compact()) {
            g.boards().forEach(r -> ChassisPainter.board(gc, r, u, false));
            return;
        }
        Rectangle2D c = g.caseBounds();
        for (int i = 0; i < g.boards().size(); i++) {
            double top = c.getMinY() + i * g.pitch();
            ChassisPainter.standoffs(gc, c.getMinX(), top + 0.6 * u, c.getWidth(), g.pitch(), u);
        }
        for (Rectangle2D board : g.boards()) {
            ChassisPainter.board(gc, board, u, true);
        }
        for (int i = 0; i <= g.boards().size(); i++) {
            ChassisPainter.plate(gc, c.getMinX(), c.getMinY() + i * g.pitch(), c.getWidth(), u);
        }
    }
}
