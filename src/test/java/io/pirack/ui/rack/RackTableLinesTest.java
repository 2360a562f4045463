package io.pirack.ui.rack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/** The tables' lines follow the view model's rows; a replaced row changes its line's value, not the table's items. */
class RackTableLinesTest {

    private final ObservableList<String> rows = FXCollections.observableArrayList("a", "b", "c", "d");
    private final ObservableList<RackTablesView.Shown<String>> lines = RackTablesView.Shown.follow(rows);

    @Test
    void aReplacedRowUpdatesItsLineInPlace() {
        RackTablesView.Shown<String> second = lines.get(1);
        int[] itemChanges = {0};
        lines.addListener((javafx.collections.ListChangeListener<RackTablesView.Shown<String>>) c -> itemChanges[0]++);

        rows.set(1, "b2");

        assertSame(second, lines.get(1), "the same line");
        assertEquals("b2", second.get());
        assertEquals(0, itemChanges[0], "the table's items did not change, so it rebuilds no row");
    }

    @Test
    void addedRemovedAndWholesaleChangesKeepTheLinesEqualToTheRows() {
        rows.add(2, "x");
        assertEquals(rows, values());
        rows.remove(0, 2);
        assertEquals(rows, values());
        rows.setAll("p", "q", "r", "s", "t", "u");
        assertEquals(rows, values());
        rows.setAll("k");
        assertEquals(rows, values());
        rows.addAll("z", "m");
        FXCollections.sort(rows);
        assertEquals(rows, values());
        rows.clear();
        assertEquals(List.of(), values());
    }

    private List<String> values() {
        return lines.stream().map(RackTablesView.Shown::get).toList();
    }
}
