package io.pirack.ui.rack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javafx.animation.AnimationTimer;

/**
 * One timer for every grid card whose drawn tiles are growing in or fading out, and for the grid's
 * travelling ghosts; it runs only while there are some.
 */
final class TileAnimator {

    /** Something else the grid moves in the same steps (a travelling ghost). */
    interface Stepper {
        /**
         * One step at pulse time {@code now}.
         *
         * @return whether it still moves
         */
        boolean step(long now);
    }

    /** Grid cards animating their drawn tiles at once, at most. */
    static final int MAX_ANIMATING_CARDS = 12;
    /**
     * The drawn tiles move in steps of this many nanoseconds (15 a second), every card on the same
     * pulse: a 100-Pi grid under churn otherwise repainted some card, and so rendered the window, on
     * every 60 Hz pulse (23.6 renders per node change at 100 nodes, issue 20). A grow still shows five
     * steps, a fade ten; the pulses in between find nothing to draw.
     */
    static final long STEP_NANOS = 1_000_000_000L / 15;

    private final Set<TileCanvas> animatingCards = new LinkedHashSet<>();
    private final List<Stepper> steppers = new ArrayList<>();
    private long lastStep = Long.MIN_VALUE;
    /** Null when a test drives the pulses by hand ({@link #byHand}). */
    private final AnimationTimer timer;

    TileAnimator() {
        this(true);
    }

    private TileAnimator(boolean onPulses) {
        timer = !onPulses ? null : new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (!pulse(now)) {
                    stop();
                }
            }
        };
    }

    /** An animator whose pulses come only from {@link #pulse} (tests). */
    static TileAnimator byHand() {
        return new TileAnimator(false);
    }

    /**
     * One pulse at {@code now}: on a step's first pulse every card and ghost moves.
     *
     * @return whether anything still moves
     */
    boolean pulse(long now) {
        if (steps(now)) {
            animatingCards.removeIf(card -> !card.animate(now));
            steppers.removeIf(s -> !s.step(now));
        }
        return !animatingCards.isEmpty() || !steppers.isEmpty();
    }

    private void start() {
        if (timer != null) {
            timer.start();
        }
    }

    /** Whether the pulse at {@code now} starts a new animation step (the first pulse always does). */
    boolean steps(long now) {
        long step = Math.floorDiv(now, STEP_NANOS);
        if (step == lastStep) {
            return false;
        }
        lastStep = step;
        return true;
    }

    /**
     * A grid card has drawn tiles to animate. Under heavy churn (more than
     * {@link #MAX_ANIMATING_CARDS} cards at once) tiles just appear and vanish: repainting every
     * card on every pulse would cost more than the motion is worth. FX thread.
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
