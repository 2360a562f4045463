package io.pirack.ui.rack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The grid's animation steps come from a timer that runs only while something moves, at 15 steps a second, and
 * not from JavaFX's pulses: a running JavaFX animation would make every pulse (120 a second on Linux) walk the
 * whole 100-card scene while a ghost is in flight (issue 20). Driven by a timer run by hand.
 */
class TileAnimatorTest {

    /** The timer, by hand: records what was started and stopped; {@link #fire} is one tick on the FX thread. */
    private static final class HandTimer implements TileAnimator.StepTimer {
        final List<Long> periods = new ArrayList<>();
        Runnable step;
        int stops;

        @Override
        public Runnable every(long periodNanos, Runnable step) {
            periods.add(periodNanos);
            this.step = step;
            return () -> {
                stops++;
                this.step = null;
            };
        }

        boolean running() {
            return step != null;
        }

        void fire() {
            step.run();
        }
    }

    /** A ghost that moves {@code moves} steps, then lands. */
    private static final class Ghost implements TileAnimator.Stepper {
        private final int moves;
        int steps;

        Ghost(int moves) {
            this.moves = moves;
        }

        @Override
        public boolean step(long now) {
            steps++;
            return steps < moves;
        }
    }

    private final HandTimer timer = new HandTimer();
    private final TileAnimator animator = new TileAnimator(timer);

    @Test
    void aTravellingGhostStartsOneTimerOfFifteenStepsASecondThatStopsWhenTheLastGhostLands() {
        assertFalse(timer.running(), "nothing moves, no timer");
        Ghost first = new Ghost(3);
        Ghost second = new Ghost(5);
        animator.step(first);
        animator.step(second);
        assertEquals(List.of(TileAnimator.STEP_NANOS), timer.periods, "one timer for both ghosts, 15 steps a second");
        assertEquals(1_000_000_000L / 15, TileAnimator.STEP_NANOS);

        timer.fire();
        assertEquals(1, first.steps);
        assertEquals(1, second.steps, "every ghost moves on the same step");
        for (int i = 0; i < 3; i++) {
            timer.fire();
        }
        assertEquals(3, first.steps, "a ghost that landed moves no more");
        assertTrue(timer.running(), "the other is still in flight");
        timer.fire();
        assertEquals(5, second.steps);
        assertFalse(timer.running(), "the last ghost landed: the timer stopped");
        assertEquals(1, timer.stops);

        animator.step(new Ghost(2));
        assertEquals(2, timer.periods.size(), "the next ghost starts it again");
    }
}
