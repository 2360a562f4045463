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
                NextLayout.run(scene, () -> {
                    laidOut.complete(null);
                    // Not from inside the fan-out's loop over its subscribers.
                    Platform.runLater(() -> frames.unsubscribe(self));
                });
            }
        });
    }
}
