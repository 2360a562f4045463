package io.pirack.app;

import static io.pirack.testing.Fx.onFx;
import static io.pirack.testing.Fx.runOnFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import io.pirack.frames.FrameFanOut;
import io.pirack.testing.ClusterFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The startup bench's marks (issue 20): the skeleton mark after the first frame's pulse, the live
 * mark once — after the pulse of the first frame with the API live and every Pi of the rack known —
 * even when that frame changes nothing on screen (no pulse of its own). Times from an injected clock.
 */
class StartupMarksTest {

    private static final RackSpec RACK = RackSpec.rehearsal(4);

    /** Frames handed to the marks by the test, as ShownFrames hands them to the screens. */
    private static final class Frames extends FrameFanOut {
        void send(RackFrame frame) {
            deliver(frame);
        }

        @Override
        public void signal() {
        }
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong(1000);
    private final AtomicInteger pulses = new AtomicInteger();
    private final Frames frames = new Frames();
    /** Completed by {@link AfterLiveFrame} on the same scene: what releases the rehearsal rack's controllers. */
    private final java.util.concurrent.CompletableFuture<Void> liveLaidOut = new java.util.concurrent.CompletableFuture<>();

    @BeforeEach
    void showAQuietWindow() throws Exception {
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(stage -> {
            // Nothing in this scene changes with a frame: only the marks can ask for a pulse.
            Scene scene = new Scene(new Label("rack"), 400, 300);
            scene.addPostLayoutPulseListener(pulses::incrementAndGet);
            stage.setScene(scene);
            stage.show();
            StartupMarks.install(scene, frames, new PrintStream(printed, true, StandardCharsets.UTF_8), clock::get);
            AfterLiveFrame.install(scene, frames, liveLaidOut);
        });
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void skeletonThenLiveOnceEveryPiIsKnownAndTheApiLive() throws Exception {
        send(frame(new ApiStatus.Connecting(ClusterFixtures.T0), List.of()));
        awaitMark("skeleton");
        clock.set(2000);
        send(frame(ClusterFixtures.LIVE, List.of("rpi1", "rpi2", "rpi3")));
        send(frame(new ApiStatus.Connecting(ClusterFixtures.T0), List.of("rpi1", "rpi2", "rpi3", "rpi4")));
        twoPulses();
        assertThat(marks()).containsExactly("skeleton 1000");

        clock.set(3000);
        send(frame(ClusterFixtures.LIVE, List.of("rpi1", "rpi2", "rpi3", "rpi4")));
        awaitMark("live");
        clock.set(4000);
        send(frame(new ApiStatus.Reconnecting(ClusterFixtures.T0, "watch closed"), List.of("rpi1", "rpi2", "rpi3", "rpi4")));
        twoPulses();

        assertThat(marks()).containsExactly("skeleton 1000", "live 3000");
    }

    @Test
    void theRacksHoldIsReleasedOnlyAfterTheFirstLiveFramesPulse() throws Exception {
        send(frame(new ApiStatus.Connecting(ClusterFixtures.T0), List.of("rpi1", "rpi2", "rpi3", "rpi4")));
        send(frame(ClusterFixtures.LIVE, List.of("rpi1", "rpi2", "rpi3")));
        twoPulses();
        assertThat(liveLaidOut).isNotDone();

        send(frame(ClusterFixtures.LIVE, List.of("rpi1", "rpi2", "rpi3", "rpi4")));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, liveLaidOut::isDone);
        awaitMark("live");
    }

    @Test
    void aReconnectingApiCountsAsLive() throws Exception {
        send(frame(new ApiStatus.Reconnecting(ClusterFixtures.T0, "watch closed"), List.of("rpi1", "rpi2", "rpi3", "rpi4")));

        awaitMark("live");
    }

    @Test
    void aRackWithNoNodeYetIsNotLive() throws Exception {
        RackFrame emptyRack = ClusterFixtures.frame(RackSpec.empty(), snapshot(ClusterFixtures.LIVE, List.of()), ClusterFixtures.T0);
        RackFrame oneNode = ClusterFixtures.frame(RackSpec.empty(), snapshot(ClusterFixtures.LIVE, List.of("pi-a")), ClusterFixtures.T0);

        assertThat(StartupMarks.allPisLive(emptyRack)).isFalse();
        assertThat(StartupMarks.allPisLive(oneNode)).isTrue();
    }

    private static RackFrame frame(ApiStatus api, List<String> nodes) {
        return ClusterFixtures.frame(RACK, snapshot(api, nodes), ClusterFixtures.T0);
    }

    private static ClusterSnapshot snapshot(ApiStatus api, List<String> nodes) {
        List<NodeInfo> infos = nodes.stream().map(ClusterFixtures::readyNode).toList();
        return ClusterFixtures.snapshot(api, infos, List.of(), List.of(), List.of());
    }

    private void send(RackFrame frame) throws Exception {
        runOnFx(() -> frames.send(frame));
    }

    /** Waits until two more pulses ran, so whatever a delivered frame made due has been printed. */
    private void twoPulses() throws Exception {
        int before = onFx(pulses::get);
        for (int i = 0; i < 2; i++) {
            int target = before + i + 1;
            runOnFx(Platform::requestNextPulse);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> pulses.get() >= target);
        }
    }

    private void awaitMark(String name) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> marks().stream().anyMatch(m -> m.startsWith(name + " ")));
    }

    /** The marks printed after the first line (the JVM's and {@code start()}'s times). */
    private List<String> marks() {
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith(StartupMarks.MARK + "jvm ").contains(" fx-start 1000");
        return lines.stream().skip(1).map(l -> l.substring(StartupMarks.MARK.length())).toList();
    }
}
