package io.pirack.ui;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.RadialGradient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * A heartbeat LED's blink (issue 20, idle): the lit LED glows around itself, but without an effect
 * (which the software renderer blurs offscreen at every blink) and without asking any parent for a
 * layout — on and off differ in colours only.
 */
class LedGlowTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aLitLedGlowsOutsideItselfWithoutAnEffectAndABlinkLaysNothingOut() throws Exception {
        onFx(() -> {
            Region led = new Region();
            led.getStyleClass().addAll(Styles.LED, Styles.HEARTBEAT_LED);
            led.setPrefSize(20, 20);
            Pane layer = new Pane(led);
            StackPane root = new StackPane(layer);
            Scene scene = new Scene(root, 200, 100);
            scene.getStylesheets().add(LedGlowTest.class.getResource(Styles.STYLESHEET).toExternalForm());
            root.applyCss();
            root.layout();
            Bounds dark = led.getBoundsInLocal();
            Object darkGlow = led.getBackground().getFills().get(0).getFill();

            led.pseudoClassStateChanged(Styles.ON, true);
            root.applyCss();

            assertNull(led.getEffect(), "the glow is no effect");
            assertFalse(layer.isNeedsLayout(), "a blink asked the LED's parent for a layout");
            Bounds lit = led.getBoundsInLocal();
            assertEquals(-7, lit.getMinX(), 1e-9, "the glow reaches 7 px beyond the LED");
            assertEquals(20 + 14, lit.getWidth(), 1e-9);
            assertEquals(dark, lit, "lit and dark cover the same area");
            assertInstanceOf(RadialGradient.class, led.getBackground().getFills().get(0).getFill(), "a lit LED glows");
            assertEquals(Color.TRANSPARENT, darkGlow, "a dark LED does not");
            return null;
        });
    }
}
