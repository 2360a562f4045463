package io.pirack.ui.rack;

import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import org.controlsfx.control.PopOver;

/** What a layer of one {@link RackView} may ask of it: the plug, detail texts and pop-overs, the shared blink and tile timer. */
final class RackLayerActions implements LayerActions {

    private final RackViewModel model;
    private final PlugActions plugs;
    private final ObservableDoubleValue blinkOpacity;
    private final TileAnimator tileAnimator = new TileAnimator();
    private PopOver popOver;

    RackLayerActions(RackViewModel model, PlugActions plugs, ObservableDoubleValue blinkOpacity) {
        this.model = model;
        this.plugs = plugs;
        this.blinkOpacity = blinkOpacity;
    }

    @Override
    public boolean plugButtons() {
        return plugs.offersButtons();
    }

    @Override
    public void plugPressed(String host, boolean pulled) {
        if (pulled) {
            plugs.restore(host);
        } else if (plugs.canPull(host)) {
            plugs.pull(host);
        }
    }

    @Override
    public String heartbeatDetail(String host) {
        return model.heartbeatDetail(host);
    }

    @Override
    public String nodeDetail(String host) {
        return model.nodeDetail(host);
    }

    @Override
    public void showNodeDetail(String host, Node anchor) {
        showPopOver(model.nodeDetail(host), anchor);
    }

    @Override
    public void showPodDetail(String podKey, Node anchor) {
        showPopOver(model.podDetail(podKey), anchor);
    }

    @Override
    public ObservableDoubleValue blinkOpacity() {
        return blinkOpacity;
    }

    @Override
    public boolean animate(TileCanvas tiles) {
        return tileAnimator.animate(tiles);
    }

    /** The grid's shared animation steps (tiles and ghosts move on the same pulses). */
    TileAnimator animator() {
        return tileAnimator;
    }

    private void showPopOver(String text, Node anchor) {
        if (popOver != null) {
            popOver.hide();
        }
        Label content = new Label(text);
        content.getStyleClass().add("detail-text");
        popOver = new PopOver(content);
        popOver.setDetachable(false);
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_LEFT);
        popOver.show(anchor);
    }
}
