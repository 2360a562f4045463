package io.pirack.app;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackSpec;
import io.pirack.ui.plug.PlugCommands;
import io.pirack.ui.rack.PlugActions;
import io.pirack.ui.rack.RackTablesView;
import io.pirack.ui.rack.RackTablesViewModel;
import io.pirack.ui.rack.RackView;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;

/**
 * The Rack screen: the drawn rack over the tables. Reordering is saved to the rack file; the
 * per-layer buttons go through the same guarded commands as the keyboard shortcuts.
 */
public final class RackScreen {

    private final FrameSource frames;
    private final PlugCommands plugCommands;
    private final BooleanSupplier replaying;
    private final Consumer<RackSpec> saveOrder;
    private final boolean hideSystemPods;
    private final RackTablesViewModel tables = new RackTablesViewModel();
    private RackView rackView;

    /** The tables follow {@code frames} from the start, the drawn rack from its first visit. */
    public RackScreen(FrameSource frames, PlugCommands plugCommands, BooleanSupplier replaying, Consumer<RackSpec> saveOrder,
                      boolean hideSystemPods) {
        this.frames = frames;
        this.plugCommands = plugCommands;
        this.replaying = replaying;
        this.saveOrder = saveOrder;
        this.hideSystemPods = hideSystemPods;
        frames.subscribe(tables::show);
    }

    /** The screen; MainWindow calls it on the first visit. */
    public Node view() {
        rackView = new RackView(operatorPlugs(), saveOrder);
        rackView.setHideSystemPods(hideSystemPods);
        rackView.bind(frames);
        SplitPane split = new SplitPane(rackView, AfterFirstPulse.place(() -> new RackTablesView(tables)));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        return split;
    }

    /** The audience window's rack: the visitor acts through the booth's own button, not per layer. */
    public RackView audienceRack() {
        RackView view = new RackView(PlugActions.watchOnly(plugCommands::isUnplugged), spec -> { });
        view.setHideSystemPods(true);
        view.bind(frames);
        return view;
    }

    /** The drawn rack (null until the Rack screen was first shown). */
    public RackView rackView() {
        return rackView;
    }

    private PlugActions operatorPlugs() {
        return new PlugActions() {
            @Override
            public void pull(String node) {
                plugCommands.pull(node);
            }

            @Override
            public void restore(String node) {
                plugCommands.restore(node);
            }

            @Override
            public boolean canPull(String node) {
                return !replaying.getAsBoolean() && plugCommands.canPull(node);
            }

            @Override
            public boolean isPulled(String node) {
                return plugCommands.isUnplugged(node);
            }
        };
    }
}
