package io.pirack.core.settings;

import io.pirack.core.settings.Settings.WindowBounds;
import java.util.List;

/**
 * Where the operator window opens: on first start at {@link #FIRST_START_SHARE} of the main
 * screen's visual bounds (without menu bar and dock), centred; afterwards where it was, maximised
 * again if it was, but clamped to a screen that still exists (a booth laptop unplugged from its
 * second monitor must not open PiRack off-screen). Whole pixels, as windows are.
 */
public final class WindowPlacement {

    /** The share of the screen's visual bounds (each way) the window takes on first start. */
    public static final double FIRST_START_SHARE = 0.85;

    /** A screen's visual bounds: the part a window may use. */
    public record Area(double x, double y, double width, double height) {
        double maxX() {
            return x + width;
        }

        double maxY() {
            return y + height;
        }

        /** The area {@code other} shares with this one (0 when apart). */
        double overlap(WindowBounds other) {
            double w = Math.min(maxX(), other.x() + other.width()) - Math.max(x, other.x());
            double h = Math.min(maxY(), other.y() + other.height()) - Math.max(y, other.y());
            return w > 0 && h > 0 ? w * h : 0;
        }
    }

    private WindowPlacement() {
    }

    /**
     * @param screens    every screen's visual bounds, the main screen first (at least one)
     * @param remembered where the window was at the last exit, or null on first start
     * @param minWidth   the window's minimum width (used unless the screen is narrower)
     * @param minHeight  the window's minimum height (used unless the screen is lower)
     */
    public static WindowBounds place(List<Area> screens, WindowBounds remembered, double minWidth, double minHeight) {
        if (screens.isEmpty()) {
            throw new IllegalArgumentException("no screen to place the window on");
        }
        Area main = screens.get(0);
        if (remembered == null || !(remembered.width() > 0) || !(remembered.height() > 0)) {
            double w = Math.floor(fit(main.width() * FIRST_START_SHARE, minWidth, main.width()));
            double h = Math.floor(fit(main.height() * FIRST_START_SHARE, minHeight, main.height()));
            return new WindowBounds(Math.floor(main.x() + (main.width() - w) / 2), Math.floor(main.y() + (main.height() - h) / 2),
                    w, h, false);
        }
        Area home = main;
        double best = 0;
        for (Area screen : screens) {
            double shared = screen.overlap(remembered);
            if (shared > best) {
                best = shared;
                home = screen;
            }
        }
        double w = fit(remembered.width(), minWidth, home.width());
        double h = fit(remembered.height(), minHeight, home.height());
        if (best == 0) {
            // Its screen is gone: same size, centred on the main screen.
            return new WindowBounds(Math.floor(home.x() + (home.width() - w) / 2), Math.floor(home.y() + (home.height() - h) / 2),
                    w, h, remembered.maximized());
        }
        double x = Math.max(home.x(), Math.min(remembered.x(), home.maxX() - w));
        double y = Math.max(home.y(), Math.min(remembered.y(), home.maxY() - h));
        return new WindowBounds(x, y, w, h, remembered.maximized());
    }

    /** {@code wanted}, at least {@code min}, at most {@code room}. */
    private static double fit(double wanted, double min, double room) {
        return Math.min(room, Math.max(min, wanted));
    }
}
