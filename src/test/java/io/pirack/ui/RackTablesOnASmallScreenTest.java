package io.pirack.ui;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.testing.AppUnderTest;
import io.pirack.testing.Legibility;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The node and pod tables under the rack, in the operator window as it opens (85 % of the screen):
 * on a 1280×800 screen (1088×680) and on 1920×1080 (1632×918). No sideways scrolling, no header or
 * value cut; a column left out for lack of width is named under its table.
 */
class RackTablesOnASmallScreenTest {

    @RegisterExtension
    final AppUnderTest running = new AppUnderTest();
    private final FxRobot robot = new FxRobot();

    @Test
    void theTablesFitTheWindowOnA1280x800ScreenAndNameTheColumnsTheyLeaveOut() throws Exception {
        TableView<?> nodes = running.nodeTable(robot);
        TableView<?> pods = robot.lookup("#pod-table").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> nodes.getItems().size() == 4 && pods.getItems().size() > 8);
        Stage operator = (Stage) nodes.getScene().getWindow();
        robot.interact(() -> {
            operator.setWidth(1088);
            operator.setHeight(680);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // A longer value after the first layout ("NotReady (Unknown)", taints) widens its column: still no overflow.
        robot.interact(() -> running.app().plugs().pull("rpi3"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> nodes.getItems().stream()
                .anyMatch(row -> row.toString().contains("NotReady"))));
        WaitForAsyncUtils.waitForFxEvents();
        for (int[] size : new int[][] {{1088, 680}, {1632, 918}}) {
            String at = size[0] + "x" + size[1];
            robot.interact(() -> {
                operator.setWidth(size[0]);
                operator.setHeight(size[1]);
            });
            WaitForAsyncUtils.waitForFxEvents();
            for (TableView<?> table : List.of(nodes, pods)) {
                String name = table.getId() + " at " + at;
                assertFalse(onFx(() -> horizontalScrollBarShown(table)), name + " scrolls sideways");
                List<String> cut = onFx(() -> columnsPastTheEdge(table));
                assertEquals(List.of(), cut, name + ": columns cut by the table's edge");
                List<String> elided = onFx(() -> Legibility.inspect(operator.getScene(), false).defects().stream()
                        .filter(d -> d.contains("elided")).toList());
                assertEquals(List.of(), elided, name);
                List<String> all = table == nodes ? List.of("Node", "Role", "Ready", "IP", "Heartbeat", "Taints")
                        : List.of("Pod", "Namespace", "Node", "Status", "Ready", "Owner");
                List<String> shownNow = shown(table);
                List<String> hidden = all.stream().filter(title -> !shownNow.contains(title)).toList();
                Label note = robot.lookup("#" + (table == nodes ? "hidden-node-columns" : "hidden-pod-columns")).queryAs(Label.class);
                if (hidden.isEmpty()) {
                    assertFalse(onFx(note::isVisible), name + ": no note when every column shows");
                } else {
                    assertTrue(onFx(note::isVisible) && hidden.stream().allMatch(note.getText()::contains),
                            name + ": the note names " + hidden + ": " + note.getText());
                }
            }
        }
        // What only the tables tell (the first columns by rank) shows even on the small screen.
        robot.interact(() -> {
            operator.setWidth(1088);
            operator.setHeight(680);
        });
        WaitForAsyncUtils.waitForFxEvents();
        // Node, Ready and Heartbeat ("stopped (last 09:31:48)" beside "NotReady (Unknown)" on the pulled Pi) all show:
        // the divider gives each table what its three most needed columns take.
        assertEquals(List.of("Node", "Ready", "Heartbeat"), shown(nodes).stream()
                .filter(List.of("Node", "Ready", "Heartbeat")::contains).toList());
        assertTrue(shown(pods).containsAll(List.of("Pod", "Status", "Node")), shown(pods).toString());
    }

    private static List<String> shown(TableView<?> table) throws Exception {
        return onFx(() -> table.getColumns().stream().filter(TableColumn::isVisible).map(TableColumn::getText).toList());
    }

    private static boolean horizontalScrollBarShown(TableView<?> table) {
        return table.lookupAll(".scroll-bar").stream().anyMatch(n -> n instanceof ScrollBar bar
                && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible());
    }

    private static List<String> columnsPastTheEdge(TableView<?> table) {
        List<String> cut = new ArrayList<>();
        double edge = table.getWidth();
        for (javafx.scene.Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL && bar.isVisible()) {
                edge -= bar.getWidth();
            }
        }
        double right = 0;
        for (TableColumn<?, ?> column : table.getVisibleLeafColumns()) {
            right += column.getWidth();
            if (right > edge + 0.5) {
                cut.add(column.getText() + " ends at " + right + " of " + edge);
            }
        }
        return cut;
    }
}
