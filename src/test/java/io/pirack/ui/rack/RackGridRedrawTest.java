package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.testing.ClusterFixtures;
import io.pirack.ui.Styles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * A 100-Pi rack under change (issue 20): a frame costs what changed. A card is redrawn only when its
 * own tiles changed, and a card keeps out of the scene what it does not show, so JavaFX's per-pulse
 * walk over the scene is not paying for hidden captions and buttons on a hundred cards.
 */
class RackGridRedrawTest {

    private RackView view;

    @BeforeEach
    void start() throws Exception {
        view = RackViewStage.open(false);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** {@code pis} Pis with three web pods each; {@code nodeChange} may alter a node, {@code extra} adds pods. */
    private static RackFrame rack(int pis, UnaryOperator<NodeInfo> nodeChange, List<PodInfo> extra) {
        RackSpec spec = RackSpec.rehearsal(pis);
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>(extra);
        spec.slots().forEach(slot -> {
            nodes.add(nodeChange.apply(ClusterFixtures.readyNode(slot.hostname())));
            for (int i = 0; i < 3; i++) {
                pods.add(ClusterFixtures.readyPod("web-" + slot.hostname() + "-" + i, slot.hostname(), "web"));
            }
        });
        ClusterSnapshot s = ClusterFixtures.snapshot(ClusterFixtures.LIVE, nodes, pods, List.of(), List.of());
        return ClusterFixtures.frame(spec, s, ClusterFixtures.T0);
    }

    private Map<String, Long> paints() throws Exception {
        return onFx(() -> {
            Map<String, Long> paints = new HashMap<>();
            view.layerOrder().forEach(h -> paints.put(h, view.layerNode(h).tileCanvas().paints()));
            return paints;
        });
    }

    @Test
    void aCardIsRedrawnOnlyWhenItsOwnTilesChangedNotWhenItsNodeOrAnotherCardChanged() throws Exception {
        RackViewStage.show(view, rack(100, n -> n, List.of()));
        Map<String, Long> before = paints();
        assertTrue(before.values().stream().allMatch(p -> p >= 1), "every card drew its tiles once shown");

        RackFrame next = rack(100,
                n -> n.name().equals("rpi5")
                        ? ClusterFixtures.node("rpi5", NodeRole.WORKER, ConditionStatus.FALSE, false, List.of()) : n,
                List.of(ClusterFixtures.readyPod("web-new", "rpi7", "web")));
        RackViewStage.show(view, next);
        Map<String, Long> after = paints();

        assertTrue(onFx(() -> view.layerNode("rpi5").stateLabel().getText()).contains("NotReady"),
                "the Pi that went NotReady says so on its chip");
        assertEquals(List.of("demo/web-new", "demo/web-rpi7-0", "demo/web-rpi7-1", "demo/web-rpi7-2"),
                onFx(() -> view.layerNode("rpi7").shownPodKeys()), "the new pod is on its card");
        assertEquals(before.get("rpi7") + 1, after.get("rpi7"), "the card with a new pod is drawn once");
        assertEquals(before.get("rpi5"), after.get("rpi5"), "a chip change (and the card's layout for it) keeps the tiles' pixels");
        List<String> redrawn = new ArrayList<>();
        before.forEach((host, paints) -> {
            if (!host.equals("rpi7") && !paints.equals(after.get(host))) {
                redrawn.add(host);
            }
        });
        assertEquals(List.of(), redrawn, "no other card was redrawn");
    }

    @Test
    void aGridCardKeepsOutOfTheSceneWhatItDoesNotShowAndABoardGetsItBack() throws Exception {
        RackViewStage.show(view, rack(100, n -> n, List.of()));
        List<String> hidden = onFx(() -> {
            List<String> found = new ArrayList<>();
            view.layerOrder().forEach(h -> hiddenIn(view.layerNode(h), found));
            return found;
        });
        assertEquals(0, hidden.size(), "no hidden caption, button or words on the 100 cards, found " + hidden.size() + ": "
                + hidden.subList(0, Math.min(5, hidden.size())));

        RackViewStage.show(view, rack(4, n -> n, List.of()));
        LayerNode board = onFx(() -> view.layerNode("rpi2"));
        assertEquals("BEAT ?", onFx(() -> board.beatCaption().getText()));
        assertTrue(onFx(() -> board.beatCaption().getScene() != null && board.beatCaption().isVisible()),
                "a board in the stack shows its LED words again");
        assertTrue(onFx(() -> board.plugButton().getScene() != null && board.plugButton().isVisible()), "and its plug button");
    }

    @Test
    void aGridAsksForThePlugStateOnlyOfChangedCardsAndABoardShowsThePlugStateOfNow() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        Set<String> pulled = ConcurrentHashMap.newKeySet();
        PlugActions plugs = PlugActions.lookOnly(node -> asked.incrementAndGet() > 0, node -> {
            asked.incrementAndGet();
            return pulled.contains(node);
        });
        FxToolkit.setupStage(stage -> {
            view = new RackView(plugs, spec -> { });
            view.setAnimated(false);
            javafx.scene.Scene scene = new javafx.scene.Scene(view, 1280, 800);
            scene.getStylesheets().add(RackView.class.getResource(io.pirack.ui.Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
        });
        RackViewStage.show(view, rack(100, n -> n, List.of()));
        int before = asked.get();
        RackViewStage.show(view, rack(100, n -> n, List.of(ClusterFixtures.readyPod("web-new", "rpi7", "web"))));
        assertTrue(asked.get() - before <= 2, "only the changed card asked for its plug state (" + (asked.get() - before) + " questions for 100 cards)");

        pulled.add("rpi2");
        RackViewStage.show(view, rack(4, n -> n, List.of()));
        assertEquals("Plug back in", onFx(() -> view.layerNode("rpi2").plugButton().getText()),
                "rpi2, pulled while it was a card, offers to be plugged back in as a board");
        assertEquals("Pull the plug", onFx(() -> view.layerNode("rpi3").plugButton().getText()));
    }

    /**
     * Under pod churn most of the grid lies in a dirty region on most pulses, and the software renderer
     * rasterizes a transparent fill like a visible one: a card's shade, which darkens only an unplugged
     * Pi, paints nothing at rest, and still darkens the card when its Pi is unplugged.
     */
    @Test
    void aCardsShadePaintsNothingAtRestAndDarkensAnUnpluggedPi() throws Exception {
        RackViewStage.show(view, rack(100, n -> n, List.of()));
        Region shade = onFx(() -> (Region) view.layerNode("rpi3").lookup("." + Styles.LAYER_SHADE));
        assertTrue(onFx(() -> shade.getBackground() == null || shade.getBackground().isEmpty()),
                "a shade at rest has no fill, not even a transparent one");
        onFx(() -> {
            view.layerNode("rpi3").pseudoClassStateChanged(Styles.UNPLUGGED, true);
            view.applyCss();
            return null;
        });
        Color dark = onFx(() -> (Color) shade.getBackground().getFills().get(0).getFill());
        assertTrue(dark.getOpacity() > 0.5 && dark.getBrightness() == 0, "an unplugged Pi's card is shaded dark: " + dark);
    }

    private static void hiddenIn(Node node, List<String> found) {
        if (!node.isVisible()) {
            found.add(node.getParent().getId() + ": " + node.getTypeSelector() + " " + node.getStyleClass());
            return;
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(child -> hiddenIn(child, found));
        }
    }
}
