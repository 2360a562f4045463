package io.pirack.ui.rack;

import io.pirack.core.rack.LedStates.HeartbeatLed;
import io.pirack.core.rack.LedStates.LinkLed;
import io.pirack.core.rack.LedStates.NodeLed;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.LayerModel;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * A layer's LEDs and words: the link and heartbeat LEDs with their captions and the node state chip.
 * Colour comes from the stylesheet through pseudo-classes; every state also has its words.
 */
final class LayerLeds {

    final Region link = led(Styles.LINK_LED);
    final Region heartbeat = led(Styles.HEARTBEAT_LED);
    final Label linkCaption = caption();
    final Label beatCaption = caption();
    final Label state = new Label();
    private final Node layer;

    LayerLeds(Node layer) {
        this.layer = layer;
        state.getStyleClass().add(Styles.NODE_STATE);
    }

    /** Shows {@code next}, touching only what changed since {@code previous} (null at first). */
    void show(LayerModel previous, LayerModel next) {
        if (previous == null || previous.link() != next.link()) {
            LinkLed led = next.link();
            link.pseudoClassStateChanged(Styles.ON, led == LinkLed.UP);
            link.pseudoClassStateChanged(Styles.UNPLUGGED, led == LinkLed.DOWN);
            link.pseudoClassStateChanged(Styles.UNKNOWN, led == LinkLed.UNKNOWN);
            linkCaption.setText(led == LinkLed.UP ? "LINK" : led == LinkLed.DOWN ? "NO LINK" : "LINK ?");
            layer.pseudoClassStateChanged(Styles.UNPLUGGED, led == LinkLed.DOWN);
        }
        if (previous == null || previous.heartbeat() != next.heartbeat()) {
            HeartbeatLed beat = next.heartbeat();
            heartbeat.pseudoClassStateChanged(Styles.ON, beat == HeartbeatLed.FLASH);
            heartbeat.pseudoClassStateChanged(Styles.STOPPED, beat == HeartbeatLed.STOPPED);
            heartbeat.pseudoClassStateChanged(Styles.UNKNOWN, beat == HeartbeatLed.UNKNOWN);
            beatCaption.setText(beat == HeartbeatLed.STOPPED ? "NO BEAT" : beat == HeartbeatLed.UNKNOWN ? "BEAT ?" : "BEAT");
        }
        if (previous == null || previous.node() != next.node()) {
            NodeLed node = next.node();
            state.setText(node.icon + " " + node.chip);
            state.pseudoClassStateChanged(Styles.READY, node == NodeLed.READY);
            state.pseudoClassStateChanged(Styles.NOT_READY, node == NodeLed.NOT_READY || node == NodeLed.UNKNOWN_STATUS);
            state.pseudoClassStateChanged(Styles.CORDONED, node == NodeLed.CORDONED);
            state.pseudoClassStateChanged(Styles.TAINTED, node == NodeLed.TAINTED);
            state.pseudoClassStateChanged(Styles.UNKNOWN, node == NodeLed.MISSING || node == NodeLed.API_UNKNOWN);
            layer.pseudoClassStateChanged(Styles.NOT_READY, node == NodeLed.NOT_READY || node == NodeLed.UNKNOWN_STATUS);
        }
    }

    private static Region led(String styleClass) {
        Region led = new Region();
        led.getStyleClass().addAll(Styles.LED, styleClass);
        return led;
    }

    private static Label caption() {
        Label caption = new Label();
        caption.getStyleClass().add(Styles.LED_CAPTION);
        return caption;
    }
}
