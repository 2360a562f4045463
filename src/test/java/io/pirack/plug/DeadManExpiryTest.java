package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.testing.OpenSshServer;
import io.pirack.timeline.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Pi its own dead-man switch restored is shown as plugged in again on the first tick after the
 * restore time — also after an app restart, when the only record of that time is on the Pi.
 */
class DeadManExpiryTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final RackSpec RACK = new RackSpec("booth", List.of(PiSlot.of("rpi2", NodeRole.WORKER)), "192.168.2.0/24",
            PlugMethod.STOP_AGENT, null, 180);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final List<PlugActionEvent> events = new CopyOnWriteArrayList<>();

    private PlugController controller(SshRemoteShell shell) {
        return new PlugController(() -> RACK, List.of(new StopAgentStrategy(shell, PI.resolver(), () -> 180, Duration.ofSeconds(10))),
                Runnable::run, clock, new PlugListener() {
                    @Override
                    public void plugStateChanged(String node, PlugState state) {
                    }

                    @Override
                    public void plugAction(PlugActionEvent event) {
                        events.add(event);
                    }
                });
    }

    @Test
    void afterARestartTheRestoreTimeIsReadFromThePiAndTheRestoreIsSeenWithinTwoSeconds() throws Exception {
        PI.installUnit("kubelet", true);
        controller(PI.trustingShell()).pull("rpi2").get();

        PlugController restarted = controller(PI.trustingShell());
        restarted.refreshAll().get();
        PlugState.Unplugged found = assertInstanceOf(PlugState.Unplugged.class, restarted.state("rpi2"));
        assertNotNull(found.autoRestoreAt(), "the restore time comes from the Pi's own timer");
        assertTrue(!found.autoRestoreAt().isAfter(clock.instant().plusSeconds(180)), found.toString());

        PI.fireTimer("pirack-deadman-rpi2");
        clock.set(found.autoRestoreAt().plusSeconds(2));
        restarted.refreshDeadManExpired().get();

        assertEquals(PlugState.PLUGGED, restarted.state("rpi2"));
        assertEquals(List.of(PlugActionEvent.Action.FOUND_RESTORED),
                events.stream().map(PlugActionEvent::action).filter(a -> a != PlugActionEvent.Action.PULLED).toList());
    }

    @Test
    void aPiPluggedBackByHandIsFoundAtTheNextPollEvenBeforeItsRestoreTime() throws Exception {
        PI.installUnit("kubelet", true);
        PlugController controller = controller(PI.trustingShell());
        controller.pull("rpi2").get();
        controller.refreshDeadManExpired().get();
        assertInstanceOf(PlugState.Unplugged.class, controller.state("rpi2"));

        PI.installUnit("kubelet", true);
        clock.set(clock.instant().plus(PlugController.POLL_UNPLUGGED));
        controller.refreshDeadManExpired().get();
        assertEquals(PlugState.PLUGGED, controller.state("rpi2"));
    }
}
