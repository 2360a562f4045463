package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.testing.ClusterFixtures;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.RackViewModel.PodKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The compact grid for big racks: tiles drawn on one canvas per Pi, still telling each pod's truth. */
class RackViewGridTest {

    private Stage stage;
    private RackView view;

    @BeforeEach
    void start() throws Exception {
        view = RackViewStage.open(false);
        stage = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    /** {@code pis} Ready Pis with three web pods each; rpi2 also runs one Failed pod. */
    private static RackFrame rack(int pis) {
        RackSpec spec = RackSpec.rehearsal(pis);
        List<NodeInfo> nodes = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>();
        spec.slots().forEach(slot -> {
            nodes.add(ClusterFixtures.readyNode(slot.hostname()));
            for (int i = 0; i < 3; i++) {
                pods.add(ClusterFixtures.readyPod("web-" + slot.hostname() + "-" + i, slot.hostname(), "web"));
            }
        });
        pods.add(ClusterFixtures.pod("batch-1", "rpi2", PodPhase.FAILED, false, false, OwnerKind.JOB, "batch"));
        ClusterSnapshot s = ClusterFixtures.snapshot(ClusterFixtures.LIVE, nodes, pods, List.of(), List.of());
        return ClusterFixtures.frame(spec, s, ClusterFixtures.T0);
    }

    private void show(RackFrame frame) throws Exception {
        RackViewStage.show(view, frame);
    }

    /** The colour of the canvas a little inside the top-left corner of the tile drawn for {@code podKey}. */
    private Color tileFill(String host, String podKey) throws Exception {
        return onFx(() -> {
            LayerNode layer = view.layerNode(host);
            Canvas canvas = (Canvas) layer.podPane().getChildrenUnmodifiable().get(0);
            Bounds tile = canvas.sceneToLocal(layer.shownTileSceneBounds(podKey));
            WritableImage image = canvas.snapshot(null, null);
            return image.getPixelReader().getColor((int) (tile.getMinX() + tile.getWidth() * 0.3),
                    (int) (tile.getMinY() + tile.getHeight() * 0.3));
        });
    }

    private static void assertClose(Color expected, Color actual, String what) {
        double distance = Math.abs(expected.getRed() - actual.getRed()) + Math.abs(expected.getGreen() - actual.getGreen())
                + Math.abs(expected.getBlue() - actual.getBlue());
        assertTrue(distance < 0.15, what + ": expected " + expected + " but the canvas shows " + actual);
    }

    @Test
    void aFortyPiRackDrawsTilesOnCanvasesInsteadOfThousandsOfNodesAndLosesNoPod() throws Exception {
        RackFrame frame = rack(40);
        show(frame);
        assertTrue(onFx(() -> view.layerOrder().stream().allMatch(h -> view.layerNode(h).drawsTiles())), "every card draws its tiles");
        assertTrue(onFx(() -> view.lookupAll("." + Styles.POD_TILE).isEmpty()), "no tile nodes in the grid");
        Map<String, String> expected = frame.cluster().pods().values().stream()
                .collect(Collectors.toMap(PodInfo::key, PodInfo::nodeName));
        assertEquals(expected, onFx(view::podsShown), "every pod is on its card");
        assertEquals("4 pods: 3 Ready, 1 Failed", onFx(() -> view.layerNode("rpi2").podPane().getChildrenUnmodifiable().get(0)
                .getAccessibleText()), "screen readers hear what the card shows");
    }

    /**
     * Prism repaints a parent's whole bounds once more than 12 of its children changed in a frame: with
     * 100 cards in one pane, a frame that turned a dozen heartbeat LEDs repainted the whole grid (issue
     * 20). The cards sit ten to a group; moving a Pi moves no card to another parent, and the groups let
     * the pointer through to the cards under them.
     */
    @Test
    void aHundredPiGridKeepsTenCardsToAParentAndTheGroupsLetThePointerThrough() throws Exception {
        show(rack(100));
        Map<javafx.scene.Parent, Long> cardsPerParent = onFx(() -> view.layerOrder().stream()
                .collect(Collectors.groupingBy(h -> view.layerNode(h).getParent(), Collectors.counting())));
        assertEquals(10, cardsPerParent.size(), "ten groups");
        assertTrue(cardsPerParent.values().stream().allMatch(n -> n <= RackView.CARDS_PER_GROUP), cardsPerParent.values().toString());
        javafx.scene.Parent before = onFx(() -> view.layerNode("rpi1").getParent());
        onFx(() -> {
            view.moveLayer(0, 99);
            view.applyCss();
            view.layout();
            return null;
        });
        assertEquals(before, onFx(() -> view.layerNode("rpi1").getParent()), "rpi1 kept its group");
        assertTrue(onFx(() -> view.layerNode("rpi1").getLayoutY() > view.layerNode("rpi100").getLayoutY() - 1
                && view.layerNode("rpi1").getLayoutX() > view.layerNode("rpi100").getLayoutX()), "and moved to the last place");
        javafx.geometry.Point2D centre = onFx(() -> {
            Bounds b = view.layerNode("rpi95").localToScreen(view.layerNode("rpi95").getLayoutBounds());
            return new javafx.geometry.Point2D(b.getCenterX(), b.getCenterY());
        });
        new org.testfx.api.FxRobot().moveTo(centre);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> onFx(() -> view.layerNode("rpi95").isHover()));
    }

