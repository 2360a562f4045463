package io.pirack.ui.tuning;

import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.PreflightItem;
import io.pirack.core.preflight.PreflightReport;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.TuningChange;
import io.pirack.core.tuning.TuningOverview;
import io.pirack.core.tuning.TuningWarning;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The Tuning screen, built in code: settings and warnings, failover time, the three actions with
 * their diff-before-apply pane, image pre-pull, and the "Ready for the show" checklist.
 */
public final class TuningView extends ScrollPane {

    private final TuningViewModel vm;
    private final GridPane settings = new GridPane();
    private final VBox warnings = new VBox(6);
    private final FlowPane deploymentChoice = new FlowPane(12, 6);
    private final GridPane imageGrid = new GridPane();
    private final VBox checklist = new VBox(4);
    private final Label readyBanner = new Label("Not checked yet");

    public TuningView(TuningViewModel vm) {
        this.vm = vm;
        getStylesheets().add(TuningStyles.STYLESHEET);
        VBox content = new VBox(header(), settingsSection(), failoverSection(), actionsSection(), imagesSection(), preflightSection());
        content.getStyleClass().add(TuningStyles.SCREEN);
        setContent(content);
        setFitToWidth(true);
    }

    private Node header() {
        Label cluster = new Label();
        cluster.setId(TuningStyles.ID_CLUSTER);
        cluster.textProperty().bind(Bindings.concat("Demo readiness — ", vm.clusterNameProperty()));
        cluster.getStyleClass().add(TuningStyles.SECTION_TITLE);
        Button refresh = new Button("Read again");
        refresh.setOnAction(e -> vm.refresh());
        refresh.disableProperty().bind(vm.tasks().busyProperty());
        Label status = new Label();
        status.setId(TuningStyles.ID_STATUS);
        status.setWrapText(true);
        status.textProperty().bind(vm.tasks().statusProperty());
        HBox row = new HBox(12, cluster, refresh, status);
        HBox.setHgrow(status, Priority.ALWAYS);
        return row;
    }

    private Node settingsSection() {
        settings.setId(TuningStyles.ID_SETTINGS);
        settings.setHgap(16);
        settings.setVgap(4);
        vm.settingRows().addListener((ListChangeListener<TuningOverview.SettingRow>) c -> showSettings());
        vm.warnings().addListener((ListChangeListener<TuningWarning>) c -> showWarnings());
        showSettings();
        showWarnings();
        return section("Effective settings (what the cluster really does)", settings, warnings);
    }

    private void showSettings() {
        settings.getChildren().clear();
        int row = 0;
        for (TuningOverview.SettingRow r : vm.settingRows()) {
            Label value = new Label(r.value());
            value.getStyleClass().add(TuningStyles.SETTING_VALUE);
            Label source = new Label(r.source());
            source.getStyleClass().add(TuningStyles.SETTING_SOURCE);
            settings.addRow(row++, new Label(r.name()), value, source);
        }
    }

    private void showWarnings() {
        warnings.getChildren().clear();
        for (TuningWarning w : vm.warnings()) {
            Label label = new Label(symbol(w.severity()) + " " + w.severity() + ": " + w.message() + "\nFix: " + w.fix());
            label.setWrapText(true);
            label.getStyleClass().add(TuningStyles.WARNING);
            label.pseudoClassStateChanged(pseudo(w.severity()), true);
            warnings.getChildren().add(label);
        }
    }

    private static String symbol(TuningWarning.Severity severity) {
        return switch (severity) {
            case FATAL -> "✖";
            case WARNING -> "⚠";
            case INFO -> "ℹ";
        };
    }

    private static PseudoClass pseudo(TuningWarning.Severity severity) {
        return switch (severity) {
            case FATAL -> TuningStyles.FATAL;
            case WARNING -> TuningStyles.WARN;
            case INFO -> TuningStyles.INFO;
        };
    }

    private Node failoverSection() {
        Label predicted = new Label();
        predicted.setId(TuningStyles.ID_PREDICTION);
        predicted.getStyleClass().add(TuningStyles.PREDICTION);
        predicted.setWrapText(true);
        predicted.textProperty().bind(vm.predictionProperty());
        Label measured = new Label();
        measured.setId(TuningStyles.ID_MEASURED);
        measured.textProperty().bind(vm.measuredProperty());
        Label explanation = new Label();
        explanation.getStyleClass().add(TuningStyles.MUTED);
        explanation.setWrapText(true);
        vm.workloadRows().addListener((ListChangeListener<TuningOverview.WorkloadRow>) c -> explanation.setText(
                vm.workloadRows().isEmpty() ? "" : String.join("\n", vm.workloadRows().get(0).prediction().explanation())));
        return section("From plug pull to pods moving", new Label("Predicted:"), predicted, measured, explanation);
    }

