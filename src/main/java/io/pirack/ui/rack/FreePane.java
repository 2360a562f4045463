package io.pirack.ui.rack;

import javafx.scene.layout.Pane;

/**
 * A pane whose children keep the size and position their owner gives them: a plain {@link Pane}
 * would resize each child back to its preferred size on every layout pass.
 */
class FreePane extends Pane {

    @Override
    protected void layoutChildren() {
        // Positions and sizes come from the owner's layout.
    }
}
