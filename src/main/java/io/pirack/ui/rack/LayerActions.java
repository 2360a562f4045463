package io.pirack.ui.rack;

import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.Node;

/** What one drawn layer may ask of the rack it sits in; the layer knows nothing else about it. */
interface LayerActions {

    /** False in a rack nobody operates (the audience window): the layer has no plug button. */
    boolean plugButtons();

    /** The layer's plug button: pull the plug, or plug back in when {@code pulled}. */
    void plugPressed(String host, boolean pulled);

    /** The heartbeat LED's tooltip. */
    String heartbeatDetail(String host);

    /** The layer's tooltip. */
    String nodeDetail(String host);

    void showNodeDetail(String host, Node anchor);

    void showPodDetail(String podKey, Node anchor);

    /** The rack's shared blink, for Pending tiles. */
    ObservableDoubleValue blinkOpacity();

    /**
     * Drawn tiles want to animate; the rack runs one timer for all cards and may say no under churn.
     *
     * @return whether the tiles may animate
     */
    boolean animate(TileCanvas tiles);
}
