package io.pirack.ui.booth;

import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;

/**
 * Holds a node that may need more room than it is given and draws it smaller rather than letting it run
 * past the window's edge: the child is laid out at no less than its minimum size, then scaled down to the
 * space given and centred. Its own minimum is nothing, so the layout around it never grows past the
 * screen. In the audience window: the rack (a card carrying "unplugged since … back at …" needs more width
 * than is left beside the story), and the whole view (the longest story and a wrapped verdict on the strip
 * need more height than a 1280×800 projector has).
 */
final class ShrinkToFit extends Region {

    private final Node child;
    private final Scale scale = new Scale(1, 1, 0, 0);

    ShrinkToFit(Node child) {
        this.child = child;
        child.getTransforms().add(scale);
        getChildren().add(child);
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 0;
    }

    @Override
    protected double computePrefWidth(double height) {
        return child.prefWidth(height);
    }

    @Override
    protected double computePrefHeight(double width) {
        return child.prefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        double laidOutWidth = Math.max(width, child.minWidth(-1));
        double laidOutHeight = Math.max(height, child.minHeight(laidOutWidth));
        double factor = Math.min(width / laidOutWidth, height / laidOutHeight);
        child.resizeRelocate((width - laidOutWidth * factor) / 2, 0, laidOutWidth, laidOutHeight);
        scale.setX(factor);
        scale.setY(factor);
    }

    /** How much smaller than laid out the child is drawn (1 = its own size). */
    double factor() {
        return scale.getX();
    }
}
