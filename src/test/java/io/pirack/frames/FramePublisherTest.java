package io.pirack.frames;

import static io.pirack.testing.ClusterFixtures.LIVE;
import static io.pirack.testing.ClusterFixtures.T0;
import static io.pirack.testing.ClusterFixtures.frame;
import static io.pirack.testing.ClusterFixtures.lease;
import static io.pirack.testing.ClusterFixtures.readyNode;
import static io.pirack.testing.ClusterFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterStore;
import io.pirack.probe.LinkMonitor;
import io.pirack.timeline.SettableClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The hand-over from the cluster's threads to the FX thread, driven step by step: a fake builder
 * thread, a fake FX queue and a fake nanosecond clock, so every assertion is about what was
 * scheduled and delivered, never about how fast this machine is.
 */
class FramePublisherTest {

    private static final RackSpec RACK = RackSpec.rehearsal(3);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ManualBuilder builder = new ManualBuilder();
    private final ArrayDeque<Runnable> fx = new ArrayDeque<>();
    /** Each build makes a frame one second newer than the last, so frames can be told apart and ordered. */
    private final AtomicLong builds = new AtomicLong();
    private final FramePublisher publisher = new FramePublisher(
            () -> frame(RACK, snapshot(LIVE, List.of(readyNode("rpi1")), List.of(), List.of(), List.of()),
                    T0.plusSeconds(builds.incrementAndGet())),
            fx::add, builder, nanos::get);
    private final List<RackFrame> shown = new ArrayList<>();

    @Test
    void aBurstOfChangesBecomesOneFrame() {
        publisher.subscribe(shown::add);
        for (int i = 0; i < 100; i++) {
            publisher.signal();
        }
        assertEquals(1, builder.scheduled(), "one build for the whole burst");
        builder.runAll();
        runFx();
        assertEquals(1, shown.size());
        assertEquals(1, builds.get());
    }

    @Test
    void aChangeSoonAfterAFrameWaitsForTheNextSixtyHertzSlot() {
        publisher.subscribe(shown::add);
        builder.runAll();
        nanos.addAndGet(5_000_000L);
        publisher.signal();
        assertEquals(FramePublisher.FRAME_NANOS - 5_000_000L, builder.delayOfNext(), "waits out the rest of the 16.7 ms");
        builder.runAll();
        nanos.addAndGet(FramePublisher.FRAME_NANOS);
        publisher.signal();
        assertEquals(0, builder.delayOfNext(), "a change after a quiet frame is built at once");
    }

    @Test
    void aWatchedChangeSoonAfterAFrameIsBuiltAtOnceAndThePacedBuildThenBuildsNothing() {
        publisher.subscribe(shown::add);
        builder.runAll();
        runFx();
        nanos.addAndGet(5_000_000L);
        publisher.signal();
        assertEquals(FramePublisher.FRAME_NANOS - 5_000_000L, builder.delayOfNext(), "pod churn waits for the slot");
        publisher.signalNow();
        assertEquals(0, builder.delayOfNext(), "a node's change does not");
        builder.runSoonest();
        runFx();
        assertEquals(2, builds.get(), "the node's frame is built at once");
        builder.runAll();
        assertEquals(2, builds.get(), "and the paced build, with nothing left to show, builds nothing");
        nanos.addAndGet(FramePublisher.FRAME_NANOS);
        publisher.signal();
        builder.runAll();
        runFx();
        assertEquals(3, builds.get(), "a change after that gets its frame as before");
        assertEquals(3, shown.size());
    }

    @Test
    void aBusyFxThreadHasAtMostOneDeliveryQueuedAndGetsOnlyTheNewestFrame() {
        publisher.subscribe(shown::add);
        for (int i = 0; i < 3; i++) {
            nanos.addAndGet(FramePublisher.FRAME_NANOS);
            publisher.signal();
            builder.runAll();
        }
        assertEquals(3, builds.get());
        assertEquals(1, fx.size(), "one delivery queued for three frames");
        runFx();
        assertEquals(1, shown.size(), "the stale frames are skipped");
        assertEquals(T0.plusSeconds(3), shown.get(0).now());
        assertSame(shown.get(0), publisher.lastFrame());
    }

