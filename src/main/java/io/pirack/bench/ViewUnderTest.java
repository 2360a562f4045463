package io.pirack.bench;

import io.pirack.core.rack.RackFrame;
import io.pirack.ui.Styles;
import io.pirack.ui.rack.PlugActions;
import io.pirack.ui.rack.RackTablesView;
import io.pirack.ui.rack.RackTablesViewModel;
import io.pirack.ui.rack.RackView;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.geometry.Orientation;
import javafx.stage.Stage;

/**
 * The view the benchmarks feed: anything that takes frames on the FX thread. {@code shown} reads
 * back what each part of the view is showing (part → pod key → node) so the scale run can prove
 * nothing was lost in the view itself, not just in the frames it was handed.
 *
 * @param shown read on the FX thread; null if the view cannot be read back
 * @param pulses        times the pulse's CSS + layout of the shown scene; null when nothing is shown
 * @param hide          hides whatever the view showed (run on the FX thread by {@link #close})
 */
public record ViewUnderTest(String name, Consumer<RackFrame> sink, Supplier<Map<String, Map<String, String>>> shown,
                            PulseMeter pulses, Runnable hide, java.util.function.IntSupplier sceneNodes) implements AutoCloseable {

    /** The rack tables view model alone, no scene (the view on main when this harness was written). */
    public static ViewUnderTest rackTables() {
        RackTablesViewModel model = new RackTablesViewModel();
        return new ViewUnderTest("RackTablesViewModel", model::show, () -> Map.of("tables", rows(model)), null, () -> { }, () -> 0);
    }

    /**
     * The rack screen as the operator sees it — the drawn rack over the node and pod tables, in a
     * 1920×1080 window that JavaFX pulses, styles, lays out and renders like any other — with the
     * pulse's CSS + layout time measured by a {@link PulseMeter}. The read-back is what the rack's
     * layers and the pod table show.
     */
    public static ViewUnderTest rackViewAndTables() {
        return rackScreen(true);
    }

    /**
     * The same views in a scene that is never shown: no pulse styles, lays out or renders it, so
     * what remains is the data path up to the views' state on the FX thread — apart from the
     * software renderer this machine has instead of a GPU.
     */
    public static ViewUnderTest rackScreenOffscreen() {
        return rackScreen(false);
    }

    private static ViewUnderTest rackScreen(boolean shown) {
        CompletableFuture<ViewUnderTest> made = new CompletableFuture<>();
        // Each benchmark hides its window; the toolkit must outlive the last one for the next benchmark.
        Platform.setImplicitExit(false);
        Platform.runLater(() -> {
            try {
                RackTablesViewModel tables = new RackTablesViewModel();
                RackView rack = new RackView(PlugActions.NONE, spec -> { });
                SplitPane screen = new SplitPane(rack, new RackTablesView(tables));
                screen.setOrientation(Orientation.VERTICAL);
                screen.setDividerPositions(0.72);
                Scene scene = new Scene(screen, 1920, 1080);
                scene.getStylesheets().add(RackView.class.getResource(Styles.STYLESHEET).toExternalForm());
                Stage stage = shown ? new Stage() : null;
                if (shown) {
                    stage.setTitle("PiRack benchmark");
                    stage.setScene(scene);
                    stage.show();
                }
                String name = shown ? "rack screen: RackView + tables in a shown 1920×1080 window"
                        : "rack screen: RackView + tables, not shown (no CSS, layout or rendering)";
                made.complete(new ViewUnderTest(name, frame -> {
                    rack.show(frame);
                    tables.show(frame);
                }, () -> Map.of("rack layers", rack.podsShown(), "pod table", rows(tables)),
                        shown ? new PulseMeter(scene) : null, shown ? stage::hide : () -> { }, () -> nodesUnder(screen)));
            } catch (RuntimeException | Error e) {
                made.completeExceptionally(e);
            }
        });
        try {
            return made.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not show the view under test", e);
        }
    }

    /** The nodes JavaFX walks on every pulse of a shown scene (bounds, CSS): {@code root} and all below it. FX thread. */
    static int nodesUnder(javafx.scene.Parent root) {
        int n = 1;
        for (javafx.scene.Node child : root.getChildrenUnmodifiable()) {
            n += child instanceof javafx.scene.Parent p ? nodesUnder(p) : 1;
        }
        return n;
    }

    private static Map<String, String> rows(RackTablesViewModel tables) {
        return tables.pods().stream().collect(Collectors.toMap(RackTablesViewModel.PodRow::key, RackTablesViewModel.PodRow::node));
    }

    @Override
    public void close() {
        Platform.runLater(hide);
    }
}
