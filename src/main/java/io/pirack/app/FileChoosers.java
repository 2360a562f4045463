package io.pirack.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The native file and folder choosers behind File → Connect to Cluster… and File → Replay
 * Recording…. Tests {@link #use} their own answers, so the dialogs that follow the chooser can be
 * opened headless (the native chooser cannot). FX thread.
 */
public interface FileChoosers {

    /** A kubeconfig file, or null when cancelled. */
    File kubeconfig(Window owner, Path suggestedFolder);

    /** A recording folder, or null when cancelled. */
    File recordingFolder(Window owner, Path suggestedFolder);

    /** The operating system's choosers. */
    FileChoosers NATIVE = new FileChoosers() {
        @Override
        public File kubeconfig(Window owner, Path suggestedFolder) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose a kubeconfig");
            if (suggestedFolder != null && Files.isDirectory(suggestedFolder)) {
                chooser.setInitialDirectory(suggestedFolder.toFile());
            }
            return chooser.showOpenDialog(owner);
        }

        @Override
        public File recordingFolder(Window owner, Path suggestedFolder) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a recording folder");
            if (suggestedFolder != null && Files.isDirectory(suggestedFolder)) {
                chooser.setInitialDirectory(suggestedFolder.toFile());
            }
            return chooser.showDialog(owner);
        }
    };

    /** The choosers in use ({@link #NATIVE} unless a test said otherwise). */
    static FileChoosers current() {
        return Holder.current;
    }

    /** For tests: answer the choosers with {@code choosers} (null: back to {@link #NATIVE}). */
    static void use(FileChoosers choosers) {
        Holder.current = choosers == null ? NATIVE : choosers;
    }

    /** Where {@link #current()} lives. */
    final class Holder {
        private static volatile FileChoosers current = NATIVE;

        private Holder() {
        }
    }
}
