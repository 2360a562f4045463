package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.javafx.scene.DirtyBits;
import com.sun.javafx.scene.NodeHelper;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.testing.ClusterFixtures;
import io.pirack.ui.Styles;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20's latency tail, structurally (no timing): after a node changes on a settled Rack screen
 * (the drawn rack over the tables, as in the app), every pulse that makes JavaFX render gives it a
 * dirty region to paint. A pulse whose scene is dirty but whose dirty nodes are all hidden, outside
 * the window or carry no change makes Prism paint the WHOLE window (ViewPainter: "no dirty regions,
 * so just paint everything") — 65–140 ms in software for one changed word.
 */
class RackRepaintTest {

    private static final java.time.Instant NOW = ClusterFixtures.T0;
    /** Dirty bits that by themselves give the render no region (bounds are recomputed, nothing drawn differs). */
    private static final Set<DirtyBits> NO_REGION = EnumSet.of(DirtyBits.NODE_CSS, DirtyBits.NODE_BOUNDS, DirtyBits.NODE_TRANSFORMED_BOUNDS);

    private RackView rack;
    private RackTablesView tablesView;
    private final RackTablesViewModel tables = new RackTablesViewModel();
    private Scene scene;
    /** Per pulse after layout: the pulse's dirty nodes when none of them gives a region, else nothing. */
    private final List<String> pulsesWithoutRegion = new ArrayList<>();
    private int pulsesWithARegion;
    private boolean recording;

    @BeforeEach
    void open() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            rack = new RackView(PlugActions.NONE, spec -> { });
            tablesView = new RackTablesView(tables);
            SplitPane split = new SplitPane(rack, tablesView);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.68);
            scene = new Scene(split, 1280, 800);
            scene.getStylesheets().add(RackView.class.getResource(Styles.STYLESHEET).toExternalForm());
            scene.addPostLayoutPulseListener(this::afterLayout);
            stage.setScene(scene);
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aNodeChangeOnASettledRackGivesEveryRenderADirtyRegion() throws Exception {
        show(rack(false));
        pulses(6);

        recording = true;
        show(rack(true));
        pulses(6);
        show(rack(false));
        pulses(6);

        assertTrue(pulsesWithARegion >= 2, "the cordon and the uncordon were drawn (the check can fail): " + pulsesWithARegion);
        assertEquals(List.of(), pulsesWithoutRegion, "pulses that would repaint the whole window");
    }

    /** Hidden nodes leave the scene rather than hide, so they are checked where they show: in the scene. */
    @Test
    void theOverflowCountIsOnThePiOnlyWhileItsPodsDoNotFit() throws Exception {
        show(rack(false, 300));
        pulses(2);
        List<String> counts = onFx(() -> rack.layerNode("rpi2").lookupAll("." + Styles.POD_OVERFLOW).stream()
                .filter(n -> n.getScene() == scene && shown(n))
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList());
        assertEquals(1, counts.size(), counts.toString());
        assertTrue(counts.get(0).matches("\\+\\d+"), counts.get(0));

        show(rack(false));
        pulses(2);
        assertEquals(0, onFx(() -> rack.layerNode("rpi2").lookupAll("." + Styles.POD_OVERFLOW).size()), "no count once they fit");
    }

    /** Four Ready Pis with two web pods each; rpi4 cordoned or not. */
    private static RackFrame rack(boolean rpi4Cordoned) {
        return rack(rpi4Cordoned, 0);
    }

    /** The same with {@code extraOnRpi2} more pods on rpi2. */
    private static RackFrame rack(boolean rpi4Cordoned, int extraOnRpi2) {
        RackSpec spec = RackSpec.rehearsal(4);
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>();
        List<LeaseInfo> leases = new ArrayList<>();
        spec.slots().forEach(slot -> {
            String host = slot.hostname();
            nodes.add(host.equals("rpi4") && rpi4Cordoned
                    ? ClusterFixtures.node(host, NodeRole.WORKER, ConditionStatus.TRUE, true, List.of())
                    : ClusterFixtures.readyNode(host));
            pods.add(ClusterFixtures.readyPod("web-" + host + "-a", host, "web"));
            pods.add(ClusterFixtures.readyPod("web-" + host + "-b", host, "web"));
            leases.add(ClusterFixtures.lease(host, NOW.minusMillis(1500)));
        });
        for (int i = 0; i < extraOnRpi2; i++) {
            pods.add(ClusterFixtures.readyPod("batch-" + i, "rpi2", "batch"));
        }
        return ClusterFixtures.frame(spec, ClusterFixtures.snapshot(ClusterFixtures.LIVE, nodes, pods, leases, List.of()), NOW);
    }

    /** What the app's frame does: the drawn rack and the tables get the frame, the next pulse draws it. */
    private void show(RackFrame frame) throws Exception {
        onFx(() -> {
            rack.show(frame);
            tables.show(frame);
            return null;
        });
    }

    /** Lets {@code n} pulses run (waiting on the FX thread, not on time). */
    private static void pulses(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            onFx(() -> {
                Platform.requestNextPulse();
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
        }
    }

    /** Reads the scene's dirty list as the sync after this listener will see it (JavaFX internals: test only). */
    private void afterLayout() {
        if (!recording) {
            return;
        }
        List<Node> dirty = dirtyNodes(scene);
        if (dirty.isEmpty()) {
            return;
        }
        if (dirty.stream().anyMatch(this::givesARegion)) {
            pulsesWithARegion++;
        } else {
            pulsesWithoutRegion.add(dirty.stream().map(n -> n.getClass().getSimpleName() + (n.getId() == null ? "" : "#" + n.getId())
                    + (shown(n) ? "" : " (hidden)")).toList().toString());
        }
    }

    private boolean givesARegion(Node n) {
        boolean changed = false;
        for (DirtyBits bit : DirtyBits.values()) {
            changed |= !NO_REGION.contains(bit) && NodeHelper.isDirty(n, bit);
        }
        if (!changed || !shown(n)) {
            return false;
        }
        Bounds b = n.localToScene(n.getBoundsInLocal());
        return b.getWidth() > 0 && b.getHeight() > 0 && b.getMaxX() > 0 && b.getMaxY() > 0
                && b.getMinX() < scene.getWidth() && b.getMinY() < scene.getHeight();
    }

    private static boolean shown(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible() || x.getOpacity() == 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Node> dirtyNodes(Scene scene) {
        try {
            Field nodes = Scene.class.getDeclaredField("dirtyNodes");
            Field size = Scene.class.getDeclaredField("dirtyNodesSize");
            nodes.setAccessible(true);
            size.setAccessible(true);
            Node[] all = (Node[]) nodes.get(scene);
            List<Node> dirty = new ArrayList<>();
            for (int i = 0; all != null && i < size.getInt(scene); i++) {
                if (all[i] != null && all[i].getScene() == scene) {
                    dirty.add(all[i]);
                }
            }
            return dirty;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JavaFX's Scene has no dirty list where this test expects it", e);
        }
    }
}
