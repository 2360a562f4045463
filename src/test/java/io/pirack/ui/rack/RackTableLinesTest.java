package io.pirack.ui.rack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.rack.RackSpec;
import io.pirack.testing.ClusterFixtures;
import io.pirack.ui.rack.RackTablesViewModel.PodRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * The pod table at 100 Pis under churn (issue 20): after 200 frames of a few pod changes each, it
     * shows exactly the cluster's pods — name, node, status — in name order, and every pod no frame
     * touched still has the very line it had at the start, so the table rebuilt none of them.
     */
    @Test
    void aThousandPodChangesTouchOnlyTheirOwnLinesAndLeaveTheTableEqualToTheCluster() {
        RackSpec rack = RackSpec.rehearsal(100);
        Map<String, PodInfo> pods = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            PodInfo p = ClusterFixtures.readyPod("web-" + i, "rpi" + (1 + i % 100), "web");
            pods.put(p.key(), p);
        }
        RackTablesViewModel tables = new RackTablesViewModel();
        ObservableList<RackTablesView.Shown<PodRow>> podLines = RackTablesView.Shown.follow(tables.pods());
        show(tables, rack, pods, 1);
        Map<String, RackTablesView.Shown<PodRow>> lineOf = new HashMap<>();
        Map<String, PodRow> rowOf = new HashMap<>();
        podLines.forEach(line -> {
            lineOf.put(line.get().key(), line);
            rowOf.put(line.get().key(), line.get());
        });
        Set<String> touched = new java.util.HashSet<>();
        Random random = new Random(20);
        for (int frame = 0; frame < 200; frame++) {
            for (int change = 0; change < 5; change++) {
                List<String> keys = new ArrayList<>(pods.keySet());
                String key = keys.get(random.nextInt(keys.size()));
                PodInfo old = pods.get(key);
                touched.add(key);
                if (change % 2 == 0) {
                    pods.remove(key);
                    PodInfo fresh = ClusterFixtures.pod("web-" + frame + "-" + change, "rpi" + (1 + random.nextInt(100)),
                            PodPhase.PENDING, false, false, OwnerKind.REPLICA_SET, "web");
                    pods.put(fresh.key(), fresh);
                    touched.add(fresh.key());
                } else {
                    pods.put(key, ClusterFixtures.pod(old.name(), old.nodeName(), old.ready() ? PodPhase.FAILED : PodPhase.RUNNING,
                            !old.ready(), false, OwnerKind.REPLICA_SET, "web"));
                }
            }
            show(tables, rack, pods, frame + 2);
        }

        List<String> expected = new TreeMap<>(pods).values().stream()
                .map(p -> p.name() + " " + p.nodeName() + " " + (p.phase() == PodPhase.FAILED ? "Failed" : p.ready() ? "Ready" : "Pending"))
                .toList();
        assertEquals(expected, podLines.stream().map(l -> l.get().name() + " " + l.get().node() + " " + l.get().status()).toList(),
                "the table shows the cluster's pods, each on its node with its state");
        Map<RackTablesView.Shown<PodRow>, Boolean> stillThere = new IdentityHashMap<>();
        podLines.forEach(line -> stillThere.put(line, true));
        List<String> rebuilt = lineOf.entrySet().stream()
                .filter(e -> !touched.contains(e.getKey()))
                .filter(e -> !stillThere.containsKey(e.getValue()) || e.getValue().get() != rowOf.get(e.getKey()))
                .map(Map.Entry::getKey).toList();
        assertEquals(0, rebuilt.size(), "every untouched pod keeps its line, showing the same row object ("
                + (3000 - touched.size()) + "+ of them); not: " + rebuilt.subList(0, Math.min(5, rebuilt.size())));
    }

    private static void show(RackTablesViewModel tables, RackSpec rack, Map<String, PodInfo> pods, long version) {
        tables.show(ClusterFixtures.frame(rack, new ClusterSnapshot(version, ClusterFixtures.T0, "test", ClusterFixtures.LIVE,
                new TreeMap<>(), pods, Map.of(), Map.of(), List.of()), ClusterFixtures.T0));
    }

    private List<String> values() {
        return lines.stream().map(RackTablesView.Shown::get).toList();
    }
}
