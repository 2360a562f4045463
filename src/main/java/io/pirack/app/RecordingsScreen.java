package io.pirack.app;

import io.pirack.timeline.RecordingLibrary;
import io.pirack.ui.recordings.RecordingsBackend;
import io.pirack.ui.recordings.RecordingsView;
import io.pirack.ui.recordings.RecordingsViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/** File → Recordings…: a window over the recordings folder's sessions (one window, raised when open). */
public final class RecordingsScreen {

    private final RecordingsViewModel model;
    private Stage stage;

    /**
     * @param current the folder the live session records into, if any (never deleted from here)
     * @param reveal  shows a folder in Finder or the file manager ({@link DesktopOpen#opener()} in the app)
     */
    public RecordingsScreen(Path recordings, Supplier<Optional<Path>> current, Consumer<Path> reveal, Executor background,
                            BooleanSupplier locked) {
        this.model = new RecordingsViewModel(new LibraryBackend(new RecordingLibrary(recordings), current, reveal), background,
                Platform::runLater, locked);
    }

    public void show(Window owner) {
        if (stage == null) {
            stage = new Stage();
            stage.initOwner(owner);
            stage.setTitle("Recordings");
            boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
            Scene scene = new Scene(new RecordingsView(model, ZoneId.systemDefault(), mac), 960, 520);
            if (owner != null && owner.getScene() != null) {
                scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            }
            stage.setScene(scene);
        }
        model.refresh();
        stage.show();
        stage.toFront();
    }

    /** The port over the recordings folder. */
    static final class LibraryBackend implements RecordingsBackend {
        private final RecordingLibrary library;
        private final Supplier<Optional<Path>> current;
        private final Consumer<Path> reveal;

        LibraryBackend(RecordingLibrary library, Supplier<Optional<Path>> current, Consumer<Path> reveal) {
            this.library = library;
            this.current = current;
            this.reveal = reveal;
        }

        @Override
        public List<Row> list() throws IOException {
            library.migrateFlatFiles();
            Optional<Path> now = current.get();
            return library.sessions().stream().map(s -> new Row(s.id(), s.startedAt(), s.title(), s.source(),
                    s.runs().orElse(-1), s.bytes(), s.keep(), now.map(p -> p.getFileName().toString().equals(s.id())).orElse(false)))
                    .toList();
        }

        @Override
        public int countRuns(String id) {
            return library.countRuns(id);
        }

        @Override
        public void rename(String id, String name) {
            library.rename(id, name);
        }

        @Override
        public void setKeep(String id, boolean keep) {
            library.setKeep(id, keep);
        }

        @Override
        public void delete(String id) {
            library.delete(id);
        }

        @Override
        public void reveal(String id) {
            reveal.accept(library.root().resolve(id));
        }
    }
}
