package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.probe.LinkMonitor;
import io.pirack.sim.RackUnderTest;
import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import io.pirack.ui.Styles;
import io.pirack.frames.FramePublisher;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The drawn rack on the rehearsal rack, headless: the failover story as the audience sees it. */
class RackViewRehearsalTest {

    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(60);

    private RackUnderTest t;
    private LinkMonitor links;
    private FramePublisher publisher;
    private RackView view;
    private final AtomicReference<RackSpec> spec = new AtomicReference<>();
    private final AtomicReference<RackSpec> reordered = new AtomicReference<>();
    private BiConsumer<String, Boolean> power;

    @BeforeEach
    void start() throws Exception {
        t = new RackUnderTest(4, SimTimings.demoTuned(), 4.0);
        spec.set(t.rack.spec());
        links = new LinkMonitor(t.rack.clock());
        power = links::report;
        t.rack.addPowerListener(power);
        t.rack.spec().slots().forEach(s -> links.report(s.hostname(), t.rack.isPowered(s.hostname())));
        publisher = new FramePublisher(t.store, links, spec::get, Map::of, Platform::runLater);
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            view = new RackView(rehearsalPlugs(), moved -> {
                reordered.set(moved);
                spec.set(moved);
            });
            Scene scene = new Scene(view, 1280, 800);
            scene.getStylesheets().add(RackView.class.getResource(Styles.STYLESHEET).toExternalForm());
            stage.setScene(scene);
            stage.show();
            view.bind(publisher);
        });
    }

    private PlugActions rehearsalPlugs() {
        return new PlugActions() {
            @Override
            public void pull(String node) {
                t.rack.unplug(node);
            }

            @Override
            public void restore(String node) {
                t.rack.plugIn(node);
            }

            @Override
            public boolean canPull(String node) {
                return t.rack.isPowered(node);
            }

            @Override
            public boolean isPulled(String node) {
                return !t.rack.isPowered(node);
            }
        };
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        t.rack.removePowerListener(power);
        links.close();
        t.close();
        FxToolkit.cleanupStages();
    }

    private static boolean has(Node node, PseudoClass state) {
        return node != null && node.getPseudoClassStates().contains(state);
    }

    private static void waitUntil(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(REAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /** Ready tiles of the demo Deployment per layer, read from the scene graph. */
    private long readyHelloTiles(String host) throws Exception {
        return onFx(() -> view.layerNode(host).podPane().getChildrenUnmodifiable().stream()
                .filter(n -> n instanceof Label && String.valueOf(n.getUserData()).startsWith(SimWorkload.DEMO_NAMESPACE + "/" + SimWorkload.DEMO_DEPLOYMENT + "-"))
                .filter(n -> has(n, Styles.READY) && n.getOpacity() > 0).count());
    }

    @Test
    void unpluggedWorkerGoesDarkAtOnceThenNotReadyAndItsPodsMoveThenRecovers() throws Exception {
        ClusterSnapshot steady = t.awaitSteadyDemo(REAL_TIMEOUT);
        String victim = RackUnderTest.pods(steady, SimWorkload.DEMO_DEPLOYMENT).stream().map(PodInfo::nodeName)
                .filter(n -> !"rpi1".equals(n)).findFirst().orElseThrow();
        List<String> victimsPods = RackUnderTest.pods(steady, SimWorkload.DEMO_DEPLOYMENT).stream()
                .filter(p -> victim.equals(p.nodeName())).map(PodInfo::key).toList();
        waitUntil("the rack to show the steady demo", () -> onFx(() -> has(view.layerNode(victim).linkLed(), Styles.ON)
                && has(view.layerNode(victim).stateLabel(), Styles.READY)
                && victimsPods.stream().allMatch(k -> has(view.layerNode(victim).tile(k), Styles.READY))));
        waitUntil("a heartbeat flash on " + victim, () -> onFx(() -> has(view.layerNode(victim).heartbeatLed(), Styles.ON)));

        onFx(() -> {
            view.layerNode(victim).plugButton().fire();
            return null;
        });
        // The probe LED needs no Kubernetes: dark within a couple of frames, long before NotReady.
        WaitForAsyncUtils.waitFor(2, TimeUnit.SECONDS, () -> onFx(() -> has(view.layerNode(victim).linkLed(), Styles.UNPLUGGED)));
        assertTrue(onFx(() -> has(view.layerNode(victim).stateLabel(), Styles.READY)), "Kubernetes has not noticed yet");
        assertEquals("Plug back in", onFx(() -> view.layerNode(victim).plugButton().getText()));

        waitUntil("the heartbeat LED to stop", () -> onFx(() -> has(view.layerNode(victim).heartbeatLed(), Styles.STOPPED)));
        waitUntil(victim + " NotReady on the rack", () -> onFx(() -> has(view.layerNode(victim).stateLabel(), Styles.NOT_READY)));
        assertTrue(onFx(() -> view.layerNode(victim).stateLabel().getText()).contains("NotReady"), "a word, not just a colour");

        waitUntil("the victim's pods to move to other Pis", () -> {
            long elsewhere = 0;
            for (PiSlot slot : t.rack.spec().slots()) {
                if (!slot.hostname().equals(victim)) {
                    elsewhere += readyHelloTiles(slot.hostname());
                }
            }
            return elsewhere == 6;
        });
        assertTrue(onFx(() -> victimsPods.stream().allMatch(k -> view.layerNode(victim).tile(k) == null
                || has(view.layerNode(victim).tile(k), Styles.TERMINATING))), "old pods show Terminating or are gone");

        onFx(() -> {
            view.layerNode(victim).plugButton().fire();
            return null;
        });
        waitUntil(victim + " back", () -> onFx(() -> has(view.layerNode(victim).linkLed(), Styles.ON)
                && has(view.layerNode(victim).stateLabel(), Styles.READY)
                && !has(view.layerNode(victim).heartbeatLed(), Styles.STOPPED)));
        assertEquals("Pull the plug", onFx(() -> view.layerNode(victim).plugButton().getText()));
        assertFalse(onFx(() -> has(view.layerNode(victim), Styles.UNPLUGGED)));
    }

    @Test
    void movingALayerHandsTheReorderedSpecToTheAppAndTheRackFollows() throws Exception {
        waitUntil("four layers", () -> onFx(() -> view.layerOrder().size() == 4));
        onFx(() -> {
            view.moveLayer(0, 2);
            return null;
        });
        assertEquals(List.of("rpi2", "rpi3", "rpi1", "rpi4"), reordered.get().slots().stream().map(PiSlot::hostname).toList());
        waitUntil("the rack to follow", () -> onFx(() -> view.layerOrder().equals(List.of("rpi2", "rpi3", "rpi1", "rpi4"))
                && view.layerNode("rpi1").getLayoutY() > view.layerNode("rpi3").getLayoutY()));
    }
}