    @Test
    void framesReachEveryViewInTheOrderTheyWereBuilt() {
        List<RackFrame> second = new ArrayList<>();
        publisher.subscribe(shown::add);
        publisher.subscribe(second::add);
        for (int i = 0; i < 5; i++) {
            nanos.addAndGet(FramePublisher.FRAME_NANOS);
            publisher.signal();
            builder.runAll();
            runFx();
        }
        assertEquals(shown, second);
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(shown.get(i).now().isAfter(shown.get(i - 1).now()), "frame " + i + " is newer than the one before");
        }
    }

    @Test
    void aChangeWhileAFrameIsBeingBuiltGetsAFrameOfItsOwn() {
        FramePublisher[] self = new FramePublisher[1];
        self[0] = new FramePublisher(() -> {
            builds.incrementAndGet();
            self[0].signal(); // the store changes while the frame is copied
            return frame(RACK, snapshot(LIVE, List.of(), List.of(), List.of(), List.of()), T0);
        }, fx::add, builder, nanos::get);
        self[0].signal();
        builder.runNext();
        assertEquals(1, builder.due(), "the change during the build is not lost");
    }

    @Test
    void everyFrameAsksForTheNextWholeSecondTickOnceSoAQuietRackGetsOneFrameASecond() {
        AtomicLong millisIntoTheSecond = new AtomicLong(300);
        FramePublisher ticking = new FramePublisher(
                () -> frame(RACK, snapshot(LIVE, List.of(readyNode("rpi1")), List.of(), List.of(lease("rpi1", T0)), List.of()),
                        T0.plusMillis(millisIntoTheSecond.get())),
                fx::add, builder, nanos::get);
        ticking.subscribe(shown::add);
        ticking.signal();
        builder.runAll();
        assertEquals(List.of(700_000_000L + FramePublisher.CLOCK_SLACK_NANOS), builder.tickWaits(),
                "a frame 300 ms into the second waits for the next whole second");
        for (int i = 0; i < 3; i++) {
            nanos.addAndGet(FramePublisher.FRAME_NANOS);
            millisIntoTheSecond.addAndGet(20);
            ticking.signal();
            builder.runAll();
        }
        assertEquals(1, builder.tickWaits().size(), "frames within one tick share its wake");
        nanos.addAndGet(700_000_000L);
        millisIntoTheSecond.set(1005);
        builder.runTick();
        runFx();
        assertEquals(List.of(1_000_000_000L - 5_000_000L + FramePublisher.CLOCK_SLACK_NANOS), builder.tickWaits(),
                "the tick's frame asks for the next tick");
        assertEquals(0, builder.due(), "nothing else is built between ticks");
    }

    @Test
    void aHundredPiRackAsksForItsNextTickGroupNotTheWholeSecond() {
        FramePublisher large = new FramePublisher(
                () -> frame(RackSpec.rehearsal(100), snapshot(LIVE, List.of(readyNode("rpi1")), List.of(), List.of(lease("rpi1", T0)), List.of()),
                        T0.plusMillis(300)),
                fx::add, builder, nanos::get);
        large.subscribe(shown::add);
        large.signal();
        builder.runAll();
        assertEquals(List.of(100_000_000L + FramePublisher.CLOCK_SLACK_NANOS), builder.tickWaits(),
                "ten groups a second: the one at 400 ms is next, so no frame turns every LED at once");
    }

    @Test
    void aLeaseRenewalAloneWaitsForTheTickWhileANodeOrPodChangeIsBuiltAtOnce() {
        SettableClock clock = new SettableClock(T0.plusMillis(100));
        ClusterStore store = new ClusterStore(clock, "test cluster");
        LinkMonitor links = new LinkMonitor(clock);
        try (FramePublisher fromStore = new FramePublisher(store, links, () -> RACK, Map::of, fx::add, builder, nanos::get)) {
            fromStore.subscribe(shown::add);
            builder.runAll();
            runFx();
            assertEquals(1, shown.size(), "the first frame at once");
            nanos.addAndGet(200_000_000L);
            clock.advance(java.time.Duration.ofMillis(200));

            store.putLease(lease("rpi1", clock.instant()));
            store.putLease(lease("rpi2", clock.instant()));
            assertEquals(0, builder.due(), "renewals wait for the tick");
            assertEquals(1, builder.tickWaits().size());

            store.putPod(io.pirack.testing.ClusterFixtures.pod("hello-1", "rpi1", io.pirack.core.cluster.PodPhase.RUNNING,
                    true, false, io.pirack.core.cluster.OwnerKind.REPLICA_SET, "hello"));
            assertEquals(1, builder.due(), "a pod change is built at once");
            builder.runAll();
            runFx();
            nanos.addAndGet(FramePublisher.FRAME_NANOS);
            clock.advance(java.time.Duration.ofNanos(FramePublisher.FRAME_NANOS));
            store.putNode(readyNode("rpi1"));
            assertEquals(1, builder.due(), "a node change is built at once");
            builder.runAll();
            runFx();
            store.putPod(io.pirack.testing.ClusterFixtures.pod("hello-2", "rpi1", io.pirack.core.cluster.PodPhase.RUNNING,
                    true, false, io.pirack.core.cluster.OwnerKind.REPLICA_SET, "hello"));
            assertEquals(FramePublisher.FRAME_NANOS, builder.delayOfNext(), "a pod change right after a frame waits for the slot");
            store.putNode(readyNode("rpi2"));
            assertEquals(0, builder.delayOfNext(), "a node change right after a frame does not");
            builder.runAll();
            store.putLease(lease("rpi1", clock.instant()));
            assertEquals(0, builder.due(), "and a renewal after them waits again");

            clock.set(T0.plusSeconds(1).plusMillis(5));
            builder.runTick();
            runFx();
            RackFrame tick = shown.get(shown.size() - 1);
            assertEquals(2, tick.cluster().leases().size(), "the tick's frame shows the renewals");
            assertEquals(LedStates.HeartbeatLed.FLASH, LedStates.heartbeat(tick.cluster().leases().get("rpi2"), LIVE, tick.now()));
        } finally {
            links.close();
        }
    }

    @Test
    void aViewThatThrowsKeepsNeitherThisFrameNorLaterOnesFromTheOthers() {
        publisher.subscribe(frame -> {
            throw new IllegalStateException("a broken view");
        });
        publisher.subscribe(shown::add);
        builder.runAll();
        assertDoesNotThrow(this::runFx);
        nanos.addAndGet(FramePublisher.FRAME_NANOS);
        publisher.signal();
        builder.runAll();
        runFx();
        assertEquals(2, shown.size());
    }

    @Test
    void afterCloseChangesBuildNothing() {
        publisher.subscribe(shown::add);
        builder.runAll();
        runFx();
        publisher.close();
        assertDoesNotThrow(publisher::signal);
        assertEquals(0, builder.scheduled());
        assertEquals(1, shown.size());
    }

    @Test
    void aStoreChangeReachesAViewThroughTheRealBuilderThread() throws Exception {
        SettableClock clock = new SettableClock(T0);
        ClusterStore store = new ClusterStore(clock, "test cluster");
        LinkMonitor links = new LinkMonitor(clock);
        CompletableFuture<RackFrame> withNode = new CompletableFuture<>();
        try (FramePublisher real = new FramePublisher(store, links, () -> RACK, Map::of, Runnable::run)) {
            real.subscribe(frame -> {
                if (frame.cluster().nodes().containsKey("rpi2")) {
                    withNode.complete(frame);
                }
            });
            store.putNode(readyNode("rpi2"));
            RackFrame frame = withNode.get(30, TimeUnit.SECONDS);
            assertEquals(RACK, frame.spec());
        } finally {
            links.close();
        }
    }

    private void runFx() {
        while (!fx.isEmpty()) {
            fx.poll().run();
        }
    }

    /** The builder thread, run by hand: tasks wait until the test runs them. */
    private static final class ManualBuilder implements FramePublisher.Builder {
        private record Task(Runnable run, long delayNanos) {
        }

        private final java.util.List<Task> tasks = new java.util.ArrayList<>();
        private boolean closed;

        @Override
        public void schedule(Runnable task, long delayNanos) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            tasks.add(new Task(task, delayNanos));
        }

        @Override
        public void close() {
            closed = true;
            tasks.clear();
        }

        int scheduled() {
            return tasks.size();
        }

        /** Builds due within a 60 Hz frame, not waits for a heartbeat tick. */
        int due() {
            return (int) tasks.stream().filter(t -> t.delayNanos() <= FramePublisher.FRAME_NANOS).count();
        }

        /** The waits for the next heartbeat tick (anything scheduled further out than one frame), in nanoseconds. */
        List<Long> tickWaits() {
            return tasks.stream().map(Task::delayNanos).filter(d -> d > FramePublisher.FRAME_NANOS).toList();
        }

        /** The shortest wait scheduled: the next build when one is due, else the tick's. */
        long delayOfNext() {
            return tasks.stream().mapToLong(Task::delayNanos).min().orElseThrow();
        }

        void runNext() {
            tasks.remove(0).run().run();
        }

        /** Runs the task due first (the shortest wait), as the real scheduler would. */
        void runSoonest() {
            Task soonest = tasks.stream().min(java.util.Comparator.comparingLong(Task::delayNanos)).orElseThrow();
            tasks.remove(soonest);
            soonest.run().run();
        }

        /** Runs every build that is due, and what those schedule, but not the waits for a tick. */
        void runAll() {
            for (Task next = firstDue(); next != null; next = firstDue()) {
                tasks.remove(next);
                next.run().run();
            }
        }

        /** Lets the next tick come: runs its wake (which signals) and the build it asks for. */
        void runTick() {
            Task tick = tasks.stream().filter(t -> t.delayNanos() > FramePublisher.FRAME_NANOS).findFirst().orElseThrow();
            tasks.remove(tick);
            tick.run().run();
            runAll();
        }

        private Task firstDue() {
            return tasks.stream().filter(t -> t.delayNanos() <= FramePublisher.FRAME_NANOS).findFirst().orElse(null);
        }
    }
}
