package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.RackSpec;
import io.pirack.sim.RackUnderTest;
import io.pirack.sim.SimTimings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The rehearsal strategy end to end: the controller pulls a simulated plug and Kubernetes notices. */
class SimulatedPowerStrategyTest {

    @Test
    void pullingARehearsalPlugStopsTheNodeAndRestoringBringsItBack() throws Exception {
        try (RackUnderTest t = new RackUnderTest(3, SimTimings.demoTuned(), 5)) {
            t.awaitSteadyDemo(Duration.ofSeconds(180));
            RackSpec spec = t.rack.spec();
            List<PlugActionEvent> actions = new ArrayList<>();
            PlugController controller = new PlugController(() -> spec,
                    List.of(new SimulatedPowerStrategy(t.rack, () -> Duration.ofMinutes(3))), Runnable::run, t.rack.clock(),
                    new PlugListener() {
                        @Override
                        public void plugStateChanged(String node, PlugState state) {
                        }

                        @Override
                        public void plugAction(PlugActionEvent event) {
                            actions.add(event);
                        }
                    });

            PlugState pulled = controller.pull("rpi3").get(10, TimeUnit.SECONDS);
            assertTrue(pulled.isUnplugged());
            assertFalse(t.rack.isPowered("rpi3"));
            assertTrue(t.rack.deadManArmed("rpi3"), "a dead-man restore is armed before the plug is pulled");
            t.await("rpi3 NotReady", Duration.ofSeconds(30),
                    s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.UNKNOWN).orElse(false));

            controller.restore("rpi3").get(10, TimeUnit.SECONDS);
            assertTrue(t.rack.isPowered("rpi3"));
            assertFalse(t.rack.deadManArmed("rpi3"), "a normal restore cancels the dead-man switch");
            t.await("rpi3 Ready again", Duration.ofSeconds(30),
                    s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.TRUE).orElse(false));
            assertEquals(List.of(PlugActionEvent.Action.PULLED, PlugActionEvent.Action.RESTORED),
                    actions.stream().map(PlugActionEvent::action).toList());
        }
    }

    @Test
    void theDeadManSwitchRestoresPowerByItself() throws Exception {
        try (RackUnderTest t = new RackUnderTest(2, SimTimings.demoTuned(), 20)) {
            SimulatedPowerStrategy strategy = new SimulatedPowerStrategy(t.rack, () -> Duration.ofSeconds(30));
            List<Boolean> power = new ArrayList<>();
            java.util.concurrent.CountDownLatch back = new java.util.concurrent.CountDownLatch(1);
            t.rack.addPowerListener((node, on) -> {
                power.add(on);
                if (on) {
                    back.countDown();
                }
            });
            strategy.pull(t.rack.spec().slot("rpi2").orElseThrow());
            assertTrue(back.await(20, TimeUnit.SECONDS), "power returns after 30 simulated seconds");
            assertEquals(List.of(false, true), power);
            assertFalse(strategy.status(t.rack.spec().slot("rpi2").orElseThrow()).unplugged());
        }
    }
}