    private Node actionsSection() {
        vm.deployments().addListener((ListChangeListener<String>) c -> showDeployments());
        vm.chosen().addListener((ListChangeListener<String>) c -> showDeployments());

        Spinner<Integer> tolerationSeconds = spinner(0, 10, vm.tolerations().tolerationSecondsProperty().get());
        tolerationSeconds.setId(TuningStyles.ID_TOLERATION_SECONDS);
        tolerationSeconds.valueProperty().addListener((o, a, b) -> vm.tolerations().tolerationSecondsProperty().set(b));
        Button preview = button(TuningStyles.ID_TOLERATION_PREVIEW, "Show the change…", vm.tolerations()::preview);
        Button revert = button(TuningStyles.ID_TOLERATION_REVERT, "Revert tolerations", vm.tolerations()::revert);
        Node tolerations = action("1. Safest: tolerationSeconds for unreachable / not-ready on the chosen Deployments",
                new HBox(8, new Label("seconds (0–10):"), tolerationSeconds, preview, revert));

        Spinner<Integer> notReady = spinner(0, (int) TuningChange.MAX_DEFAULT_TOLERATION_SECONDS, vm.controlPlane().apiNotReadySecondsProperty().get());
        notReady.valueProperty().addListener((o, a, b) -> vm.controlPlane().apiNotReadySecondsProperty().set(b));
        Spinner<Integer> unreachable = spinner(0, (int) TuningChange.MAX_DEFAULT_TOLERATION_SECONDS, vm.controlPlane().apiUnreachableSecondsProperty().get());
        unreachable.valueProperty().addListener((o, a, b) -> vm.controlPlane().apiUnreachableSecondsProperty().set(b));
        Button apiPreview = button(TuningStyles.ID_API_PREVIEW, "Show the change…", vm.controlPlane()::previewApiServerDefaults);
        HBox apiRow = new HBox(8, new Label("not-ready:"), notReady, new Label("unreachable:"), unreachable, apiPreview);
        Node api = action("2. API server default tolerations (new pods only; over SSH)", apiRow);

        Spinner<Integer> grace = spinner((int) TuningChange.MIN_GRACE.toSeconds(), (int) TuningChange.MAX_GRACE.toSeconds(),
                vm.controlPlane().graceSecondsProperty().get());
        grace.valueProperty().addListener((o, a, b) -> vm.controlPlane().graceSecondsProperty().set(b));
        Spinner<Integer> lease = spinner(TuningChange.MIN_LEASE_SECONDS, TuningChange.MAX_LEASE_SECONDS, vm.controlPlane().leaseSecondsProperty().get());
        lease.valueProperty().addListener((o, a, b) -> vm.controlPlane().leaseSecondsProperty().set(b));
        Button gracePreview = button(TuningStyles.ID_GRACE_PREVIEW, "Show the change…", vm.controlPlane()::previewGraceAndLease);
        HBox graceRow = new HBox(8, new Label("grace period s:"), grace, new Label("kubelet lease s:"), lease, gracePreview);
        Node graceAction = action("3. Controller-manager grace period + kubelet lease duration (over SSH, restarts components)", graceRow);

        Label realOnly = new Label("Real clusters only: the rehearsal rack simulates its control plane; choose its timings when starting it.");
        realOnly.setId(TuningStyles.ID_REAL_ONLY);
        realOnly.getStyleClass().add(TuningStyles.MUTED);
        realOnly.visibleProperty().bind(vm.rehearsalProperty());
        realOnly.managedProperty().bind(vm.rehearsalProperty());
        apiRow.disableProperty().bind(vm.rehearsalProperty().or(vm.tasks().busyProperty()));
        graceRow.disableProperty().bind(vm.rehearsalProperty().or(vm.tasks().busyProperty()));
        preview.disableProperty().bind(vm.tasks().busyProperty());
        revert.disableProperty().bind(vm.tasks().busyProperty());
        Button controlPlaneRevert = button(TuningStyles.ID_CONTROL_PLANE_REVERT, "Revert control-plane edits", vm.controlPlane()::revert);
        controlPlaneRevert.disableProperty().bind(Bindings.isEmpty(vm.controlPlane().appliedEdits()).or(vm.tasks().busyProperty()));
        Button findBackups = button(TuningStyles.ID_FIND_BACKUPS, "Find backups on the Pis", vm.controlPlane()::findBackups);
        findBackups.disableProperty().bind(vm.rehearsalProperty().or(vm.tasks().busyProperty()));

        ListView<String> history = new ListView<>(vm.tasks().history());
        history.setId(TuningStyles.ID_HISTORY);
        history.setPrefHeight(110);
        showDeployments();
        return section("Tuning, safest first", new Label("Demo Deployments:"), deploymentChoice, tolerations, api, graceAction,
                realOnly, new HBox(8, controlPlaneRevert, findBackups), pendingPane(), new Label("Changes and backups (newest first):"), history);
    }

