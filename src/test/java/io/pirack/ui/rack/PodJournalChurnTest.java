package io.pirack.ui.rack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterStore;
import io.pirack.testing.ClusterFixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rack's pod tiles and the pod table apply only the pods the store's journal names (issue 20), so
 * after any churn they must still show exactly what a fresh model built from the same snapshot shows:
 * pods added, changed, moved, terminating and deleted; several store versions per frame; frames a
 * screen skipped (more than the journal keeps, too); snapshots taken by others in between; the API
 * going away and back; the system-pod filter switched. Seeded, so a failure repeats.
 */
class PodJournalChurnTest {

    private static final int PIS = 30;
    private final ClusterStore store = new ClusterStore(Clock.fixed(ClusterFixtures.T0, ZoneOffset.UTC), "test");
    private final RackSpec rack = RackSpec.rehearsal(PIS);
    private final RackViewModel tiles = new RackViewModel();
    private final RackTablesViewModel table = new RackTablesViewModel();

    @Test
    void tilesAndTableEqualAFullRebuildAfterEveryFrameOfRandomChurn() {
        for (long seed = 1; seed <= 3; seed++) {
            churn(new Random(seed), seed);
        }
    }

    private void churn(Random random, long seed) {
        for (int i = 1; i <= PIS; i++) {
            store.putNode(ClusterFixtures.readyNode("rpi" + i));
        }
        store.setApiStatus(ClusterFixtures.LIVE);
        for (int i = 0; i < 600; i++) {
            store.putPod(pod(random, "web-" + seed + "-" + i));
        }
        for (int frame = 0; frame < 300; frame++) {
            int writes = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 6);
            for (int w = 0; w < writes; w++) {
                write(random, seed, frame, w);
            }
            if (random.nextInt(8) == 0) {
                store.snapshot(); // someone else's snapshot between two frames: one more journal step
            }
            if (random.nextInt(6) == 0) {
                continue; // a frame this screen did not get: the next one carries both
            }
            if (random.nextInt(100) == 0) {
                for (int i = 0; i <= 20; i++) {  // longer than the journal keeps: the views compare every pod
                    store.putPod(pod(random, "late-" + seed + "-" + frame + "-" + i));
                    store.snapshot();
                }
            }
            if (random.nextInt(50) == 0) {
                tiles.setHideSystemPods(!tiles.hideSystemPods());
            }
            check(store.snapshot(), "seed " + seed + ", frame " + frame);
        }
    }

    private void write(Random random, long seed, int frame, int w) {
        List<String> keys = new ArrayList<>(store.snapshot().pods().keySet());
        int what = random.nextInt(20);
        if (what < 5 || keys.isEmpty()) {
            store.putPod(pod(random, "new-" + seed + "-" + frame + "-" + w));
        } else if (what < 9) {
            store.removePod(keys.get(random.nextInt(keys.size())));
        } else if (what < 18) {
            PodInfo old = store.snapshot().pods().get(keys.get(random.nextInt(keys.size())));
            store.putPod(changed(random, old));
        } else if (what < 19) {
            store.putLease(ClusterFixtures.lease("rpi" + (1 + random.nextInt(PIS)), ClusterFixtures.T0));
        } else {
            store.setApiStatus(store.apiStatus().isLive()
                    ? new ApiStatus.Reconnecting(ClusterFixtures.T0, "watch closed") : ClusterFixtures.LIVE);
        }
    }

    private void check(ClusterSnapshot s, String when) {
        var frame = ClusterFixtures.frame(rack, s, ClusterFixtures.T0);
        RackViewModel fresh = new RackViewModel();
        fresh.setHideSystemPods(tiles.hideSystemPods());
        var expected = fresh.map(frame);
        var actual = tiles.map(frame);
        assertEquals(expected.layers(), actual.layers(), when + ": every layer's tiles as a fresh rack maps them");
        assertEquals(expected.counts(), actual.counts(), when + ": the pod counts");
        RackTablesViewModel freshTable = new RackTablesViewModel();
        freshTable.show(frame);
        table.show(frame);
        assertEquals(freshTable.pods(), table.pods(), when + ": the pod table's rows as a fresh table shows them");
    }

    private static PodInfo pod(Random random, String name) {
        String node = random.nextInt(30) == 0 ? null : "rpi" + (1 + random.nextInt(PIS));
        return ClusterFixtures.pod(name, node, node == null ? PodPhase.PENDING : PodPhase.RUNNING, node != null && random.nextBoolean(),
                false, OwnerKind.REPLICA_SET, random.nextBoolean() ? "web" : "api");
    }

    private static PodInfo changed(Random random, PodInfo old) {
        return switch (random.nextInt(4)) {
            case 0 -> ClusterFixtures.pod(old.name(), old.nodeName(), old.phase(), !old.ready(), false, old.ownerKind(), old.app());
            case 1 -> ClusterFixtures.pod(old.name(), old.nodeName(), old.phase(), false, true, old.ownerKind(), old.app());
            case 2 -> ClusterFixtures.pod(old.name(), "rpi" + (1 + random.nextInt(PIS)), PodPhase.RUNNING, true, false, old.ownerKind(), old.app());
            default -> ClusterFixtures.pod(old.name(), old.nodeName(), PodPhase.FAILED, false, false, OwnerKind.DAEMON_SET, old.app());
        };
    }
}