    @Test
    void drawnTilesShowTheAppColourAndTheirStateAndAnswerClicks() throws Exception {
        show(rack(40));
        assertClose(cssAppColour(LedStates.appColour("web")), tileFill("rpi3", "demo/web-rpi3-0"), "a Ready web pod");
        assertClose(Color.web("#ff4d4f"), tileFill("rpi2", "demo/batch-1"), "a Failed pod is red");
        String clicked = onFx(() -> {
            LayerNode layer = view.layerNode("rpi2");
            Canvas canvas = (Canvas) layer.podPane().getChildrenUnmodifiable().get(0);
            Bounds tile = canvas.sceneToLocal(layer.shownTileSceneBounds("demo/batch-1"));
            return layer.drawnPodAt(tile.getCenterX(), tile.getCenterY());
        });
        assertEquals("demo/batch-1", clicked, "a click on a drawn tile finds its pod");
        assertNull(onFx(() -> view.layerNode("rpi2").drawnPodAt(-5, -5)), "a click beside the tiles finds none");
    }

    @Test
    void drawnTilesGrowInAndFadeOutLikeTileNodes() throws Exception {
        RackView animated = onFx(() -> {
            RackView v = new RackView(PlugActions.NONE, spec -> { });
            stage.getScene().setRoot(v);
            return v;
        });
        RackFrame before = rack(40);
        onFx(() -> {
            animated.show(before);
            animated.applyCss();
            animated.layout();
            return null;
        });
        assertFalse(onFx(() -> animated.layerNode("rpi5").animatingTiles()), "the first frame appears in place");
        java.util.List<PodInfo> pods = new ArrayList<>(before.cluster().pods().values());
        pods.removeIf(p -> p.name().equals("web-rpi6-0"));
        pods.add(ClusterFixtures.readyPod("api-1", "rpi5", "api"));
        RackFrame after = ClusterFixtures.frame(before.spec(), ClusterFixtures.snapshot(ClusterFixtures.LIVE,
                List.copyOf(before.cluster().nodes().values()), pods, List.of(), List.of()), ClusterFixtures.T0.plusSeconds(1));
        // Read in the same FX task as the frame, so no pulse can finish an animation in between.
        List<Boolean> animating = onFx(() -> {
            animated.show(after);
            return List.of(animated.layerNode("rpi5").animatingTiles(), animated.layerNode("rpi6").animatingTiles(),
                    animated.layerNode("rpi7").animatingTiles());
        });
        assertTrue(animating.get(0), "the new pod's tile grows in");
        assertTrue(animating.get(1), "the deleted pod's tile fades out");
        assertFalse(animating.get(2), "untouched cards stay still");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> !animated.layerNode("rpi5").animatingTiles()
                && !animated.layerNode("rpi6").animatingTiles()));
        assertEquals("demo/api-1", onFx(() -> animated.podsShown().entrySet().stream()
                .filter(e -> e.getValue().equals("rpi5") && e.getKey().contains("api")).findFirst().orElseThrow().getKey()));
    }

    @Test
    void theBlinkStopsWhenTheWindowClosesSoAClosedViewIsNotKeptAlive() throws Exception {
        RackView animated = onFx(() -> {
            RackView v = new RackView(PlugActions.NONE, spec -> { });
            stage.setScene(new Scene(v, 800, 600));
            v.show(withPending(2));
            return v;
        });
        assertTrue(onFx(animated::blinking), "Pending pods blink while the window is on screen");
        onFx(() -> {
            stage.hide();
            return null;
        });
        assertFalse(onFx(animated::blinking), "a hidden window's tiles do not blink");
        onFx(() -> {
            animated.show(withPending(4));
            return null;
        });
        assertEquals(List.of("rpi1", "rpi2"), onFx(animated::layerOrder), "a hidden window does no work for frames");
        onFx(() -> {
            stage.show();
            return null;
        });
        assertTrue(onFx(animated::blinking), "and blinks again when the window is back");
        assertEquals(List.of("rpi1", "rpi2", "rpi3", "rpi4"), onFx(animated::layerOrder), "showing the newest frame at once");
    }

    /** {@link #rack} with a Pending pod on rpi1 as well. */
    private static RackFrame withPending(int pis) {
        RackFrame base = rack(pis);
        List<PodInfo> pods = new ArrayList<>(base.cluster().pods().values());
        pods.add(ClusterFixtures.pod("batch-2", "rpi1", PodPhase.PENDING, false, false, OwnerKind.JOB, "batch"));
        ClusterSnapshot s = ClusterFixtures.snapshot(ClusterFixtures.LIVE, List.copyOf(base.cluster().nodes().values()), pods,
                List.of(), List.of());
        return ClusterFixtures.frame(base.spec(), s, ClusterFixtures.T0);
    }

    /** The colour pirack.css gives {@code .app-colour-N}. */
    private static Color cssAppColour(int slot) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\.app-colour-" + slot + " \\{ -pod-colour: (#[0-9a-fA-F]{6}); }")
                .matcher(stylesheet());
        assertTrue(m.find(), "pirack.css has .app-colour-" + slot);
        return Color.web(m.group(1));
    }

    private static String stylesheet() throws Exception {
        return new String(RackView.class.getResourceAsStream(Styles.STYLESHEET).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void drawnTilesTakeEveryColourFromTheStylesheet() throws Exception {
        TilePalette palette = onFx(() -> TilePalette.of(view.getScene()));
        for (int slot = 0; slot < LedStates.APP_COLOURS; slot++) {
            assertEquals(cssAppColour(slot), palette.look(slot, PodKind.WORKLOAD, PodLed.READY).fill(), ".app-colour-" + slot);
            assertEquals(cssAppColour(slot), palette.look(slot, PodKind.WORKLOAD, PodLed.PENDING).border(), "Pending is outlined in its app colour");
        }
        assertEquals(Color.web("#ff4d4f"), palette.look(0, PodKind.WORKLOAD, PodLed.FAILED).fill(), "Failed: -pirack-led-down");
        assertEquals(Color.web("#8a8f98"), palette.look(0, PodKind.WORKLOAD, PodLed.UNKNOWN).fill(), "Unknown: -pirack-led-unknown");
        assertTrue(palette.look(0, PodKind.WORKLOAD, PodLed.UNKNOWN).dashed(), "Unknown has a dashed border, not only a colour");
        assertEquals(0.5, palette.look(3, PodKind.WORKLOAD, PodLed.SUCCEEDED).opacity(), 1e-9);
        assertEquals(0.8, palette.look(3, PodKind.DAEMON_SET, PodLed.READY).opacity(), 1e-9, "system pods are quieter");
    }

    @Test
    void aChangedStylesheetRecoloursTheDrawnTiles() throws Exception {
        String override = "data:text/css;base64," + java.util.Base64.getEncoder().encodeToString(
                ".root { -pirack-led-down: #123456; }".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TilePalette palette = onFx(() -> {
            Scene scene = new Scene(new javafx.scene.layout.Pane());
            scene.getStylesheets().setAll(RackView.class.getResource(Styles.STYLESHEET).toExternalForm(), override);
            return TilePalette.of(scene);
        });
        assertEquals(Color.web("#123456"), palette.look(0, PodKind.WORKLOAD, PodLed.FAILED).fill(),
                "one looked-up colour in the CSS is the only place to change it");
    }

    @Test
    void aSmallRackInTheSameWindowGoesBackToTileNodes() throws Exception {
        show(rack(40));
        show(rack(4));
        assertFalse(onFx(() -> view.layerNode("rpi2").drawsTiles()), "four Pis are a stack again");
        assertEquals(4, (int) onFx(() -> view.layerNode("rpi2").podPane().getChildrenUnmodifiable().size()),
                "one tile node per pod on rpi2");
        assertTrue(onFx(() -> view.lookup("#pod-demo-batch-1") != null), "tiles can be looked up by pod");
    }

    @Test
    void whileTheApiCannotBeReachedEveryChipSaysUnknownInFullWords() throws Exception {
        RackSpec spec = RackSpec.rehearsal(4);
        List<NodeInfo> nodes = spec.slots().stream().map(slot -> ClusterFixtures.readyNode(slot.hostname())).toList();
        ClusterSnapshot down = ClusterFixtures.snapshot(new io.pirack.core.cluster.ApiStatus.Connecting(ClusterFixtures.T0),
                nodes, List.of(), List.of(), List.of());
        show(ClusterFixtures.frame(spec, down, ClusterFixtures.T0));
        for (var slot : spec.slots()) {
            javafx.scene.control.Label chip = onFx(() -> view.layerNode(slot.hostname()).stateLabel());
            assertEquals("… unknown", onFx(chip::getText), slot.hostname() + "'s chip: the API's state heads the rack");
            assertTrue(onFx(() -> chip.getWidth() >= chip.prefWidth(-1) - 0.5),
                    slot.hostname() + "'s chip is laid out whole, not elided: " + onFx(chip::getWidth) + " < " + onFx(() -> chip.prefWidth(-1)));
        }
    }
}
