package io.pirack.ui.rack;

import io.pirack.ui.Styles;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Live tables of nodes and pods: the operator's detail view under the drawn rack. Every column is
 * as wide as its widest text so far (header included) and never squeezes a value to "…": when the
 * columns are wider than the table, it scrolls sideways. The long columns (taints, owner) come last.
 */
public final class RackTablesView extends SplitPane {

    /** One line of text at the default 13 px font, with the cell's padding. */
    static final double ROW_HEIGHT = 24;
    /** A cell's left and right padding plus a little air, at the 13 px font. */
    private static final double CELL_PADDING = 22;

    public RackTablesView(RackTablesViewModel model) {
        setOrientation(Orientation.HORIZONTAL);
        TableView<RackTablesViewModel.NodeRow> nodes = new TableView<>(model.nodes());
        nodes.setId("node-table");
        nodes.getStyleClass().add(Styles.NODE_TABLE);
        nodes.getColumns().add(column("Node", RackTablesViewModel.NodeRow::name));
        nodes.getColumns().add(column("Role", RackTablesViewModel.NodeRow::role));
        nodes.getColumns().add(column("Ready", RackTablesViewModel.NodeRow::ready));
        nodes.getColumns().add(column("IP", RackTablesViewModel.NodeRow::ip));
        nodes.getColumns().add(column("Heartbeat", RackTablesViewModel.NodeRow::heartbeat));
        nodes.getColumns().add(column("Taints", RackTablesViewModel.NodeRow::taints));
        nodes.setPlaceholder(new Label("No nodes yet — waiting for the API server."));
        fitToContent(nodes, List.of(RackTablesViewModel.NodeRow::name, RackTablesViewModel.NodeRow::role,
                RackTablesViewModel.NodeRow::ready, RackTablesViewModel.NodeRow::ip, RackTablesViewModel.NodeRow::heartbeat,
                RackTablesViewModel.NodeRow::taints));

        TableView<RackTablesViewModel.PodRow> pods = new TableView<>(model.pods());
        pods.setId("pod-table");
        pods.getStyleClass().add(Styles.POD_TABLE);
        pods.getColumns().add(column("Pod", RackTablesViewModel.PodRow::name));
        pods.getColumns().add(column("Namespace", RackTablesViewModel.PodRow::namespace));
        pods.getColumns().add(column("Node", RackTablesViewModel.PodRow::node));
        pods.getColumns().add(column("Status", RackTablesViewModel.PodRow::status));
        pods.getColumns().add(column("Ready", RackTablesViewModel.PodRow::ready));
        pods.getColumns().add(column("Owner", RackTablesViewModel.PodRow::owner));
        pods.setPlaceholder(new Label("No pods yet."));
        fitToContent(pods, List.of(RackTablesViewModel.PodRow::name, RackTablesViewModel.PodRow::namespace,
                RackTablesViewModel.PodRow::node, RackTablesViewModel.PodRow::status, RackTablesViewModel.PodRow::ready,
                RackTablesViewModel.PodRow::owner));
        // Rows of one height: the table then never measures cells, which matters at 3,000 pods and 200 changes/s.
        nodes.setFixedCellSize(ROW_HEIGHT);
        pods.setFixedCellSize(ROW_HEIGHT);
        getItems().addAll(nodes, pods);
        setDividerPositions(0.45);
    }

    private static <R> TableColumn<R, String> column(String title, Function<R, String> value) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
        return column;
    }

    /**
     * Widens each column to its widest text, measuring only rows that were added or replaced (a frame
     * with a few changed pods measures a few strings, not 3,000). Columns only grow, so they do not
     * jump while pods come and go.
     */
    private static <R> void fitToContent(TableView<R> table, List<Function<R, String>> values) {
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Text measure = new Text();
        measure.setFont(Font.font(Font.getDefault().getFamily(), 13));
        double[] widths = new double[values.size()];
        Runnable apply = () -> {
            for (int i = 0; i < widths.length; i++) {
                TableColumn<R, ?> column = table.getColumns().get(i);
                double width = Math.max(widths[i], textWidth(measure, column.getText()) + CELL_PADDING + 6);
                if (width > column.getPrefWidth() + 0.5) {
                    column.setPrefWidth(Math.ceil(width));
                }
            }
        };
        java.util.function.Consumer<List<? extends R>> grow = rows -> {
            for (R row : rows) {
                for (int i = 0; i < widths.length; i++) {
                    String text = values.get(i).apply(row);
                    if (text != null && !text.isEmpty()) {
                        widths[i] = Math.max(widths[i], textWidth(measure, text) + CELL_PADDING);
                    }
                }
            }
            apply.run();
        };
        grow.accept(table.getItems());
        table.getItems().addListener((ListChangeListener<R>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    grow.accept(change.getAddedSubList());
                }
            }
        });
    }

    private static double textWidth(Text measure, String text) {
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }
}
