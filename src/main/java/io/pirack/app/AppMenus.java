package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.ui.plug.PlugCommands;
import io.pirack.ui.shell.MainWindow;
import io.pirack.ui.shell.StatusViewModel;
import java.io.File;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;

/**
 * The app shell's commands: the File menu, its choosers and the window-wide accelerators. A new
 * command is one {@link #fileItem} line in {@link #install} (the View menu and ⌘1–⌘9 come from the
 * screens registered with {@link MainWindow#addScreen}).
 */
public final class AppMenus {

    private final MainWindow window;
    private final Stage stage;
    private final StatusViewModel status;
    private final SessionHolder sessions;
    private final Replay replay;
    private final TimelineScreen timeline;
    private final PlugCommands plugCommands;
    private java.util.function.BooleanSupplier locked = () -> false;
    private RecordingsScreen recordings;

    /** What a menu command says when the kiosk lock refuses it. */
    public static final String LOCKED = "Locked: the kiosk PIN is needed first (Booth screen → Unlock).";

    public AppMenus(MainWindow window, Stage stage, StatusViewModel status, SessionHolder sessions, Replay replay,
                    TimelineScreen timeline, PlugCommands plugCommands) {
        this.window = window;
        this.stage = stage;
        this.status = status;
        this.sessions = sessions;
        this.replay = replay;
        this.timeline = timeline;
        this.plugCommands = plugCommands;
    }

    /** Every File command (and its accelerator) is refused while {@code locked} says so: the kiosk lock. */
    public void refuseWhile(java.util.function.BooleanSupplier locked) {
        this.locked = locked;
    }

    /** The File → Recordings… window. */
    public void recordings(RecordingsScreen recordings) {
        this.recordings = recordings;
    }

    /** Adds the File menu's items, in menu order. */
    public void install() {
        fileItem("Replay Recording…", null, () -> replay.choose(stage));
        fileItem("Back to Live Cluster", null, replay::stop);
        fileItem("Recordings…", shortcut(KeyCode.R), () -> recordings.show(stage));
        fileItem("Use Rehearsal Rack", null, () -> sessions.connect(sessions.rehearsalSource()));
        fileItem("Rehearsal Rack…", null, () -> io.pirack.ui.rehearsal.RehearsalRackDialog.show(stage,
                new io.pirack.ui.rehearsal.RehearsalRackForm(sessions.rehearsalSettings(), io.pirack.sim.KubernetesVersion.shortNames()),
                sessions.onRehearsalRack()).ifPresent(sessions::applyRehearsal));
        fileItem("Connect to Cluster…", shortcut(KeyCode.K), this::chooseCluster);
        fileItem("Export Timeline…", shortcut(KeyCode.E), () -> timeline.export(stage));
        fileItem("Quit PiRack", shortcut(KeyCode.Q), Platform::exit);
    }

    /** ⌘ plus the key (Ctrl on Linux and Windows). */
    public static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    /** One File menu item; {@code accelerator} may be null. */
    public MenuItem fileItem(String text, KeyCombination accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(accelerator);
        }
        item.setOnAction(e -> {
            if (locked.getAsBoolean()) {
                status.noticeProperty().set(LOCKED);
            } else {
                action.run();
            }
        });
        window.addFileItem(item);
        return item;
    }

    /** ⇧⌘1…⇧⌘9 pull (or plug back in) the Pi in that slot, counted from the top of the stack. */
    public void installSlotAccelerators(Scene scene) {
        for (int slot = 1; slot <= 9; slot++) {
            int index = slot - 1;
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(slot)),
                    KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> {
                RackSpec rack = sessions.rackSpec();
                if (rack != null && index < rack.slots().size()) {
                    plugCommands.toggle(rack.slots().get(index).hostname());
                }
            });
        }
    }

    private void chooseCluster() {
        File file = FileChoosers.current().kubeconfig(stage, ClusterConnection.defaultKubeconfig().getParent());
        if (file == null) {
            return;
        }
        try {
            ClusterConnection.Contexts contexts = ClusterConnection.contexts(file.toPath());
            ChoiceDialog<String> dialog = new ChoiceDialog<>(contexts.current(), contexts.names());
            dialog.setTitle("Choose a context");
            dialog.setHeaderText("Which cluster in " + file.getName() + "?");
            Optional<String> context = dialog.showAndWait();
            context.ifPresent(c -> sessions.connect(new ClusterSession.Kubeconfig(file.toPath(), c, sessions.realRack())));
        } catch (ClusterConnection.KubeconfigException e) {
            status.noticeProperty().set(e.getMessage());
        }
    }
}
