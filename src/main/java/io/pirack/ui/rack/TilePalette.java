package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.PodKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;

/**
 * The look of a drawn tile, read from the stylesheet: for every app colour, pod kind and state,
 * what the {@code .pod-tile} rules give a tile node (fill, border, dashes, opacity, glyph colour).
 * pirack.css is the one place colours live; a new state is one CSS rule and one {@code LedStates}
 * row, and the canvas follows. Read once per set of stylesheets by styling hidden probe tiles. FX thread only.
 */
final class TilePalette {

    /** What one tile looks like. */
    record Look(Paint fill, Paint border, boolean dashed, double opacity, Paint text) {
    }

    private static final Map<List<String>, TilePalette> READ = new HashMap<>();

    private final Look[][][] looks = new Look[LedStates.APP_COLOURS][PodKind.values().length][PodLed.values().length];

    private TilePalette() {
    }

    /** The palette of the stylesheets a scene uses (the app's own when it sets none). */
    static TilePalette of(Scene scene) {
        List<String> sheets = scene == null || scene.getStylesheets().isEmpty()
                ? List.of(TilePalette.class.getResource(Styles.STYLESHEET).toExternalForm())
                : List.copyOf(scene.getStylesheets());
        return READ.computeIfAbsent(sheets, TilePalette::read);
    }

    Look look(int colourSlot, PodKind kind, PodLed led) {
        return looks[Math.floorMod(colourSlot, LedStates.APP_COLOURS)][kind.ordinal()][led.ordinal()];
    }

    private static TilePalette read(List<String> stylesheets) {
        TilePalette palette = new TilePalette();
        Pane layer = new Pane();
        layer.getStyleClass().add(Styles.PI_LAYER);
        Label[][][] probes = new Label[LedStates.APP_COLOURS][PodKind.values().length][PodLed.values().length];
        for (int slot = 0; slot < LedStates.APP_COLOURS; slot++) {
            for (PodKind kind : PodKind.values()) {
                for (PodLed led : PodLed.values()) {
                    Label probe = new Label();
                    probe.getStyleClass().addAll(Styles.POD_TILE, Styles.APP_COLOUR_PREFIX + slot);
                    if (kind == PodKind.DAEMON_SET) {
                        probe.getStyleClass().add(Styles.POD_DAEMON);
                    } else if (kind == PodKind.CONTROL_PLANE) {
                        probe.getStyleClass().add(Styles.POD_CONTROL_PLANE);
                    }
                    TileNodes.styleTile(probe, led, null);
                    probes[slot][kind.ordinal()][led.ordinal()] = probe;
                    layer.getChildren().add(probe);
                }
            }
        }
        Scene scene = new Scene(layer);
        scene.getStylesheets().setAll(stylesheets);
        layer.applyCss();
        for (int slot = 0; slot < LedStates.APP_COLOURS; slot++) {
            for (PodKind kind : PodKind.values()) {
                for (PodLed led : PodLed.values()) {
                    Label probe = probes[slot][kind.ordinal()][led.ordinal()];
                    BorderStroke stroke = firstStroke(probe.getBorder());
                    palette.looks[slot][kind.ordinal()][led.ordinal()] = new Look(
                            probe.getBackground() == null || probe.getBackground().getFills().isEmpty()
                                    ? Color.TRANSPARENT : probe.getBackground().getFills().get(0).getFill(),
                            stroke == null ? Color.TRANSPARENT : stroke.getTopStroke(),
                            stroke != null && !stroke.getTopStyle().getDashArray().isEmpty(),
                            probe.getOpacity(), probe.getTextFill());
                }
            }
        }
        return palette;
    }

    private static BorderStroke firstStroke(Border border) {
        return border == null || border.getStrokes().isEmpty() ? null : border.getStrokes().get(0);
    }
}
