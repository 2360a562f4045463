package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodJournal;
import io.pirack.core.cluster.PodPhase;
import io.pirack.testing.ClusterFixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The store's pod journal (issue 20): each snapshot names the pods added, changed or removed since the
 * snapshots before it, so the rack's tiles and the pod table touch only those instead of all 3,000.
 */
class ClusterStorePodJournalTest {

    private final ClusterStore store = new ClusterStore(Clock.fixed(ClusterFixtures.T0, ZoneOffset.UTC), "test");

    private static PodInfo pod(String name, boolean ready) {
        return ClusterFixtures.pod(name, "rpi2", PodPhase.RUNNING, ready, false, OwnerKind.REPLICA_SET, "hello");
    }

    @Test
    void aSnapshotNamesThePodsAddedChangedAndRemovedSinceThePreviousOne() {
        store.putPod(pod("a", true));
        store.putPod(pod("b", true));
        store.putPod(pod("c", true));
        PodJournal.Mark shown = store.snapshot().podJournal().mark();

        store.putPod(pod("d", true));        // added
        store.putPod(pod("a", false));       // changed
        store.removePod("demo/b");           // removed
        store.removePod("demo/nothing");     // not there: no change to a pod
        ClusterSnapshot next = store.snapshot();

        assertEquals(Optional.of(Set.of("demo/d", "demo/a", "demo/b")), next.podJournal().since(shown));
        assertEquals(Optional.of(Set.of()), next.podJournal().since(next.podJournal().mark()), "nothing since itself");
    }

    @Test
    void severalStoreVersionsInOneSnapshotAreOneUnionAndAPodAddedThenRemovedIsStillNamed() {
        store.putPod(pod("a", true));
        PodJournal.Mark shown = store.snapshot().podJournal().mark();
        store.putPod(pod("b", true));
        store.putPod(pod("b", false));
        store.putPod(pod("c", true));
        store.removePod("demo/c");
        store.putLease(ClusterFixtures.lease("rpi2", ClusterFixtures.T0));

        ClusterSnapshot coalesced = store.snapshot();

        assertEquals(shown.version() + 5, coalesced.version(), "five store versions in one snapshot");
        assertEquals(Optional.of(Set.of("demo/b", "demo/c")), coalesced.podJournal().since(shown),
                "c came and went: a view that had not seen it finds it absent on both sides");
    }

    @Test
    void aViewThatSkippedSnapshotsGetsTheUnionOfEveryStepItMissed() {
        store.putPod(pod("a", true));
        PodJournal.Mark shown = store.snapshot().podJournal().mark();
        store.putPod(pod("b", true));
        store.snapshot();                      // someone else's snapshot (a CLI command, a wait in a test)
        store.putPod(pod("a", false));
        store.snapshot();
        store.removePod("demo/b");
        ClusterSnapshot now = store.snapshot();

        assertEquals(Optional.of(Set.of("demo/a", "demo/b")), now.podJournal().since(shown));
    }

    @Test
    void aViewTooFarBehindOrFromAnotherStoreIsToldToCompareEveryPod() {
        store.putPod(pod("a", true));
        PodJournal.Mark shown = store.snapshot().podJournal().mark();
        for (int i = 0; i <= ClusterStore.JOURNAL_STEPS; i++) {
            store.putPod(pod("p" + i, true));
            store.snapshot();
        }
        ClusterSnapshot now = store.snapshot();
        ClusterStore other = new ClusterStore(Clock.fixed(ClusterFixtures.T0, ZoneOffset.UTC), "other");
        other.putPod(pod("a", true));
        PodJournal.Mark ofOther = other.snapshot().podJournal().mark();

        assertEquals(Optional.empty(), now.podJournal().since(shown), "more snapshots ago than the journal keeps");
        assertEquals(Optional.empty(), now.podJournal().since(new PodJournal.Mark(ofOther.origin(), now.version() - 1)),
                "the same version number of another store says nothing about this one");
        assertEquals(Optional.empty(), now.podJournal().since(null), "a view that showed nothing yet");
    }

    @Test
    void aLeaseRenewalNamesNoPodAndSharesThePreviousSnapshotsPods() {
        store.putPod(pod("a", true));
        ClusterSnapshot before = store.snapshot();
        store.putLease(ClusterFixtures.lease("rpi2", ClusterFixtures.T0));

        ClusterSnapshot after = store.snapshot();

        assertNotSame(before, after);
        assertSame(before.pods(), after.pods(), "no copy of every pod for a change that touched none");
        assertEquals(Optional.of(Set.of()), after.podJournal().since(before.podJournal().mark()));
    }

    @Test
    void podsARelistRemovesAreNamed() {
        store.putPod(pod("a", true));
        store.putPod(pod("b", true));
        long listedFrom = store.version();
        PodJournal.Mark shown = store.snapshot().podJournal().mark();

        store.reconcile(ClusterStore.Kind.POD, Set.of("demo/a"), listedFrom);

        assertEquals(Optional.of(Set.of("demo/b")), store.snapshot().podJournal().since(shown));
    }
}
