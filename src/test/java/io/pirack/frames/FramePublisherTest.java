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
        assertEquals(1, builder.scheduled(), "the change during the build is not lost");
    }

    @Test
    void aHeartbeatFlashGetsAFrameWhenItEndsAndAQuietRackGetsNone() {
        builds.set(0);
        FramePublisher flashing = new FramePublisher(
                () -> frame(RACK, snapshot(LIVE, List.of(readyNode("rpi1")), List.of(), List.of(lease("rpi1", T0)), List.of()),
                        builds.incrementAndGet() == 1 ? T0 : T0.plusMillis(500)),
                fx::add, builder, nanos::get);
        flashing.subscribe(shown::add);
        builder.runNext();
        runFx();
        assertEquals(1, builder.scheduled(), "a wake for the end of the flash");
        assertEquals(400_000_000L + FramePublisher.CLOCK_SLACK_NANOS, builder.delayOfNext());
        builder.runNext(); // the wake signals ...
        builder.runNext(); // ... and the frame is built
        runFx();
        assertEquals(2, shown.size());
        assertEquals(LedStates.HeartbeatLed.BEATING, LedStates.heartbeat(lease("rpi1", T0), LIVE, shown.get(1).now()));
        assertEquals(0, builder.scheduled(), "between beats nothing is scheduled before the 1 Hz refresh");
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
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private final ArrayDeque<Long> delays = new ArrayDeque<>();
        private boolean closed;

        @Override
        public void schedule(Runnable task, long delayNanos) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            tasks.add(task);
            delays.add(delayNanos);
        }

        @Override
        public void repeat(Runnable task, long periodMillis) {
            throw new UnsupportedOperationException("the tests drive changes themselves");
        }

        @Override
        public void close() {
            closed = true;
            tasks.clear();
            delays.clear();
        }

        int scheduled() {
            return tasks.size();
        }

        long delayOfNext() {
            return delays.peek();
        }

        void runNext() {
            delays.poll();
            tasks.poll().run();
        }

        void runAll() {
            while (!tasks.isEmpty()) {
                runNext();
            }
        }
    }
}
