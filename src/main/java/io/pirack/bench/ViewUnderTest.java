package io.pirack.bench;

import io.pirack.core.rack.RackFrame;
import io.pirack.ui.rack.RackTablesViewModel;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The view the benchmarks feed: anything that takes frames on the FX thread. {@code shownPodNodes}
 * reads back what the view is showing (pod key → node) so the scale run can prove nothing was
 * lost in the view itself, not just in the frames it was handed.
 *
 * @param shownPodNodes read on the FX thread; null if the view cannot be read back
 */
public record ViewUnderTest(String name, Consumer<RackFrame> sink, Supplier<Map<String, String>> shownPodNodes) {

    /** The rack tables view model, the view on main when this harness was written. */
    public static ViewUnderTest rackTables() {
        RackTablesViewModel model = new RackTablesViewModel();
        return new ViewUnderTest("RackTablesViewModel", model::show, () -> model.pods().stream()
                .collect(Collectors.toMap(RackTablesViewModel.PodRow::key, r -> r.node() == null ? "" : r.node())));
    }

    /**
     * The drawn rack as the audience sees it — in a 1920×1080 scene, with CSS and layout run for
     * every frame so their cost is measured — plus the tables, which the loss check reads back.
     */
    public static ViewUnderTest rackViewAndTables() {
        RackTablesViewModel tables = new RackTablesViewModel();
        io.pirack.ui.rack.RackView rack = new io.pirack.ui.rack.RackView(io.pirack.ui.rack.PlugActions.NONE, spec -> { });
        javafx.scene.Scene scene = new javafx.scene.Scene(rack, 1920, 1080);
        scene.getStylesheets().add(io.pirack.ui.rack.RackView.class.getResource(io.pirack.ui.Styles.STYLESHEET).toExternalForm());
        return new ViewUnderTest("RackView (CSS + layout) + tables", frame -> {
            rack.show(frame);
            rack.applyCss();
            rack.layout();
            tables.show(frame);
        }, () -> tables.pods().stream()
                .collect(Collectors.toMap(RackTablesViewModel.PodRow::key, r -> r.node() == null ? "" : r.node())));
    }
}
