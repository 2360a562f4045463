package io.pirack.ui.tuning;

import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.PreflightItem;
import io.pirack.core.preflight.PreflightReport;
import io.pirack.core.tuning.ImagePresence;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The Tuning screen's "ready for the show" sections: the demo images on every node, and the preflight checklist. */
final class ReadinessSections {

    private final TuningViewModel vm;
    private final GridPane imageGrid = new GridPane();
    private final VBox checklist = new VBox(4);
    private final Label readyBanner = new Label("Not checked yet");

    ReadinessSections(TuningViewModel vm) {
        this.vm = vm;
    }

    Node images() {
        imageGrid.setId(TuningStyles.ID_IMAGES);
        imageGrid.setHgap(14);
        imageGrid.setVgap(4);
        ProgressBar progress = new ProgressBar(0);
        progress.setPrefWidth(240);
        Label progressText = new Label();
        vm.prePull().presenceProperty().addListener((obs, old, p) -> {
            showImages(p);
            progress.setProgress(p == null ? 0 : p.fractionPresent());
            progressText.setText(p == null ? "" : Math.round(p.fractionPresent() * 100) + " % of node × image present");
        });
        Button prePull = TuningView.button(TuningStyles.ID_PREPULL, "Pre-pull now", vm.prePull()::start);
        Button cleanUp = TuningView.button(TuningStyles.ID_CLEANUP, "Clean up", vm.prePull()::cleanUp);
        Button refresh = TuningView.button("tuning-images-refresh", "Check again", vm.prePull()::refresh);
        prePull.disableProperty().bind(vm.tasks().busyProperty().or(Bindings.isEmpty(vm.prePull().images())));
        cleanUp.disableProperty().bind(vm.tasks().busyProperty().or(vm.prePull().prePullingProperty().not()));
        Label note = new Label("Pre-pull keeps one sleeping container per image on every node, so image garbage collection leaves them alone.");
        note.getStyleClass().add(TuningStyles.MUTED);
        note.setWrapText(true);
        return TuningView.section("Demo images on every node the demo pods can run on", imageGrid, new HBox(8, progress, progressText), new HBox(8, prePull, refresh, cleanUp), note);
    }

    private void showImages(ImagePresence presence) {
        imageGrid.getChildren().clear();
        if (presence == null) {
            return;
        }
        imageGrid.add(new Label("Node"), 0, 0);
        for (int i = 0; i < presence.images().size(); i++) {
            imageGrid.add(new Label(presence.images().get(i)), i + 1, 0);
        }
        int row = 1;
        for (String node : presence.cells().keySet()) {
            imageGrid.add(new Label(node), 0, row);
            for (int i = 0; i < presence.images().size(); i++) {
                ImagePresence.Cell cell = presence.cell(node, presence.images().get(i));
                Label label = new Label(cellText(cell));
                label.getStyleClass().add(TuningStyles.CELL);
                label.pseudoClassStateChanged(switch (cell.state()) {
                    case PRESENT -> TuningStyles.PASS;
                    case PULLING -> TuningStyles.WARN;
                    case FAILED, MISSING -> TuningStyles.FAIL;
                }, true);
                imageGrid.add(label, i + 1, row);
            }
            row++;
        }
    }

    static String cellText(ImagePresence.Cell cell) {
        String detail = cell.detail().isEmpty() ? "" : " (" + cell.detail() + ")";
        return switch (cell.state()) {
            case PRESENT -> "✔ present";
            case PULLING -> "⟳ pulling" + detail;
            case FAILED -> "✖ failed" + detail;
            case MISSING -> "– missing";
        };
    }

    Node preflight() {
        readyBanner.setId(TuningStyles.ID_READY_BANNER);
        readyBanner.getStyleClass().add(TuningStyles.READY_BANNER);
        readyBanner.setMaxWidth(Double.MAX_VALUE);
        Button check = TuningView.button(TuningStyles.ID_PREFLIGHT_CHECK, "Check now", vm.preflight()::check);
        check.disableProperty().bind(vm.tasks().busyProperty());
        vm.preflight().preflightProperty().addListener((obs, old, report) -> showPreflight(report));
        return TuningView.section("Preflight", readyBanner, checklist, check);
    }

    private void showPreflight(PreflightReport report) {
        checklist.getChildren().clear();
        readyBanner.pseudoClassStateChanged(TuningStyles.READY, report != null && report.ready());
        readyBanner.pseudoClassStateChanged(TuningStyles.FAIL, report != null && !report.ready());
        if (report == null) {
            readyBanner.setText("Not checked yet");
            return;
        }
        readyBanner.setText(report.ready() ? "✔ " + report.headline() : "✖ " + report.headline());
        for (PreflightItem item : report.items()) {
            String fix = item.status() == CheckStatus.PASS || item.fix().isEmpty() ? "" : "\n      fix: " + item.fix();
            Label label = new Label(statusSymbol(item.status()) + " " + item.status() + "  " + item.title() + " — " + item.detail() + fix);
            label.setWrapText(true);
            label.getStyleClass().add(TuningStyles.CHECK_ITEM);
            label.pseudoClassStateChanged(switch (item.status()) {
                case PASS, SKIP -> TuningStyles.PASS;
                case WARN -> TuningStyles.WARN;
                case FAIL -> TuningStyles.FAIL;
            }, true);
            checklist.getChildren().add(label);
        }
    }

    private static String statusSymbol(CheckStatus status) {
        return switch (status) {
            case PASS -> "✔";
            case SKIP -> "–";
            case WARN -> "⚠";
            case FAIL -> "✖";
        };
    }
}
