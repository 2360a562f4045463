package io.pirack.ui.common;

import static io.pirack.testing.Fx.onFx;
import static io.pirack.testing.Fx.runOnFx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20, the 100-Pi tail: a label that joins a shown scene (a rescheduled pod's ghost, a new pod tile, a timeline
 * marker) must not leave the scene root CSS-dirty when its pulse ends. If it does, JavaFX runs one more pulse whose
 * render has no dirty region, and Prism paints the whole window for it (~50 ms in software at 100 Pis).
 * <p>
 * The root's state is read from JavaFX's own {@code Node.cssFlag}, the field {@code Scene} tests at the end of a pulse
 * to ask for that extra one: no public API tells it.
 */
@ExtendWith(ApplicationExtension.class)
class SkinnedLabelsTest {

    private StackPane root;

    @Start
    void start(Stage stage) {
        root = new StackPane(new Label("rpi1 Ready"));
        stage.setScene(new Scene(root, 400, 200));
        stage.show();
    }

    @Test
    void aPlainLabelJoiningAShownSceneLeavesTheRootCssDirty() throws Exception {
        // The JavaFX behaviour SkinnedLabels exists for; if a JavaFX update ends it, this test says so.
        assertEquals("DIRTY_BRANCH", rootCssAfterThePulseThatAdds(() -> new Label("➜")));
    }

    @Test
    void aSkinnedLabelJoiningAShownSceneLeavesTheRootClean() throws Exception {
        assertEquals("CLEAN", rootCssAfterThePulseThatAdds(() -> SkinnedLabels.of("➜")));
    }

    @Test
    void aSkinnedLabelShowsItsTextWithTheScenesStyle() throws Exception {
        Label label = onFx(() -> SkinnedLabels.of("rpi7 NotReady"));
        label.getStyleClass().add("big");
        root.getStylesheets().add("data:text/css,.big { -fx-font-size: 30px; }");
        rootCssAfterThePulseThatAdds(() -> label);
        assertEquals(30.0, onFx(() -> label.getFont().getSize()));
        assertTrue(onFx(() -> label.getWidth() > 100), "laid out to its text");
    }

    /** Adds the label on the FX thread and reads the root's CSS flag once the pulse that took it in is over. */
    private String rootCssAfterThePulseThatAdds(Supplier<Label> label) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("CLEAN", onFx(this::rootCss), "a settled scene to start from");
        AtomicReference<String> after = new AtomicReference<>();
        CountDownLatch read = new CountDownLatch(1);
        runOnFx(() -> {
            Scene scene = root.getScene();
            Runnable[] once = new Runnable[1];
            once[0] = () -> {
                scene.removePostLayoutPulseListener(once[0]);
                // Runs after the whole pulse, where Scene decides whether to ask for another.
                Platform.runLater(() -> {
                    after.set(rootCss());
                    read.countDown();
                });
            };
            scene.addPostLayoutPulseListener(once[0]);
            root.getChildren().add(label.get());
        });
        assertTrue(read.await(10, TimeUnit.SECONDS), "a pulse took the label in");
        return after.get();
    }

    private String rootCss() {
        try {
            Field cssFlag = Node.class.getDeclaredField("cssFlag");
            cssFlag.setAccessible(true);
            return String.valueOf(cssFlag.get(root));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("JavaFX's Node.cssFlag is gone: re-check SkinnedLabels against this JavaFX", e);
        }
    }
}
