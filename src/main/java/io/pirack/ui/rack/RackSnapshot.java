package io.pirack.ui.rack;

import io.pirack.core.rack.RackFrame;
import io.pirack.ui.Styles;
import java.awt.image.BufferedImage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;

/**
 * Renders the rack view offscreen: no window, no display. The JavaFX toolkit is started on
 * Monocle's headless platform with software rendering unless it is already running (tests).
 */
public final class RackSnapshot {

    private RackSnapshot() {
    }

    /** Starts JavaFX headless unless it is already running; must run before any other JavaFX use. */
    public static void startHeadlessToolkit() throws InterruptedException {
        setIfAbsent("glass.platform", "Monocle");
        setIfAbsent("monocle.platform", "Headless");
        setIfAbsent("prism.order", "sw");
        setIfAbsent("java.awt.headless", "true");
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX toolkit did not start within 30 s");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /**
     * Renders one frame at the given size on the FX thread and returns it as an AWT image; {@code plugs}
     * only decides how the plug buttons look (nothing can be pressed in a picture).
     */
    public static BufferedImage render(RackFrame frame, int width, int height, boolean hideSystemPods, PlugActions plugs)
            throws InterruptedException, TimeoutException {
        CompletableFuture<BufferedImage> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(renderOnFxThread(frame, width, height, hideSystemPods, plugs));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("rendering failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    static BufferedImage renderOnFxThread(RackFrame frame, int width, int height, boolean hideSystemPods, PlugActions plugs) {
        RackView view = new RackView(plugs, spec -> { });
        view.setAnimated(false);
        view.setHideSystemPods(hideSystemPods);
        view.show(frame);
        Scene scene = new Scene(view, width, height);
        scene.getStylesheets().add(RackSnapshot.class.getResource(Styles.STYLESHEET).toExternalForm());
        view.resize(width, height);
        // Twice: the first layout tells each layer how many tiles fit, which may add tiles.
        for (int pass = 0; pass < 2; pass++) {
            view.applyCss();
            view.layout();
        }
        WritableImage image = scene.snapshot(new WritableImage(width, height));
        return SwingFXUtils.fromFXImage(image, new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB));
    }
}
