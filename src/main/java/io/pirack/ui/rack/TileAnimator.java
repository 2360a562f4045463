package io.pirack.ui.rack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * One timer for every grid card whose drawn tiles are growing in or fading out, and for the grid's
 * travelling ghosts; it runs only while there are some.
 */
final class TileAnimator {

    /** Something else the grid moves in the same steps (a travelling ghost). */
    interface Stepper {
        /**
         * One step at time {@code now} ({@link System#nanoTime()}'s clock).
         *
         * @return whether it still moves
         */
        boolean step(long now);
    }

    /** Where the steps come from: a timer that calls {@code step} on the FX thread every {@code periodNanos}. */
    interface StepTimer {
        /** Starts calling {@code step}; the returned handle stops it (and may be run more than once). FX thread. */
        Runnable every(long periodNanos, Runnable step);
    }

    /** Grid cards animating their drawn tiles at once, at most. */
    static final int MAX_ANIMATING_CARDS = 12;
    /**
     * The drawn tiles move in steps of this many nanoseconds (15 a second), every card on the same
     * pulse: a 100-Pi grid under churn otherwise repainted some card, and so rendered the window, on
     * every 60 Hz pulse (23.6 renders per node change at 100 nodes, issue 20). A grow still shows five
     * steps, a fade ten.
     */
    static final long STEP_NANOS = 1_000_000_000L / 15;

    /**
     * The app's steps: a timer thread posts each one to the FX thread, at most one waiting at a time. Not a
     * JavaFX {@code AnimationTimer}: a running animation makes JavaFX pulse at its full rate (120 Hz on Linux),
     * each pulse a pass over the whole scene, to move something on one pulse in eight. A step now asks for the
     * one pulse that draws it: under churn at 100 Pis the app ran 38 % fewer pulses for the same renders (1,269
     * against 2,053 over 40 changes, issue 20, session 16; its FX thread's CPU stayed at 16.5 % of a core — the
     * pulses that found nothing to do were cheap, the frames and renders are the work).
     */
    static final StepTimer FX_STEPS = new StepTimer() {
        private ScheduledExecutorService thread;

        @Override
        public Runnable every(long periodNanos, Runnable step) {
            if (thread == null) {
                // Its own named daemon thread: the ui packages do not reach io.pirack.concurrent (ArchitectureTest).
                thread = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "grid-animation-steps");
                    t.setDaemon(true);
                    return t;
                });
            }
            AtomicBoolean waiting = new AtomicBoolean();
            ScheduledFuture<?> timer = thread.scheduleAtFixedRate(() -> {
                if (waiting.compareAndSet(false, true)) {
                    Platform.runLater(() -> {
                        waiting.set(false);
                        step.run();
                    });
                }
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            return () -> timer.cancel(false);
        }
    };

    private final Set<TileCanvas> animatingCards = new LinkedHashSet<>();
    private final List<Stepper> steppers = new ArrayList<>();
    private final StepTimer timer;
    /** Stops the running timer; null while none runs. */
    private Runnable stopTimer;

    TileAnimator() {
        this(FX_STEPS);
    }

    /** An animator on the given steps (tests pass a timer they run by hand). */
    TileAnimator(StepTimer timer) {
        this.timer = timer;
    }

    /**
     * One step at {@code now}: every card and ghost moves. The timer calls it; tests may too.
     *
     * @return whether anything still moves
     */
    boolean step(long now) {
        animatingCards.removeIf(card -> !card.animate(now));
        steppers.removeIf(s -> !s.step(now));
        return moving();
    }

    private boolean moving() {
        return !animatingCards.isEmpty() || !steppers.isEmpty();
    }

    private void start() {
        if (stopTimer == null) {
            stopTimer = timer.every(STEP_NANOS, this::timed);
        }
    }

    /** A step from the timer: each is a step (the timer keeps the pace); the last one stops it. */
    private void timed() {
        if (stopTimer != null && !step(System.nanoTime())) {
            stopTimer.run();
            stopTimer = null;
        }
    }

    /**
     * A grid card has drawn tiles to animate. Under heavy churn (more than
     * {@link #MAX_ANIMATING_CARDS} cards at once) tiles just appear and vanish: repainting every
     * card on every step would cost more than the motion is worth. FX thread.
     *
     * @return whether the card may animate
     */
    boolean animate(TileCanvas card) {
        if (!animatingCards.contains(card) && animatingCards.size() >= MAX_ANIMATING_CARDS) {
            return false;
        }
        if (animatingCards.add(card)) {
            start();
        }
        return true;
    }

    /** Moves {@code stepper} on the grid's animation steps until it says it is done. FX thread. */
    void step(Stepper stepper) {
        steppers.add(stepper);
        start();
    }
}
