package io.pirack.app;

import io.pirack.timeline.TimelineExport;
import io.pirack.timeline.TimelineService;
import io.pirack.ui.shell.StatusViewModel;
import io.pirack.ui.timeline.RunSummaryView;
import io.pirack.ui.timeline.TimelinePng;
import io.pirack.ui.timeline.TimelineView;
import io.pirack.ui.timeline.TimelineViewModel;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The Timeline screen (and the audience window's copy): follows the shown frames' timeline; exports it. */
public final class TimelineScreen {

    private final TimelineViewModel model = new TimelineViewModel();
    /** The audience window's own model: same frames, kube-system hidden, its own zoom and selection. */
    private final TimelineViewModel audienceModel = new TimelineViewModel();
    private final Supplier<TimelineService> timeline;
    private final Executor background;
    private final StatusViewModel status;
    private final OnScreenFeed feed;
    private final OnScreenFeed audienceFeed;
    private TimelineView view;

    public TimelineScreen(ShownFrames frames, Supplier<TimelineService> timeline, Executor background, StatusViewModel status) {
        this.timeline = timeline;
        this.background = background;
        this.status = status;
        audienceModel.hideSystemProperty().set(true);
        // Each model follows the timeline only while one of its views is on screen (issue 20).
        feed = new OnScreenFeed(frames, frame -> model.show(frames.timeline()));
        audienceFeed = new OnScreenFeed(frames, frame -> audienceModel.show(frames.timeline()));
    }

    /** The screen; MainWindow calls it on the first visit. */
    public Node view() {
        view = feed.whileShown(new TimelineView(model));
        return view;
    }

    /** The current run's summary in the large audience style (outcome, phases bar, milestone seconds). */
    public Node audienceRunSummary() {
        RunSummaryView summary = new RunSummaryView(true);
        summary.bind(audienceModel.runSummariesProperty(), audienceModel.selectedRunProperty(), null);
        summary.setMaxRuns(1);
        return audienceFeed.whileShown(summary);
    }

    /** JSON, CSV or PNG by the chosen file's extension; written off the FX thread, all or nothing. */
    public void export(Window owner) {
        TimelineService current = timeline.get();
        if (current == null) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the timeline");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"), new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName("pirack-timeline.json");
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return;
        }
        Path target = file.toPath();
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        BufferedImage picture = name.endsWith(".png") && view != null ? view.capture() : null;
        var snapshot = current.snapshot();
        background.execute(() -> {
            try {
                if (picture != null) {
                    TimelinePng.write(picture, target);
                } else if (name.endsWith(".csv")) {
                    TimelineExport.write(target, TimelineExport.timelineCsv(snapshot.markers()));
                    TimelineExport.write(TimelineExport.runsFileFor(target), TimelineExport.runsCsv(snapshot.runs()));
                } else {
                    TimelineExport.write(target, TimelineExport.timelineJson(snapshot.markers(), snapshot.runs()));
                }
            } catch (IOException e) {
                Platform.runLater(() -> status.noticeProperty().set("Could not export to " + target + ": " + e.getMessage()));
            }
        });
    }
}
