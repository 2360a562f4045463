package io.pirack.ui.rack;

import static io.pirack.testing.Fx.onFx;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.ui.rack.RackViewModel.RackModel;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The rack's header line keeps every word on screen in a narrow rack: it wraps, never runs off the edge. */
class RackHeaderTest {

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void aNarrowRackWrapsItsHeaderSoTheCountsAndTheFilterStayWholeAndApart() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        RackHeader header = onFx(RackHeader::new);
        onFx(() -> {
            Pane root = new Pane(header);
            header.setManaged(false); // placed by hand, as RackView does: its width, its preferred height
            stage.setScene(new Scene(root, 640, 200));
            stage.show();
            header.show(new RackModel("Rehearsal rack (demo-tuned, Kubernetes 1.34)", "API unreachable since 11:23:45", false,
                    "4 Pis · Ready unknown · 15 pods (15 ready)", null, List.of(), List.of()));
            root.applyCss();
            header.resize(620, header.prefHeight(620));
            header.layout();
            return null;
        });
        List<Node> parts = onFx(() -> List.copyOf(header.getChildrenUnmodifiable()));
        for (Node part : parts) {
            Bounds b = onFx(part::getBoundsInParent);
            String what = onFx(() -> part instanceof Labeled l ? l.getText() : part.toString());
            assertTrue(b.getMinX() >= 0 && b.getMaxX() <= 620 && b.getMaxY() <= onFx(header::getHeight) + 0.5,
                    "“" + what + "” inside the 620 px header: " + b);
            assertTrue(onFx(() -> part.getLayoutBounds().getWidth() >= part.prefWidth(-1) - 0.5), "“" + what + "” whole, not elided");
            for (Node other : parts) {
                if (other != part) {
                    Bounds o = onFx(other::getBoundsInParent);
                    assertTrue(!b.intersects(o), "“" + what + "” apart from " + other + ": " + b + " / " + o);
                }
            }
        }
    }
}
