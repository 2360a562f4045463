package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;

import io.pirack.core.rack.RackFrame;
import io.pirack.ui.Styles;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;

/** A drawn rack on TestFX's stage, 1280×800 with the app's stylesheet, for the rack view tests. */
final class RackViewStage {

    private RackViewStage() {
    }

    /** Shows a new rack view (animated or not) on the registered stage and returns it. */
    static RackView open(boolean animated) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        RackView[] view = new RackView[1];
        FxToolkit.setupStage(s -> {
            view[0] = new RackView(PlugActions.NONE, spec -> { });
            view[0].setAnimated(animated);
            Scene scene = new Scene(view[0], 1280, 800);
            scene.getStylesheets().add(RackView.class.getResource(Styles.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
        });
        return view[0];
    }

    /** Hands {@code frame} to {@code view} and lets it style and lay itself out, as a pulse would. */
    static void show(RackView view, RackFrame frame) throws Exception {
        onFx(() -> {
            view.show(frame);
            view.applyCss();
            view.layout();
            return null;
        });
    }
}
