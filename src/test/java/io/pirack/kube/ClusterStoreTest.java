package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterChangeListener;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.testing.ClusterFixtures;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store every informer writes to: one order of changes, one snapshot per change, robust listeners. */
class ClusterStoreTest {

    private final ClusterStore store = new ClusterStore(Clock.fixed(ClusterFixtures.T0, ZoneOffset.UTC), "test");

    private static PodInfo pod(String name, boolean ready) {
        return ClusterFixtures.pod(name, "rpi2", PodPhase.RUNNING, ready, false, OwnerKind.REPLICA_SET, "hello");
    }

    @Test
    void listenersSeeOneTotalOrderWhileTwoThreadsWriteTheSamePod() throws Exception {
        List<String> broken = new ArrayList<>();
        PodInfo[] last = new PodInfo[1];
        store.addListener(new ClusterChangeListener() {
            @Override
            public void podChanged(PodInfo before, PodInfo after) {
                // Each change must start from what the previous one ended with.
                if (before != last[0]) {
                    broken.add(before + " after " + last[0]);
                }
                last[0] = after;
            }
        });
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (boolean ready : new boolean[] {true, false}) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 2_000; i++) {
                    store.putPod(pod("hello-1", ready));
                }
            });
            t.start();
            writers.add(t);
        }
        go.countDown();
        for (Thread t : writers) {
            t.join();
        }
        assertEquals(List.of(), broken);
        assertEquals(4_000, store.version());
        assertSame(last[0], store.snapshot().pods().get(last[0].key()), "the store holds the last write listeners saw");
    }

    @Test
    void aSnapshotIsBuiltOncePerChangeAndEveryChangeSignalsOnce() {
        AtomicInteger signals = new AtomicInteger();
        store.addChangeSignal(signals::incrementAndGet);
        store.putPod(pod("hello-1", true));
        var first = store.snapshot();
        assertSame(first, store.snapshot(), "no change, no new copy");
        store.putPod(pod("hello-2", true));
        var second = store.snapshot();
        assertNotSame(first, second);
        assertEquals(1, first.pods().size(), "a snapshot never changes after it was taken");
        assertEquals(2, second.pods().size());
        assertEquals(2, signals.get());
    }

    @Test
    void leaseRenewalsAndReplicaSetsAreRoutineWhileNodesPodsAndTheApiAreNot() {
        List<String> signalled = new ArrayList<>();
        store.addChangeSignal(() -> signalled.add("urgent"), () -> signalled.add("routine"));
        store.putLease(ClusterFixtures.lease("rpi2", 1, 1));
        store.putNode(ClusterFixtures.readyNode("rpi2"));
        store.putLease(ClusterFixtures.lease("rpi2", 3, 3));
        store.putPod(pod("hello-1", true));
        store.setApiStatus(ClusterFixtures.LIVE);
        store.removePod("no/such-pod");
        assertEquals(List.of("routine", "urgent", "routine", "urgent", "urgent", "routine"), signalled,
                "removing what is not there changes nothing a screen shows");
    }

    @Test
    void aNodesAndTheApisStateAreWhatTheAudienceWatchesForPodsAndEventsAreNot() {
        List<String> signalled = new ArrayList<>();
        store.addChangeSignal(() -> signalled.add("watched"), () -> signalled.add("urgent"), () -> signalled.add("routine"));
        store.putNode(ClusterFixtures.readyNode("rpi2"));
        store.putPod(pod("hello-1", true));
        store.putLease(ClusterFixtures.lease("rpi2", 1, 1));
        store.setApiStatus(ClusterFixtures.LIVE);
        store.removeNode("rpi2");
        store.removeNode("rpi2");
        store.removePod(pod("hello-1", true).key());
        assertEquals(List.of("watched", "urgent", "routine", "watched", "watched", "routine", "urgent"), signalled,
                "a node or the API watched, a pod urgent, a renewal or a removal of nothing routine");
    }

    @Test
    void aThrowingListenerNeitherUndoesTheChangeNorSilencesTheOthers() {
        List<String> seen = new ArrayList<>();
        store.addListener(new ClusterChangeListener() {
            @Override
            public void podChanged(PodInfo before, PodInfo after) {
                throw new IllegalStateException("broken listener");
            }
        });
        store.addListener(new ClusterChangeListener() {
            @Override
            public void podChanged(PodInfo before, PodInfo after) {
                seen.add(after.key());
            }
        });
        store.addChangeSignal(() -> {
            throw new IllegalStateException("broken signal");
        });
        AtomicInteger signals = new AtomicInteger();
        store.addChangeSignal(signals::incrementAndGet);

        store.putPod(pod("hello-1", true));

        assertEquals(1, store.snapshot().pods().size());
        assertEquals(1, seen.size());
        assertEquals(1, signals.get());
        assertEquals(1, store.version());
    }

    @Test
    void aReListRemovesWhatWasDeletedDuringTheGapInOneChangeButKeepsWhatArrivedAfterTheListStarted() {
        store.putNode(ClusterFixtures.node("rpi2", NodeRole.WORKER, ConditionStatus.TRUE, false, List.of()));
        store.putPod(pod("hello-1", true));
        store.putPod(pod("hello-2", true));
        long listedFrom = store.version();
        store.putPod(pod("hello-3", true)); // a watch event after the list request went out
        List<String> removed = new ArrayList<>();
        store.addListener(new ClusterChangeListener() {
            @Override
            public void podChanged(PodInfo before, PodInfo after) {
                if (after == null) {
                    removed.add(before.key());
                }
            }
        });
        AtomicInteger signals = new AtomicInteger();
        store.addChangeSignal(signals::incrementAndGet);
        String kept = pod("hello-1", true).key();

        int gone = store.reconcile(ClusterStore.Kind.POD, Set.of(kept), listedFrom);

        assertEquals(1, gone);
        assertEquals(List.of(pod("hello-2", true).key()), removed);
        assertEquals(Set.of(kept, pod("hello-3", true).key()), store.snapshot().pods().keySet());
        assertEquals(1, store.snapshot().nodes().size(), "other kinds are untouched");
        assertEquals(1, signals.get(), "one change, so one frame");
        assertEquals(0, store.reconcile(ClusterStore.Kind.POD, store.snapshot().pods().keySet(), store.version()));
        assertEquals(1, signals.get(), "nothing removed, nothing to draw");
    }

    @Test
    void theApiStatusKeepsItsStartWhileItsKindStaysTheSame() {
        ApiStatus first = new ApiStatus.Connected(ClusterFixtures.T0);
        store.setApiStatus(first);
        store.setApiStatus(new ApiStatus.Connected(ClusterFixtures.T0.plusSeconds(5)));
        assertEquals(first, store.snapshot().api());
        assertTrue(store.snapshot().api().isLive());
    }
}