    private void showDeployments() {
        deploymentChoice.getChildren().clear();
        for (String key : vm.deployments()) {
            CheckBox box = new CheckBox(key);
            box.setSelected(vm.chosen().contains(key));
            box.setOnAction(e -> {
                List<String> next = new ArrayList<>(vm.chosen());
                if (box.isSelected()) {
                    next.add(key);
                } else {
                    next.remove(key);
                }
                vm.choose(next);
            });
            deploymentChoice.getChildren().add(box);
        }
    }

    /** The computed change, shown in full before anything is written. */
    private Node pendingPane() {
        Label title = new Label();
        title.getStyleClass().add(TuningStyles.SECTION_TITLE);
        TextArea diff = new TextArea();
        diff.setId(TuningStyles.ID_DIFF);
        diff.setEditable(false);
        diff.setPrefRowCount(12);
        VBox notes = new VBox(4);
        Button apply = button(TuningStyles.ID_APPLY, "Apply (a backup is kept)", vm.tasks()::applyPending);
        Button cancel = button(TuningStyles.ID_CANCEL, "Cancel", vm.tasks()::cancelPending);
        VBox pane = new VBox(title, diff, notes, new HBox(8, apply, cancel));
        pane.setId(TuningStyles.ID_PENDING);
        pane.getStyleClass().add(TuningStyles.PENDING);
        pane.visibleProperty().bind(vm.tasks().pendingProperty().isNotNull());
        pane.managedProperty().bind(pane.visibleProperty());
        vm.tasks().pendingProperty().addListener((obs, old, change) -> {
            notes.getChildren().clear();
            if (change == null) {
                return;
            }
            title.setText("Review before applying: " + change.title());
            diff.setText(change.diff());
            if (!change.prediction().isEmpty()) {
                notes.getChildren().add(new Label(change.prediction()));
            }
            for (String w : change.warnings()) {
                Label label = new Label("⚠ " + w);
                label.setWrapText(true);
                label.getStyleClass().add(TuningStyles.WARNING);
                label.pseudoClassStateChanged(w.startsWith("FLAPPING") ? TuningStyles.FATAL : TuningStyles.INFO, true);
                notes.getChildren().add(label);
            }
        });
        return pane;
    }

    private Node imagesSection() {
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
        Button prePull = button(TuningStyles.ID_PREPULL, "Pre-pull now", vm.prePull()::start);
        Button cleanUp = button(TuningStyles.ID_CLEANUP, "Clean up", vm.prePull()::cleanUp);
        Button refresh = button("tuning-images-refresh", "Check again", vm.prePull()::refresh);
        prePull.disableProperty().bind(vm.tasks().busyProperty().or(Bindings.isEmpty(vm.prePull().images())));
        cleanUp.disableProperty().bind(vm.tasks().busyProperty().or(vm.prePull().prePullingProperty().not()));
        Label note = new Label("Pre-pull keeps one sleeping container per image on every node, so image garbage collection leaves them alone.");
        note.getStyleClass().add(TuningStyles.MUTED);
        note.setWrapText(true);
        return section("Demo images on every node the demo pods can run on", imageGrid, new HBox(8, progress, progressText), new HBox(8, prePull, refresh, cleanUp), note);
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

    private Node preflightSection() {
        readyBanner.setId(TuningStyles.ID_READY_BANNER);
        readyBanner.getStyleClass().add(TuningStyles.READY_BANNER);
        readyBanner.setMaxWidth(Double.MAX_VALUE);
        Button check = button(TuningStyles.ID_PREFLIGHT_CHECK, "Check now", vm.preflight()::check);
        check.disableProperty().bind(vm.tasks().busyProperty());
        vm.preflight().preflightProperty().addListener((obs, old, report) -> showPreflight(report));
        return section("Preflight", readyBanner, checklist, check);
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

    private static Node section(String title, Node... children) {
        Label heading = new Label(title);
        heading.getStyleClass().add(TuningStyles.SECTION_TITLE);
        VBox box = new VBox(heading);
        box.getChildren().addAll(children);
        box.getStyleClass().add(TuningStyles.SECTION);
        return box;
    }

    private static Node action(String title, Node row) {
        Label label = new Label(title);
        label.setWrapText(true);
        return new VBox(4, label, row);
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private static Spinner<Integer> spinner(int min, int max, int initial) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setEditable(true);
        spinner.setPrefWidth(90);
        return spinner;
    }
}
