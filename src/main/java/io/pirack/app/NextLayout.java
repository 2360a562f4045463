package io.pirack.app;

import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Runs something once, on the FX thread, right after the next pulse has laid a scene out (its post-layout
 * pulse listener): the start's marks and holds (issue 20) wait for what the window really shows, not for when
 * the frame reached the FX thread.
 */
final class NextLayout {

    private NextLayout() {
    }

    /** Runs {@code action} once after the next layout of {@code scene}. FX thread. */
    static void run(Scene scene, Runnable action) {
        Runnable[] once = new Runnable[1];
        boolean[] done = {false};
        once[0] = () -> {
            if (done[0]) {
                return;
            }
            done[0] = true;
            action.run();
            // Not from inside the scene's own loop over its listeners.
            Platform.runLater(() -> scene.removePostLayoutPulseListener(once[0]));
        };
        scene.addPostLayoutPulseListener(once[0]);
        // A frame that changes nothing on screen asks for no pulse: the action must not wait for the next change.
        Platform.requestNextPulse();
    }
}
