package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.testing.OpenSshServer;
import io.pirack.timeline.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlugControllerTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final Instant T0 = Instant.parse("2026-11-26T09:14:03.271Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final SettableClock clock = new SettableClock(T0, BERLIN);
    private final List<String> heard = new ArrayList<>();
    private final List<PlugActionEvent> actions = new ArrayList<>();
    private final PlugListener listener = new PlugListener() {
        @Override
        public void plugStateChanged(String node, PlugState state) {
            heard.add(node + ": " + state.describe());
        }

        @Override
        public void plugAction(PlugActionEvent event) {
            actions.add(event);
        }
    };

    private static final Executor SAME_THREAD = Runnable::run;

    private static RackSpec rack(PlugMethod method) {
        return new RackSpec("test", List.of(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE), PiSlot.of("rpi2", NodeRole.WORKER)),
                "192.168.2.0/24", method, null, 180);
    }

    /** A power switch in memory that takes one tick of the test clock per action. */
    private final class FakeSwitch implements PlugStrategy {
        final Set<String> off = new java.util.TreeSet<>();
        String failWith;

        @Override
        public PlugMethod method() {
            return PlugMethod.SIMULATED_POWER;
        }

        @Override
        public String describe(PiSlot slot) {
            return "fake";
        }

        @Override
        public Availability availability(PiSlot slot) {
            return Availability.AVAILABLE;
        }

        @Override
        public PullResult pull(PiSlot slot) throws PlugException {
            clock.advance(Duration.ofMillis(400));
            if (failWith != null) {
                throw new PlugException(failWith);
            }
            off.add(slot.hostname());
            return new PullResult(Duration.ofSeconds(180), "switched off");
        }

        @Override
        public void restore(PiSlot slot) {
            clock.advance(Duration.ofMillis(300));
            off.remove(slot.hostname());
        }

        @Override
        public PlugStatus status(PiSlot slot) {
            return new PlugStatus(off.contains(slot.hostname()), off.contains(slot.hostname()), "");
        }
    }

    private PlugController controller(PlugStrategy strategy, Executor executor) {
        return new PlugController(() -> rack(strategy.method()), List.of(strategy), executor, clock, listener);
    }

    @Test
    void pullGoesThroughPullingToUnpluggedSinceTheClickWithAutoRestoreTime() throws Exception {
        PlugController controller = controller(new FakeSwitch(), SAME_THREAD);
        PlugState state = controller.pull("rpi2").get();
        // The switch took 0.4 s: the card says "unplugged since" the click, as the timeline's run counts from
        // it (PlugActionEvent.requestedAt); the dead man counts from when the switch was off.
        Instant doneAt = T0.plusMillis(400);
        assertEquals(new PlugState.Unplugged(T0, doneAt.plusSeconds(180), true), state);
        assertEquals(actions.get(0).requestedAt(), ((PlugState.Unplugged) state).since());
        assertEquals(List.of("rpi2: pulling the plug…", "rpi2: " + state.describe()), heard);
        assertEquals(Set.of("rpi2"), controller.unpluggedNodes());
    }

    @Test
    void pullAndRestoreAreTimelineEventsWithTheExactLocalTime() throws Exception {
        PlugController controller = controller(new FakeSwitch(), SAME_THREAD);
        controller.pull("rpi2").get();
        controller.restore("rpi2").get();
        assertEquals(2, actions.size());
        PlugActionEvent pulled = actions.get(0);
        assertEquals(PlugActionEvent.Action.PULLED, pulled.action());
        assertEquals(T0, pulled.requestedAt());
        assertEquals(ZonedDateTime.of(2026, 11, 26, 10, 14, 3, 671_000_000, BERLIN), pulled.localTime());
        assertEquals("10:14:03.671 rpi2 plug pulled (switched off)", pulled.describe());
        assertEquals("10:14:03.971 rpi2 plugged back in", actions.get(1).describe());
        assertEquals(PlugState.PLUGGED, controller.state("rpi2"));
    }

    @Test
    void aFailedPullIsShownWithItsReasonAndNoTimelineEvent() {
        FakeSwitch fake = new FakeSwitch();
        fake.failWith = "sudo on rpi2 wants a password";
        PlugController controller = controller(fake, SAME_THREAD);
        ExecutionException e = assertThrows(ExecutionException.class, () -> controller.pull("rpi2").get());
        assertInstanceOf(PlugException.class, e.getCause());
        assertEquals(new PlugState.Failed("sudo on rpi2 wants a password", T0.plusMillis(400)), controller.state("rpi2"));
        assertTrue(actions.isEmpty());
    }

    @Test
    void aSecondActionWhileTheFirstRunsIsRefused() {
        List<Runnable> queued = new ArrayList<>();
        PlugController controller = controller(new FakeSwitch(), queued::add);
        CompletableFuture<PlugState> first = controller.pull("rpi2");
        ExecutionException e = assertThrows(ExecutionException.class, () -> controller.restore("rpi2").get());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        queued.forEach(Runnable::run);
        assertTrue(first.join().isUnplugged());
    }

    @Test
    void pullingAnUnpluggedPiOrAnUnknownOneIsRefused() throws Exception {
        PlugController controller = controller(new FakeSwitch(), SAME_THREAD);
        controller.pull("rpi2").get();
        assertInstanceOf(IllegalStateException.class,
                assertThrows(ExecutionException.class, () -> controller.pull("rpi2").get()).getCause());
        assertInstanceOf(IllegalArgumentException.class,
                assertThrows(ExecutionException.class, () -> controller.pull("rpi9").get()).getCause());
    }

    @Test
    void aMethodWithoutAStrategyFailsWithAClearReason() {
        PlugController controller = new PlugController(() -> rack(PlugMethod.TURING_PI), List.of(new FakeSwitch()),
                SAME_THREAD, clock, listener);
        assertThrows(ExecutionException.class, () -> controller.pull("rpi2").get());
        assertEquals("failed: No way to pull rpi2's plug is set up (Turing Pi 2 BMC power).", controller.state("rpi2").describe());
    }

    @Test
    void refreshNoticesWhenThePiCameBackByItself() throws Exception {
        FakeSwitch fake = new FakeSwitch();
        PlugController controller = controller(fake, SAME_THREAD);
        controller.pull("rpi2").get();
        fake.off.clear();
        clock.advance(Duration.ofSeconds(180));
        assertEquals(PlugState.PLUGGED, controller.refresh("rpi2").get());
        assertEquals(PlugActionEvent.Action.FOUND_RESTORED, actions.get(1).action());
        assertEquals(T0.plusMillis(400).plusSeconds(180), actions.get(1).at());
    }

    @Test
    void anUnpluggedPiIsReReadOnlyOncePerPollInterval() throws Exception {
        FakeSwitch fake = new FakeSwitch();
        PlugController controller = controller(fake, SAME_THREAD);
        controller.pull("rpi2").get();
        fake.off.clear();
        clock.advance(PlugController.POLL_UNPLUGGED.minusSeconds(1));
        controller.refreshDeadManExpired().get();
        assertTrue(controller.state("rpi2").isUnplugged());
        clock.advance(Duration.ofSeconds(1));
        controller.refreshDeadManExpired().get();
        assertEquals(PlugState.PLUGGED, controller.state("rpi2"));
    }

    @Test
    void aNewControllerAfterARestartFindsTheRealPiStillUnplugged() throws Exception {
        PI.installUnit("k3s-agent", true);
        // The test server plays one Pi, so the rack has only that one.
        RackSpec rack = new RackSpec("one real Pi", List.of(PiSlot.of("rpi2", NodeRole.WORKER)), "192.168.2.0/24",
                PlugMethod.STOP_AGENT, null, 180);
        StopAgentStrategy before = new StopAgentStrategy(PI.trustingShell(), PI.resolver(), rack::deadManSeconds,
                Duration.ofSeconds(5));
        new PlugController(() -> rack, List.of(before), SAME_THREAD, clock, PlugListener.NONE).pull("rpi2").get();

        StopAgentStrategy after = new StopAgentStrategy(PI.trustingShell(), PI.resolver(), rack::deadManSeconds,
                Duration.ofSeconds(5));
        PlugController restarted = new PlugController(() -> rack, List.of(after), SAME_THREAD, clock, listener);
        restarted.refreshAll().get();
        PlugState.Unplugged found = (PlugState.Unplugged) restarted.state("rpi2");
        assertTrue(found.deadManArmed() && found.since() == null && found.autoRestoreAt() != null, found.toString());
        assertEquals(Set.of("rpi2"), restarted.unpluggedNodes());

        restarted.restore("rpi2").get();
        assertTrue(PI.unitActive("k3s-agent"));
        assertEquals(List.of(), PI.timerCommand("pirack-deadman-rpi2"));
    }
}
