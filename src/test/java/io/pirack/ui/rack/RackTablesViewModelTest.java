package io.pirack.ui.rack;

import static io.pirack.testing.ClusterFixtures.LIVE;
import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.pod;
import static io.pirack.testing.ClusterFixtures.readyNode;
import static io.pirack.testing.ClusterFixtures.readyPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.rack.RackTablesViewModel.PodRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class RackTablesViewModelTest {

    private static final RackSpec RACK = RackSpec.rehearsal(3);

    private long version;

    private void show(RackTablesViewModel tables, ApiStatus api, Map<String, PodInfo> pods) {
        TreeMap<String, io.pirack.core.cluster.NodeInfo> nodes = new TreeMap<>();
        RACK.slots().forEach(slot -> nodes.put(slot.hostname(), readyNode(slot.hostname())));
        ClusterSnapshot s = new ClusterSnapshot(++version, T0, "test cluster", api, nodes, pods, Map.of(), Map.of(), List.of());
        tables.show(ClusterFixtures.frame(RACK, s, T0));
    }

    /** What a table built from scratch shows for the same pods. */
    private static List<PodRow> rebuilt(ApiStatus api, Map<String, PodInfo> pods) {
        RackTablesViewModel fresh = new RackTablesViewModel();
        TreeMap<String, io.pirack.core.cluster.NodeInfo> nodes = new TreeMap<>();
        fresh.show(ClusterFixtures.frame(RACK, new ClusterSnapshot(1, T0, "test cluster", api, nodes, pods, Map.of(), Map.of(),
                List.of()), T0));
        return List.copyOf(fresh.pods());
    }

    /**
     * Lease renewals are the only change on a quiet rack, and they change no row (issue 20: a changed
     * cell costs a redraw of the whole window on the software pipeline); a heartbeat that stops changes
     * only its node's row, by the clock alone, and says when the last one was.
     */
    @Test
    void renewalsChangeNoNodeRowAndAStoppedHeartbeatChangesOnlyThatNodesRow() {
        RackTablesViewModel tables = new RackTablesViewModel();
        TreeMap<String, io.pirack.core.cluster.NodeInfo> nodes = new TreeMap<>();
        RACK.slots().forEach(slot -> nodes.put(slot.hostname(), readyNode(slot.hostname())));
        Map<String, io.pirack.core.cluster.LeaseInfo> leases = new HashMap<>();
        RACK.slots().forEach(slot -> leases.put(slot.hostname(), ClusterFixtures.lease(slot.hostname(), T0.minusSeconds(5))));
        tables.show(ClusterFixtures.frame(RACK, new ClusterSnapshot(1, T0, "test cluster", LIVE, nodes, Map.of(), leases,
                Map.of(), List.of()), T0));
        assertEquals("arriving", tables.nodes().get(1).heartbeat());
        List<String> changes = new ArrayList<>();
        tables.nodes().addListener((ListChangeListener<RackTablesViewModel.NodeRow>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "removed ") + c.getFrom() + "-" + c.getTo());
            }
        });

        long v = 1;
        for (int second = 1; second <= 30; second += 2) {
            for (String host : List.of("rpi1", "rpi3")) {
                leases.put(host, ClusterFixtures.lease(host, T0.plusSeconds(second)));
            }
            tables.show(ClusterFixtures.frame(RACK, new ClusterSnapshot(++v, T0, "test cluster", LIVE, nodes, Map.of(), leases,
                    Map.of(), List.of()), T0.plusSeconds(second + 1)));
        }
        assertEquals(List.of(), changes, "30 s of renewals (and rpi2 silent, still within its 40 s lease)");

        tables.show(ClusterFixtures.frame(RACK, new ClusterSnapshot(v, T0, "test cluster", LIVE, nodes, Map.of(), leases,
                Map.of(), List.of()), T0.plusSeconds(36)));
        assertEquals(List.of("replaced 1-2"), changes, "rpi2's heartbeat stopped 40 s after its last renewal: only its row");
        assertEquals("stopped (last " + io.pirack.core.cluster.TimeText.clock(T0.minusSeconds(5)) + ")", tables.nodes().get(1).heartbeat());
    }

    @Test
    void podRowsFollowAddsChangesAndDeletesInNameOrderWithoutRebuildingTheTable() {
        RackTablesViewModel tables = new RackTablesViewModel();
        Map<String, PodInfo> pods = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            PodInfo p = readyPod("web-" + (100 + i), "rpi" + (1 + i % 3), "web");
            pods.put(p.key(), p);
        }
        show(tables, LIVE, Map.copyOf(pods));
        List<ListChangeListener.Change<? extends PodRow>> changes = new ArrayList<>();
        tables.pods().addListener((ListChangeListener<PodRow>) c -> changes.add(c));
        Random random = new Random(7);
        for (int frame = 0; frame < 40; frame++) {
            // A few changes per frame, as at a booth: a pod replaced, one going NotReady, one deleted, one added.
            List<String> keys = new ArrayList<>(pods.keySet());
            PodInfo changed = pods.get(keys.get(random.nextInt(keys.size())));
            pods.put(changed.key(), pod(changed.name(), changed.nodeName(), PodPhase.RUNNING, !changed.ready(), false,
                    OwnerKind.REPLICA_SET, "web"));
            pods.remove(keys.get(random.nextInt(keys.size())));
            PodInfo added = pod("api-" + frame, "rpi" + (1 + random.nextInt(3)), PodPhase.PENDING, false, false,
                    OwnerKind.REPLICA_SET, "api");
            pods.put(added.key(), added);
            show(tables, LIVE, Map.copyOf(pods));
            assertEquals(rebuilt(LIVE, pods), tables.pods(), "frame " + frame + ": the same rows a fresh table would show");
        }
        assertTrue(changes.size() >= 40, "rows changed one by one, not wholesale");
        int before = changes.size();
        show(tables, LIVE, Map.copyOf(pods));
        assertEquals(before, changes.size(), "an unchanged cluster touches no row");
    }

    @Test
    void aBurstOfChangesAndAnApiOutageStillLeaveEveryRowRight() {
        RackTablesViewModel tables = new RackTablesViewModel();
        Map<String, PodInfo> pods = new HashMap<>();
        for (int i = 0; i < RackTablesViewModel.PIECEWISE_LIMIT + 50; i++) {
            PodInfo p = readyPod("web-" + i, "rpi2", "web");
            pods.put(p.key(), p);
        }
        show(tables, LIVE, Map.copyOf(pods));
        Map<String, PodInfo> moved = new HashMap<>();
        pods.values().forEach(p -> {
            PodInfo replacement = readyPod(p.name() + "-b", "rpi3", "web");
            moved.put(replacement.key(), replacement);
        });
        show(tables, LIVE, Map.copyOf(moved));
        assertEquals(rebuilt(LIVE, moved), tables.pods(), "a mass reschedule replaces the rows");
        ApiStatus down = new ApiStatus.Unreachable(T0, "connection refused");
        show(tables, down, Map.copyOf(moved));
        assertTrue(tables.pods().stream().allMatch(r -> r.ready().equals("unknown")), "no stale 'yes' while the API is unreachable");
    }
}
