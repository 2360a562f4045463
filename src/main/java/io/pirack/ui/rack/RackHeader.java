package io.pirack.ui.rack;

import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.RackModel;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The rack's header line: title, API state and counts on the left, the system-pod filter on the right. */
final class RackHeader extends Region {

    private final Label title = new Label();
    private final Label apiState = new Label();
    private final Label counts = new Label();
    private final CheckBox hideSystem = new CheckBox("Hide system pods");

    RackHeader() {
        getStyleClass().add(Styles.RACK_HEADER);
        title.getStyleClass().add(Styles.RACK_TITLE);
        apiState.setId("rack-api-state");
        apiState.getStyleClass().add(Styles.API_STATE);
        counts.setId("rack-counts");
        getChildren().addAll(title, apiState, counts, hideSystem);
    }

    CheckBox hideSystem() {
        return hideSystem;
    }

    void show(RackModel model) {
        title.setText(model.title());
        apiState.setText(model.apiWords());
        apiState.pseudoClassStateChanged(Styles.READY, model.apiLive());
        apiState.pseudoClassStateChanged(Styles.UNREACHABLE, !model.apiLive());
        counts.setText(model.counts());
    }

    @Override
    protected void layoutChildren() {
        double row = rowHeight();
        boolean twoRows = twoRows(getWidth());
        double h = twoRows ? row : getHeight();
        double x = 12;
        for (Node n : List.of(title, apiState, counts)) {
            double w = n.prefWidth(-1);
            n.resizeRelocate(x, (h - n.prefHeight(-1)) / 2, w, n.prefHeight(-1));
            x += w + 24;
        }
        // A window too narrow for one line puts the filter on a second line instead of over the counts.
        double w = hideSystem.prefWidth(-1);
        double y = twoRows ? row + (row - hideSystem.prefHeight(-1)) / 2 : (h - hideSystem.prefHeight(-1)) / 2;
        hideSystem.resizeRelocate(getWidth() - w - 12, y, w, hideSystem.prefHeight(-1));
    }

    private double rowHeight() {
        return Math.max(title.prefHeight(-1), hideSystem.prefHeight(-1)) + 12;
    }

    private boolean twoRows(double width) {
        double used = 12;
        for (Node n : List.of(title, apiState, counts)) {
            used += n.prefWidth(-1) + 24;
        }
        return width > 0 && used + hideSystem.prefWidth(-1) + 12 > width;
    }

    @Override
    protected double computePrefHeight(double width) {
        return rowHeight() * (twoRows(width) ? 2 : 1);
    }
}
