package io.pirack.app;

import io.pirack.core.timeline.FailoverSettings;
import io.pirack.timeline.RecordingReader;
import io.pirack.frames.FramePublisher;
import io.pirack.ui.shell.MainWindow;
import io.pirack.ui.shell.StatusViewModel;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.Window;

/** Plays a recording into every screen instead of the live cluster, until File → Back to Live Cluster. FX thread. */
public final class Replay implements AutoCloseable {

    private final AppPaths paths;
    private final ShownFrames shown;
    private final SessionHolder sessions;
    private final MainWindow window;
    private final StatusViewModel status;
    private final Executor background;
    private ReplaySession replay;
    private FramePublisher publisher;

    public Replay(AppPaths paths, ShownFrames shown, SessionHolder sessions, MainWindow window, StatusViewModel status,
                  Executor background) {
        this.paths = paths;
        this.shown = shown;
        this.sessions = sessions;
        this.window = window;
        this.status = status;
        this.background = background;
    }

    /** Asks for a recording folder and a speed, reads the recording off the FX thread, then plays it. */
    public void choose(Window owner) {
        File folder = FileChoosers.current().recordingFolder(owner, paths.recordingsDir());
        if (folder == null) {
            return;
        }
        ChoiceDialog<String> speed = new ChoiceDialog<>("1×", List.of("1×", "2×", "4×"));
        speed.setHeaderText("Replay speed");
        Optional<String> chosen = speed.showAndWait();
        if (chosen.isEmpty()) {
            return;
        }
        int factor = Integer.parseInt(chosen.get().substring(0, 1));
        window.setBusy("Reading the recording…");
        background.execute(() -> {
            try {
                List<String> skipped = new java.util.ArrayList<>();
                var entries = RecordingReader.readFolder(folder.toPath(), skipped::add);
                ReplaySession session = new ReplaySession(entries, folder.getName(), FailoverSettings.kubernetesDefaults());
                Platform.runLater(() -> {
                    start(session, factor);
                    if (!skipped.isEmpty()) {
                        status.noticeProperty().set(String.join(" ", skipped));
                    }
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    window.setBusy("");
                    status.noticeProperty().set("Cannot replay " + folder + ": " + e.getMessage());
                });
            }
        });
    }

    private void start(ReplaySession session, int speed) {
        stop();
        replay = session;
        publisher = new FramePublisher(session.store(), session.links(), sessions::rackSpec, session::plugWords, Platform::runLater);
        shown.showReplay(publisher, session.timeline()::snapshot);
        session.play(speed);
        window.setBusy("");
        status.noticeProperty().set("Replaying a recording at " + speed + "× — File → Back to Live Cluster returns.");
    }

    /** Back to the live cluster (nothing happens when no recording plays). */
    public void stop() {
        if (replay != null) {
            shown.endReplay();
            publisher.close();
            replay.close();
            replay = null;
            publisher = null;
            status.noticeProperty().set("");
        }
    }

    public boolean active() {
        return replay != null;
    }

    @Override
    public void close() {
        stop();
    }
}
