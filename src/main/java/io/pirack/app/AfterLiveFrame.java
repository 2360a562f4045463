package io.pirack.app;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackFrame;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Tells when a pulse has laid out the window's first frame with the API live and every Pi known
 * ({@link StartupMarks#allPisLive}): the app's start holds the rehearsal rack's own kubelets and controllers
 * until then (issue 20, {@link EarlyStart#RACK_AFTER_LIVE}).
 */
final class AfterLiveFrame {

    private AfterLiveFrame() {
    }

    /** Completes {@code laidOut} after the layout of the first live frame {@code frames} delivers. FX thread. */
    static void install(Scene scene, FrameSource frames, CompletableFuture<Void> laidOut) {
        frames.subscribe(new Consumer<>() {
            private boolean seen;

            @Override
            public void accept(RackFrame frame) {
                if (seen || !StartupMarks.allPisLive(frame)) {
                    return;
                }
                seen = true;
                Consumer<RackFrame> self = this;
                Runnable[] once = new Runnable[1];
                once[0] = () -> {
                    laidOut.complete(null);
                    // Not from inside the fan-out's or the scene's own loop over its listeners.
                    Platform.runLater(() -> {
                        frames.unsubscribe(self);
                        scene.removePostLayoutPulseListener(once[0]);
                    });
                };
                scene.addPostLayoutPulseListener(once[0]);
                // A frame that changes nothing on screen asks for no pulse.
                Platform.requestNextPulse();
            }
        });
    }
}
