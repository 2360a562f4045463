package io.pirack.app;

import io.pirack.core.rack.RackFrame;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * Feeds a screen's view model from the shown frames only while one of the screen's views is on a
 * showing window (issue 20, quiet idle: a screen nobody sees costs nothing per frame — no timeline
 * correlation, no list rebuilds). A view that comes on screen is fed the newest frame at once, before
 * it is drawn, so it never shows what was true when it was last seen. FX thread only.
 */
final class OnScreenFeed {

    private final ShownFrames frames;
    private final Consumer<RackFrame> feed;
    private int viewsOnScreen;

    /** @param feed what one frame costs the screen; runs only while a view is on screen */
    OnScreenFeed(ShownFrames frames, Consumer<RackFrame> feed) {
        this(frames, feed, () -> false);
    }

    /** The same, and also while {@code unseenToo} says the model has work of its own in progress. */
    OnScreenFeed(ShownFrames frames, Consumer<RackFrame> feed, BooleanSupplier unseenToo) {
        this.frames = frames;
        this.feed = feed;
        frames.subscribe(frame -> {
            if (viewsOnScreen > 0 || unseenToo.getAsBoolean()) {
                feed.accept(frame);
            }
        });
    }

    /** Feeds the model while {@code view} is in a scene of a showing window; returns {@code view}. */
    <N extends Node> N whileShown(N view) {
        ObservableValue<Boolean> onScreen = view.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty).orElse(false);
        // Held by the view itself: the chain lives as long as the view (a closed audience window's goes with it).
        view.getProperties().put(this, onScreen);
        onScreen.addListener((o, was, now) -> changed(now));
        if (onScreen.getValue()) {
            changed(true);
        }
        return view;
    }

    private void changed(boolean shown) {
        viewsOnScreen += shown ? 1 : -1;
        RackFrame newest = frames.lastFrame();
        if (shown && viewsOnScreen == 1 && newest != null) {
            feed.accept(newest);
        }
    }
}
