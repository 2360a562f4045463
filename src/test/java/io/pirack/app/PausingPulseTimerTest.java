package io.pirack.app;

import static io.pirack.testing.Fx.onFx;
import static io.pirack.testing.Fx.runOnFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20, CPU at rest: with nothing to draw the pulse timer sleeps for good, and whatever wants a frame (a changed
 * label, a running animation) still gets its pulses. Under Monocle the tests put the pausing timer over Monocle's own
 * (which, like GTK's, never pauses); the app puts it over GTK's only.
 */
@ExtendWith(ApplicationExtension.class)
class PausingPulseTimerTest {

    private Label label;
    private Scene scene;
    private PausingPulseTimer timer;

    @Start
    void start(Stage stage) {
        label = new Label("rpi1 Ready");
        scene = new Scene(new StackPane(label), 400, 200);
        stage.setScene(scene);
        stage.show();
    }

    /**
     * The timer as the app installs it but with a safety tick of an hour: a change must be drawn because the timer
     * woke for it, not because its once-a-second guard came round (which would hide a lost wake-up).
     */
    private void install() throws Exception {
        install(TimeUnit.HOURS.toNanos(1));
    }

    private void install(long safetyTickNanos) throws Exception {
        timer = onFx(() -> PausingPulseTimer.install(name -> true, safetyTickNanos)).orElseThrow();
    }

    @AfterEach
    void restore() throws Exception {
        if (timer == null) {
            return;
        }
        runOnFx(() -> {
            try {
                timer.restore();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aQuietSceneStopsTheTimerAndAChangeIsStillDrawn() throws Exception {
        install();
        waitUntilParked();

        CountDownLatch pulsed = new CountDownLatch(1);
        runOnFx(() -> {
            scene.addPostLayoutPulseListener(pulsed::countDown);
            label.setText("rpi1 NotReady");
        });
        assertTrue(pulsed.await(10, TimeUnit.SECONDS), "a change while the timer slept got no pulse");
        assertEquals("rpi1 NotReady", onFx(() -> ((Label) scene.lookup(".label")).getText()));

        waitUntilParked(); // and it goes back to sleep once the change is drawn
    }

    @Test
    void aRunningAnimationKeepsThePulsesComing() throws Exception {
        install();
        waitUntilParked();
        CountDownLatch pulses = new CountDownLatch(20);
        Timeline blink = onFx(() -> {
            Timeline t = new Timeline(new KeyFrame(Duration.millis(50), e -> label.setOpacity(1.2 - label.getOpacity())));
            t.setCycleCount(Animation.INDEFINITE);
            scene.addPostLayoutPulseListener(pulses::countDown);
            t.play();
            return t;
        });
        assertTrue(pulses.await(10, TimeUnit.SECONDS), "an animation stopped getting pulses: " + pulses.getCount() + " missing");
        assertFalse(timer.isAsleep(), "the timer slept through a running animation");

        runOnFx(blink::stop);
        waitUntilParked();
    }

    /**
     * The race that froze nothing yet but could have: after each render Quantum runs its tick on the render thread
     * too, and there it may flag "idle" (pauseRequested, even a pause) a moment after a pulse was requested. A change
     * made during a pulse, with that stale flag set, must still be drawn by the next pulse.
     */
    @Test
    void aChangeDuringAPulseIsDrawnEvenIfQuantumWasToldItIsIdle() throws Exception {
        install();
        waitUntilParked();
        java.lang.reflect.Method pauseTimer = com.sun.javafx.tk.Toolkit.getToolkit().getClass().getDeclaredMethod("pauseTimer");
        pauseTimer.setAccessible(true);
        java.util.concurrent.atomic.AtomicInteger pulses = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger changedIn = new java.util.concurrent.atomic.AtomicInteger(-1);
        CountDownLatch drawnLater = new CountDownLatch(1);
        runOnFx(() -> scene.addPostLayoutPulseListener(() -> {
            int pulse = pulses.incrementAndGet();
            if (changedIn.get() < 0 && "rpi1 Ready again".equals(label.getText())) {
                // Laid out: now change it again after this pulse's layout, so only a later pulse can lay it out.
                changedIn.set(pulse);
                label.setText("rpi1 cordoned");
                try {
                    pauseTimer.invoke(com.sun.javafx.tk.Toolkit.getToolkit()); // as the render thread's tick may
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                long ticked = timer.ticks();
                long until = System.nanoTime() + 2_000_000_000L;
                while (timer.ticks() < ticked + 2 && System.nanoTime() < until) {
                    Thread.onSpinWait(); // the timer decides while this pulse still runs
                }
            } else if (changedIn.get() >= 0 && pulse > changedIn.get()) {
                drawnLater.countDown();
            }
        }));
        runOnFx(() -> label.setText("rpi1 Ready again"));
        assertTrue(drawnLater.await(10, TimeUnit.SECONDS), "a change made during a pulse never got its pulse");
    }

    /** The last guard: asleep with nothing wanted, the timer still ticks once per safety tick. */
    @Test
    void aSleepingTimerStillTicksOncePerSafetyTick() throws Exception {
        install(TimeUnit.MILLISECONDS.toNanos(50));
        waitUntilParked();
        long ticks = timer.ticks();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> timer.ticks() >= ticks + 3);
    }

    @Test
    void theAppReplacesOnlyGtksTimer() throws Exception {
        Optional<PausingPulseTimer> overMonocle = onFx(PausingPulseTimer::installOverGtkTimer);
        assertTrue(overMonocle.isEmpty(), "Monocle's timer is not GTK's: nothing to replace");
        CountDownLatch pulsed = new CountDownLatch(1);
        runOnFx(() -> {
            scene.addPostLayoutPulseListener(pulsed::countDown);
            label.setText("rpi2 Ready");
        });
        assertTrue(pulsed.await(10, TimeUnit.SECONDS), "the toolkit's own timer no longer pulses");
    }

    private void waitUntilParked() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, timer::isAsleep);
    }
}
