package io.pirack.app;

import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;

/**
 * A part of the window built only after the pulse that first laid the window out (issue 20): the skeleton
 * of the rack shows first, and what is below it — the tables, with their skins, virtual flows and headers —
 * is created and styled in the pulse after. Nothing the user can do changes: the part is there a pulse later.
 */
final class AfterFirstPulse {

    private AfterFirstPulse() {
    }

    /** An empty place that holds {@code content} once a pulse has laid out the scene it was added to. FX thread. */
    static StackPane place(Supplier<? extends Node> content) {
        StackPane place = new StackPane();
        place.sceneProperty().addListener(new ChangeListener<Scene>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Scene> o, Scene was, Scene scene) {
                if (scene == null) {
                    return;
                }
                place.sceneProperty().removeListener(this);
                // After this pulse has rendered, not inside it.
                NextLayout.run(scene, () -> Platform.runLater(() -> {
                    if (place.getChildren().isEmpty()) {
                        place.getChildren().setAll(content.get());
                    }
                }));
            }
        });
        return place;
    }
}
