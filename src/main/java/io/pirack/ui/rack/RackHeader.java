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
        List<Place> places = places(getWidth());
        List<Node> parts = List.of(title, apiState, counts, hideSystem);
        for (int i = 0; i < parts.size(); i++) {
            Node n = parts.get(i);
            Place at = places.get(i);
            double h = n.prefHeight(-1);
            n.resizeRelocate(at.x, at.row * row + (row - h) / 2, at.width, h);
        }
    }

    /** Where a part goes: its row (0 = first) and its x, and the width it gets. */
    private record Place(int row, double x, double width) {}

    /**
     * The title, the API state and the counts flow left to right and wrap onto the next row rather
     * than run under the window's edge; the filter sits at the right of the last row, or on a row
     * of its own when that row is full. A part wider than the whole header gets the header's width.
     */
    private List<Place> places(double width) {
        double pad = 12;
        double gap = 24;
        double usable = width > 0 ? Math.max(0, width - 2 * pad) : Double.MAX_VALUE;
        List<Place> places = new java.util.ArrayList<>();
        int row = 0;
        double x = pad;
        for (Node n : List.of(title, apiState, counts)) {
            double w = Math.min(n.prefWidth(-1), usable);
            if (x > pad && x + w > pad + usable) {
                row++;
                x = pad;
            }
            places.add(new Place(row, x, w));
            x += w + gap;
        }
        double w = Math.min(hideSystem.prefWidth(-1), usable);
        if (x + w > pad + usable) {
            row++;
        }
        places.add(new Place(row, width > 0 ? width - pad - w : x, w));
        return places;
    }

    private double rowHeight() {
        return Math.max(title.prefHeight(-1), hideSystem.prefHeight(-1)) + 12;
    }

    @Override
    protected double computePrefHeight(double width) {
        List<Place> places = places(width);
        return rowHeight() * (places.get(places.size() - 1).row() + 1);
    }
}
