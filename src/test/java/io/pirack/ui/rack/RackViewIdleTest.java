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
 * blink steps with the frames' heartbeat tick only while a Pending pod is shown, and each Pi's heartbeat LED lights on that Pi's own
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

    /** Four Ready Pis with two web pods each; rpi1 renewed its Lease at {@code rpi1Renewed}, the others 1.5 s before NOW. */
    private static RackFrame rack(Instant rpi1Renewed, PodInfo... extra) {
        return rack(rpi1Renewed, NOW, extra);
    }

    private static RackFrame rack(Instant rpi1Renewed, Instant now, PodInfo... extra) {
        RackSpec spec = RackSpec.rehearsal(4);
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>(List.of(extra));
        List<LeaseInfo> leases = new ArrayList<>();
        spec.slots().forEach(slot -> {
            nodes.add(ClusterFixtures.readyNode(slot.hostname()));
            pods.add(ClusterFixtures.readyPod("web-" + slot.hostname() + "-a", slot.hostname(), "web"));
            pods.add(ClusterFixtures.readyPod("web-" + slot.hostname() + "-b", slot.hostname(), "web"));
            leases.add(ClusterFixtures.lease(slot.hostname(), slot.hostname().equals("rpi1") ? rpi1Renewed : NOW.minusMillis(1500)));
        });
        return ClusterFixtures.frame(spec, ClusterFixtures.snapshot(ClusterFixtures.LIVE, nodes, pods, leases, List.of()), now);
    }

    private void show(RackFrame frame) throws Exception {
        RackViewStage.show(view, frame);
    }

    @Test
    void aSettledRackRunsNoAnimationAndAPendingPodBlinksOnlyWhileItIsPending() throws Exception {
        show(rack(NOW.minusSeconds(1)));
        assertFalse(onFx(view::blinking), "nothing Pending: nothing blinks");

        PodInfo pending = ClusterFixtures.pod("batch-1", "rpi2", PodPhase.PENDING, false, false, OwnerKind.JOB, "batch");
        show(rack(NOW.minusSeconds(1), pending));
        assertTrue(onFx(view::blinking), "a Pending pod blinks");

        PodInfo running = ClusterFixtures.pod("batch-1", "rpi2", PodPhase.RUNNING, true, false, OwnerKind.JOB, "batch");
        show(rack(NOW.minusSeconds(1), running));
        assertFalse(onFx(view::blinking), "the blink stops with the last Pending pod");
    }

    /**
     * The blink steps with the heartbeat tick, in the frame that steps the LEDs (issue 20): one redraw a
     * second for everything periodic, and no animation making JavaFX pulse at its full rate meanwhile.
     */
    @Test
    void aPendingTileBlinksWithTheFramesHeartbeatTickNotWithAnAnimation() throws Exception {
        PodInfo pending = ClusterFixtures.pod("batch-1", "rpi2", PodPhase.PENDING, false, false, OwnerKind.JOB, "batch");
        show(rack(NOW.minusSeconds(1), NOW, pending));
        assertEquals(1.0, pendingOpacity(), "full in an even second (NOW is a whole minute)");
        show(rack(NOW.minusSeconds(1), NOW.plusMillis(900), pending));
        assertEquals(1.0, pendingOpacity(), "a frame inside the tick leaves the blink alone");
        show(rack(NOW.minusSeconds(1), NOW.plusSeconds(1), pending));
        assertEquals(0.25, pendingOpacity(), "dim in the next tick");
        show(rack(NOW.minusSeconds(1), NOW.plusSeconds(2), pending));
        assertEquals(1.0, pendingOpacity(), "full again in the one after");
        show(rack(NOW.minusSeconds(1), NOW.plusSeconds(3)));
        assertFalse(onFx(view::blinking), "no Pending pod, no blink");
    }

    private double pendingOpacity() throws Exception {
        return onFx(() -> {
            LayerNode layer = view.layerNode("rpi2");
            String key = layer.shownPodKeys().stream().filter(k -> k.contains("batch-1")).findFirst().orElseThrow();
            return layer.tile(key).getOpacity();
        });
    }

    @Test
    void eachHeartbeatLedLightsForTheTickAfterItsOwnPisRenewalAndKeepsItsWord() throws Exception {
        show(rack(NOW.minusMillis(100)));
        assertTrue(lit("rpi1"), "rpi1 renewed in the tick that just ended: lit");
        assertFalse(lit("rpi2"), "rpi2 renewed 1.5 s ago: dark between its beats");
        assertEquals("BEAT", onFx(() -> view.layerNode("rpi1").beatCaption().getText()), "the LED has its word, not colour alone");

        show(rack(NOW.minusMillis(100), NOW.plusMillis(999)));
        assertTrue(lit("rpi1"), "lit for the whole tick");
        show(rack(NOW.minusMillis(100), NOW.plusSeconds(1)));
        assertFalse(lit("rpi1"), "dark again on the next tick");
        assertFalse(onFx(view::blinking));
    }

    /**
     * The heart of quiet idle: the frames a settled rack keeps receiving — the next tick's, or one
     * carrying a Lease renewal that the next tick will show — change nothing on screen, so they mark
     * no node dirty and JavaFX has nothing to render.
     */
    @Test
    void aSettledRackMarksNoNodeDirtyForAFrameThatChangesNothingVisible() throws Exception {
        show(rack(NOW.minusMillis(1500)));
        settle();
        assertEquals(List.of(), touchedBy(rack(NOW.minusMillis(1500), NOW.plusSeconds(1))), "the next tick's frame");
        assertEquals(List.of(), touchedBy(rack(NOW.plusMillis(1200), NOW.plusMillis(1300))),
                "a renewal inside the tick, until the tick shows it");
        List<String> tick = touchedBy(rack(NOW.plusMillis(1200), NOW.plusSeconds(2)));
        assertFalse(tick.isEmpty(), "the tick after the renewal lights the LED (the check can fail)");
    }

    /**
     * Lets a few pulses sync the scene (waiting on pulses, not on time), so "dirty" below means dirtied
     * by the frame under test. Nodes JavaFX never syncs (hidden tiles) stay dirty; their looks are compared.
     */
    private void settle() throws Exception {
        for (int i = 0; i < 3; i++) {
            onFx(() -> {
                javafx.application.Platform.requestNextPulse();
                return null;
            });
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** The nodes {@code frame} marks dirty or changes in words, style or layout, in one FX turn as a pulse would see them. */
    private List<String> touchedBy(RackFrame frame) throws Exception {
        return onFx(() -> {
            List<String> before = looks(view);
            List<javafx.scene.Node> wasDirty = dirty(view);
            view.show(frame);
            view.applyCss();
            view.layout();
            List<String> touched = new ArrayList<>();
            dirty(view).stream().filter(n -> !wasDirty.contains(n)).forEach(n -> touched.add("dirty: " + n));
            List<String> after = looks(view);
            for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
                String b = i < before.size() ? before.get(i) : null;
                String a = i < after.size() ? after.get(i) : null;
                if (!java.util.Objects.equals(a, b)) {
                    touched.add(b + " -> " + a);
                }
            }
            return touched;
        });
    }

    private static List<javafx.scene.Node> dirty(javafx.scene.Node root) {
        List<javafx.scene.Node> dirty = new ArrayList<>();
        walk(root, n -> {
            if (!com.sun.javafx.scene.NodeHelper.isDirtyEmpty(n) || n instanceof javafx.scene.Parent p && p.isNeedsLayout()) {
                dirty.add(n);
            }
        });
        return dirty;
    }

    /** What each node shows: its words, style, pseudo-classes, visibility and place. */
    private static List<String> looks(javafx.scene.Node root) {
        List<String> looks = new ArrayList<>();
        walk(root, n -> looks.add(n.getClass().getSimpleName() + " " + n.getId() + " "
                + (n instanceof javafx.scene.control.Labeled l ? "'" + l.getText() + "' " : "")
                + n.getStyle() + " " + new java.util.TreeSet<>(n.getPseudoClassStates().stream().map(Object::toString).toList())
                + " visible=" + n.isVisible() + " opacity=" + n.getOpacity() + " " + n.getBoundsInParent()));
        return looks;
    }

    private static void walk(javafx.scene.Node node, java.util.function.Consumer<javafx.scene.Node> each) {
        each.accept(node);
        if (node instanceof javafx.scene.Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> walk(child, each));
        }
    }

    private boolean lit(String host) throws Exception {
        return onFx(() -> view.layerNode(host).heartbeatLed().getPseudoClassStates().contains(Styles.ON));
    }
}
