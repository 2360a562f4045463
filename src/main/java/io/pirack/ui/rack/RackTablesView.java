package io.pirack.ui.rack;

import io.pirack.ui.Styles;
import io.pirack.ui.common.RepaintGuard;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * Live tables of nodes and pods: the operator's detail view under the drawn rack. The columns share
 * each table's width with no sideways scrolling; none squeezes a value to "…": a narrow table (a
 * 1280×800 screen) leaves out its least needed columns and says which, under the table.
 */
public final class RackTablesView extends SplitPane {

    /** One line of text at the default 13 px font, with the cell's padding. */
    static final double ROW_HEIGHT = 24;
    /** A cell's left and right padding (2 px each) and border, plus a little air, at the 13 px font. */
    private static final double CELL_PADDING = 14;
    /** A vertical scroll bar's width at the default font. */
    private static final double SCROLL_BAR = 16;

    /** What each table needs for its three most needed columns (plus a scroll bar): the divider splits by it. */
    private final double[] needs = new double[2];
    private boolean dividerDragged;
    private final RepaintGuard repaintGuard = new RepaintGuard();

    public RackTablesView(RackTablesViewModel model) {
        setOrientation(Orientation.HORIZONTAL);
        TableView<Shown<RackTablesViewModel.NodeRow>> nodes = new TableView<>(Shown.follow(model.nodes()));
        nodes.setId("node-table");
        nodes.getStyleClass().add(Styles.NODE_TABLE);
        nodes.setPlaceholder(new Label("No nodes yet — waiting for the API server."));
        // Priority: what only the table shows comes first; role and IP are also on each drawn Pi.
        Node nodeTable = fitToWidth(nodes, model.nodes(), "hidden-node-columns", need -> share(0, need), List.of(
                new Col<>("Node", RackTablesViewModel.NodeRow::name, 0),
                new Col<>("Role", RackTablesViewModel.NodeRow::role, 3),
                new Col<>("Ready", RackTablesViewModel.NodeRow::ready, 1),
                new Col<>("IP", RackTablesViewModel.NodeRow::ip, 4),
                new Col<>("Heartbeat", RackTablesViewModel.NodeRow::heartbeat, 2),
                new Col<>("Taints", RackTablesViewModel.NodeRow::taints, 5)));

        TableView<Shown<RackTablesViewModel.PodRow>> pods = new TableView<>(Shown.follow(model.pods()));
        pods.setId("pod-table");
        pods.getStyleClass().add(Styles.POD_TABLE);
        pods.setPlaceholder(new Label("No pods yet."));
        Node podTable = fitToWidth(pods, model.pods(), "hidden-pod-columns", need -> share(1, need), List.of(
                new Col<>("Pod", RackTablesViewModel.PodRow::name, 0),
                new Col<>("Namespace", RackTablesViewModel.PodRow::namespace, 4),
                new Col<>("Node", RackTablesViewModel.PodRow::node, 2),
                new Col<>("Status", RackTablesViewModel.PodRow::status, 1),
                new Col<>("Ready", RackTablesViewModel.PodRow::ready, 3),
                new Col<>("Owner", RackTablesViewModel.PodRow::owner, 5)));
        // Rows of one height: the table then never measures cells, which matters at 3,000 pods and 200 changes/s.
        nodes.setFixedCellSize(ROW_HEIGHT);
        pods.setFixedCellSize(ROW_HEIGHT);
        // Rows re-indexed in a layout would make JavaFX repaint the whole window in the next pulse (RepaintGuard).
        nodes.setRowFactory(t -> new GuardedRow<>(repaintGuard));
        pods.setRowFactory(t -> new GuardedRow<>(repaintGuard));
        ((Pane) nodeTable).getChildren().add(repaintGuard.sentinel());
        getItems().addAll(nodeTable, podTable);
        setDividerPositions(0.45);
        // Once the presenter drags the divider, it stays where they put it.
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getTarget() instanceof Node n && (n.getStyleClass().contains("split-pane-divider")
                    || n.getParent() != null && n.getParent().getStyleClass().contains("split-pane-divider"))) {
                dividerDragged = true;
            }
        });
    }

    /** A table row that tells the guard when the table re-indexes it (mostly during layout). */
    private static final class GuardedRow<R> extends TableRow<R> {
        private final RepaintGuard guard;

        GuardedRow(RepaintGuard guard) {
            this.guard = guard;
        }

        @Override
        public void updateIndex(int i) {
            super.updateIndex(i);
            guard.cellsChanged();
        }
    }

    private void share(int table, double need) {
        needs[table] = need + SCROLL_BAR;
        if (dividerDragged || needs[0] == 0 || needs[1] == 0) {
            return;
        }
        double position = Math.max(0.3, Math.min(0.7, needs[0] / (needs[0] + needs[1])));
        if (getDividers().isEmpty() || Math.abs(getDividerPositions()[0] - position) > 0.005) {
            setDividerPositions(position);
        }
    }

    /** A column: its header, its text, and its rank (0 = shown last of all when the table is narrow). */
    private record Col<R>(String title, Function<R, String> value, int rank) {
    }

    /**
     * The columns share the table's width and none scrolls sideways: each is at least as wide as its
     * widest text so far (header included, never squeezed to "…"), and the spare width is shared. When
     * the table is narrower than all of them, the lowest-ranked columns are left out (taken out of the
     * table) and a line under the table names them. Widths are measured only for rows that were added or replaced (a frame with a
     * few changed pods measures a few strings, not 3,000) and only grow, so columns do not jump.
     */
    private static <R> Node fitToWidth(TableView<Shown<R>> table, ObservableList<R> rows, String hiddenId,
                                       java.util.function.DoubleConsumer need, List<Col<R>> cols) {
        List<TableColumn<Shown<R>, String>> columns = cols.stream().map(c -> column(c.title(), c.value())).toList();
        table.getColumns().setAll(columns);
        // Widths set here, not by a constrained policy: that one does not re-run when a column's minimum grows.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label hidden = new Label();
        hidden.setId(hiddenId);
        hidden.getStyleClass().add("field-hint");
        hidden.setPadding(new Insets(2, 8, 2, 8));
        hidden.setWrapText(true);
        hidden.setMinHeight(Region.USE_PREF_SIZE);
        hidden.managedProperty().bind(hidden.visibleProperty());
        Text measure = new Text();
        measure.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, 13));
        double[] widths = new double[cols.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = textWidth(measure, cols.get(i).title()) + CELL_PADDING + 6; // headers are bold
        }
        measure.setFont(Font.font(Font.getDefault().getFamily(), 13));
        List<Integer> byRank = java.util.stream.IntStream.range(0, cols.size()).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> cols.get(i).rank())).toList();
        Runnable apply = () -> {
            need.accept(byRank.stream().limit(3).mapToDouble(i -> widths[i]).sum());
            double room = room(table);
            if (room <= 0) {
                return;
            }
            double used = 0;
            List<String> left = new java.util.ArrayList<>();
            boolean[] shown = new boolean[widths.length];
            for (int i : byRank) {
                // The first column always shows; the others only whole.
                shown[i] = used == 0 || used + widths[i] <= room;
                if (shown[i]) {
                    used += widths[i];
                }
            }
            // The spare width goes to the shown columns in proportion; the last one takes the rounding.
            double spare = Math.max(0, room - used);
            double given = 0;
            int last = -1;
            List<TableColumn<Shown<R>, String>> showing = new java.util.ArrayList<>();
            for (int i = 0; i < widths.length; i++) {
                TableColumn<Shown<R>, String> column = columns.get(i);
                if (shown[i]) {
                    showing.add(column);
                }
                column.setMinWidth(Math.ceil(widths[i]));
                if (shown[i]) {
                    double w = Math.floor(widths[i] + spare * widths[i] / used);
                    column.setPrefWidth(w);
                    given += w;
                    last = i;
                } else {
                    left.add(cols.get(i).title());
                }
            }
            if (last >= 0 && given < room) {
                columns.get(last).setPrefWidth(columns.get(last).getPrefWidth() + Math.floor(room - given));
            }
            // Left-out columns leave the table rather than hide: a hidden column keeps a 0 px header and cells
            // whose changes JavaFX would render with no dirty region, i.e. as a whole-window repaint (issue 20).
            if (!table.getColumns().equals(showing)) {
                table.getColumns().setAll(showing);
            }
            hidden.setText(left.isEmpty() ? "" : "Not shown at this width: " + String.join(", ", left)
                    + " — widen the window or drag the divider");
            hidden.setVisible(!left.isEmpty());
        };
        java.util.function.Consumer<List<? extends R>> grow = added -> {
            boolean wider = false;
            for (R row : added) {
                for (int i = 0; i < widths.length; i++) {
                    String text = cols.get(i).value().apply(row);
                    if (text != null && !text.isEmpty()) {
                        double w = textWidth(measure, text) + CELL_PADDING;
                        if (w > widths[i] + 0.5) {
                            widths[i] = w;
                            wider = true;
                        }
                    }
                }
            }
            if (wider) {
                apply.run();
            }
        };
        grow.accept(rows);
        rows.addListener((ListChangeListener<R>) change -> {
            while (change.next()) {
                if (change.wasAdded()) {
                    grow.accept(change.getAddedSubList());
                }
            }
        });
        table.widthProperty().addListener((o, was, now) -> apply.run());
        // The vertical scroll bar comes and goes with the rows: the columns make room for it.
        table.skinProperty().addListener((o, was, skin) -> table.lookupAll(".scroll-bar").forEach(n -> {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
                bar.visibleProperty().addListener((v, wasShown, shown) -> apply.run());
                bar.widthProperty().addListener((v, wasWide, wide) -> apply.run());
            }
        }));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(table, hidden);
    }

    private static <R> TableColumn<Shown<R>, String> column(String title, Function<R, String> value) {
        TableColumn<Shown<R>, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> c.getValue().map(value));
        return column;
    }

    /**
     * A table line showing one row of the view model. A row replaced in the view model changes the value
     * its line shows, not the table's items: a replaced item makes a {@code TableView} rebuild every row it
     * shows, which redraws the whole table (and re-indexes rows during layout, see {@link RepaintGuard}),
     * where a changed value redraws only the cells whose text changed.
     */
    static final class Shown<R> extends SimpleObjectProperty<R> {

        private Shown(R row) {
            super(row);
        }

        /** Lines that follow {@code rows}: replaced rows update their line in place, others are added or removed. */
        static <R> ObservableList<Shown<R>> follow(ObservableList<R> rows) {
            ObservableList<Shown<R>> lines = FXCollections.observableArrayList();
            rows.forEach(r -> lines.add(new Shown<>(r)));
            rows.addListener((ListChangeListener<R>) c -> {
                while (c.next()) {
                    if (c.wasPermutated()) {
                        lines.setAll(rows.stream().map(Shown::new).toList());
                        return;
                    }
                    int same = c.wasReplaced() ? Math.min(c.getRemovedSize(), c.getAddedSize()) : 0;
                    for (int i = 0; i < same; i++) {
                        lines.get(c.getFrom() + i).set(rows.get(c.getFrom() + i));
                    }
                    if (c.getRemovedSize() > same) {
                        lines.remove(c.getFrom() + same, c.getFrom() + c.getRemovedSize());
                    }
                    if (c.getAddedSize() > same) {
                        lines.addAll(c.getFrom() + same, rows.subList(c.getFrom() + same, c.getTo()).stream().map(Shown::new).toList());
                    }
                }
            });
            return lines;
        }
    }

    /** The width the columns may fill: inside the table's border, beside its vertical scroll bar when it shows. */
    private static double room(TableView<?> table) {
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()) {
                room -= Math.max(bar.getWidth(), bar.prefWidth(-1));
            }
        }
        return Math.floor(room) - 1;
    }

    private static double textWidth(Text measure, String text) {
        measure.setText(text);
        return measure.getLayoutBounds().getWidth();
    }
}
