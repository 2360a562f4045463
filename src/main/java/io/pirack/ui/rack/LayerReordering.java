package io.pirack.ui.rack;

import io.pirack.core.rack.RackFrame;
import io.pirack.ui.Styles;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/** Lets the operator reorder the drawn stack: drag a layer onto another, or "Move up/down" from its context menu. */
final class LayerReordering {

    /** Moves the layer at one index of the rack spec to another. */
    interface Mover {
        void move(int from, int to);
    }

    private final Supplier<RackFrame> lastFrame;
    private final Mover mover;
    private final BiConsumer<String, Node> showDetail;

    LayerReordering(Supplier<RackFrame> lastFrame, Mover mover, BiConsumer<String, Node> showDetail) {
        this.lastFrame = lastFrame;
        this.mover = mover;
        this.showDetail = showDetail;
    }

    void enable(LayerNode node) {
        node.setOnDragDetected(e -> {
            Dragboard board = node.startDragAndDrop(TransferMode.MOVE);
            ClipboardContent content = new ClipboardContent();
            content.putString(node.hostname);
            board.setContent(content);
            e.consume();
        });
        node.setOnDragOver(e -> {
            if (e.getDragboard().hasString() && !node.hostname.equals(e.getDragboard().getString())) {
                e.acceptTransferModes(TransferMode.MOVE);
                node.pseudoClassStateChanged(Styles.DRAG_TARGET, true);
            }
            e.consume();
        });
        node.setOnDragExited(e -> node.pseudoClassStateChanged(Styles.DRAG_TARGET, false));
        node.setOnDragDropped(e -> {
            RackFrame frame = lastFrame.get();
            boolean done = false;
            if (frame != null && e.getDragboard().hasString()) {
                int from = frame.spec().indexOf(e.getDragboard().getString());
                int to = frame.spec().indexOf(node.hostname);
                if (from >= 0 && to >= 0) {
                    mover.move(from, to);
                    done = true;
                }
            }
            e.setDropCompleted(done);
            e.consume();
        });
        MenuItem up = new MenuItem("Move up in the stack");
        up.setOnAction(e -> moveBy(node.hostname, -1));
        MenuItem down = new MenuItem("Move down in the stack");
        down.setOnAction(e -> moveBy(node.hostname, 1));
        MenuItem details = new MenuItem("Details…");
        details.setOnAction(e -> showDetail.accept(node.hostname, node));
        ContextMenu menu = new ContextMenu(up, down, details);
        node.setOnContextMenuRequested(e -> menu.show(node, e.getScreenX(), e.getScreenY()));
    }

    private void moveBy(String host, int delta) {
        RackFrame frame = lastFrame.get();
        int from = frame == null ? -1 : frame.spec().indexOf(host);
        if (from >= 0) {
            mover.move(from, Math.max(0, Math.min(frame.spec().slots().size() - 1, from + delta)));
        }
    }
}
