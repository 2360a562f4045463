package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.Styles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Issue 20's quiet idle, structurally (no timing): a settled rack runs no animation, the Pending
 * blink runs only while a Pending pod is shown, and each Pi's heartbeat LED lights on that Pi's own
 * Lease renewal, with its word beside it.
 */
class RackViewIdleTest {

    private static final Instant NOW = ClusterFixtures.T0;

    private RackView view;

    @BeforeEach
    void start() throws Exception {
        view = RackViewStage.open(true);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** Four Ready Pis with two web pods each; rpi1 renewed its Lease at {@code rpi1Renewed}, the others 1 s before NOW. */
    private static RackFrame rack(Instant rpi1Renewed, PodInfo... extra) {
        RackSpec spec = RackSpec.rehearsal(4);
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>(List.of(extra));
        List<LeaseInfo> leases = new ArrayList<>();
        spec.slots().forEach(slot -> {
            nodes.add(ClusterFixtures.readyNode(slot.hostname()));
            pods.add(ClusterFixtures.readyPod("web-" + slot.hostname() + "-a", slot.hostname(), "web"));
            pods.add(ClusterFixtures.readyPod("web-" + slot.hostname() + "-b", slot.hostname(), "web"));
            leases.add(ClusterFixtures.lease(slot.hostname(), slot.hostname().equals("rpi1") ? rpi1Renewed : NOW.minusSeconds(1)));
        });
        return ClusterFixtures.frame(spec, ClusterFixtures.snapshot(ClusterFixtures.LIVE, nodes, pods, leases, List.of()), NOW);
    }

    private void show(RackFrame frame) throws Exception {
        RackViewStage.show(view, frame);
    }

    @Test
    void aSettledRackRunsNoAnimationAndAPendingPodBlinksOnlyWhileItIsPending() throws Exception {
        show(rack(NOW.minusSeconds(1)));
        assertFalse(onFx(view::blinking), "nothing Pending: no animation, so no 60 Hz pulses");

        PodInfo pending = ClusterFixtures.pod("batch-1", "rpi2", PodPhase.PENDING, false, false, OwnerKind.JOB, "batch");
        show(rack(NOW.minusSeconds(1), pending));
        assertTrue(onFx(view::blinking), "a Pending pod blinks");

        PodInfo running = ClusterFixtures.pod("batch-1", "rpi2", PodPhase.RUNNING, true, false, OwnerKind.JOB, "batch");
        show(rack(NOW.minusSeconds(1), running));
        assertFalse(onFx(view::blinking), "the blink stops with the last Pending pod");
    }

    @Test
    void eachHeartbeatLedLightsOnItsOwnPisRenewalAndKeepsItsWord() throws Exception {
        show(rack(NOW.minusMillis(100)));
        assertTrue(lit("rpi1"), "rpi1 renewed 100 ms ago: lit");
        assertFalse(lit("rpi2"), "rpi2 renewed 1 s ago: dark between its beats");
        assertEquals("BEAT", onFx(() -> view.layerNode("rpi1").beatCaption().getText()), "the LED has its word, not colour alone");

        show(rack(NOW.minusMillis(500)));
        assertFalse(lit("rpi1"), "the flash is short: dark again 400 ms after the renewal");
        assertFalse(onFx(view::blinking));
    }

    private boolean lit(String host) throws Exception {
        return onFx(() -> view.layerNode(host).heartbeatLed().getPseudoClassStates().contains(Styles.ON));
    }
}
