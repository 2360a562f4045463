package io.pirack.ui.rack;

import java.util.LinkedHashSet;
import java.util.Set;
import javafx.animation.AnimationTimer;

/** One timer for every grid card whose drawn tiles are growing in or fading out; it runs only while there are some. */
final class TileAnimator {

    /** Grid cards animating their drawn tiles at once, at most. */
    static final int MAX_ANIMATING_CARDS = 12;

    private final Set<TileCanvas> animatingCards = new LinkedHashSet<>();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            animatingCards.removeIf(card -> !card.animate(now));
            if (animatingCards.isEmpty()) {
                stop();
            }
        }
    };

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
            timer.start();
        }
        return true;
    }
}
