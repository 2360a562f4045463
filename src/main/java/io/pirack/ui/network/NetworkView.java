package io.pirack.ui.network;

import io.pirack.core.net.CheckResult;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Network screen: the doctor checklist with fix buttons, the discovered Pis with their slot
 * assignment and Identify, and Apply with the file diff, per-Pi progress and the result.
 */
public final class NetworkView extends ScrollPane {

    private final NetworkViewModel model;
    private final VBox checkList = new VBox(6);
    private final GridPane piGrid = new GridPane();
    private final VBox diffLines = new VBox();
    private final VBox applyList = new VBox(4);

    public NetworkView(NetworkViewModel model) {
        this.model = model;
        getStylesheets().add(NetworkStyles.STYLESHEET);
        setFitToWidth(true);
        VBox content = new VBox();
        content.getStyleClass().add(NetworkStyles.SCREEN);
        content.getChildren().addAll(header(), section("Checks"), checkList, section("Raspberry Pis on the booth network"), piGrid,
                section("Apply"), applyPane());
        setContent(content);

        piGrid.setHgap(12);
        piGrid.setVgap(6);
        model.checks().addListener((ListChangeListener<CheckResult>) c -> showChecks());
        model.rehearsalProperty().addListener((obs, was, now) -> showPis());
        model.hostProperty().addListener((obs, was, now) -> showPis());
        model.pis().addListener((ListChangeListener<NetworkViewModel.PiRow>) c -> showPis());
        model.diff().addListener((ListChangeListener<String>) c -> showDiff());
        model.applyRows().addListener((ListChangeListener<NetworkViewModel.ApplyRow>) c -> showApplyRows());
        showChecks();
        showPis();
    }

    private Node header() {
        Label title = new Label("Booth network");
        title.getStyleClass().add("title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        Button rerun = new Button("Re-run checks");
        rerun.setId(NetworkStyles.RERUN_ID);
        rerun.disableProperty().bind(model.busyProperty());
        rerun.setOnAction(e -> model.rerun());
        rerun.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.busyProperty());
        Label progressText = new Label();
        progressText.setId(NetworkStyles.PROGRESS_TEXT_ID);
        progressText.textProperty().bind(model.progressTextProperty());
        HBox row = new HBox(12, title, rerun, bar, progressText);
        row.setAlignment(Pos.CENTER_LEFT);
        Label host = new Label();
        host.setId(NetworkStyles.HOST_ID);
        host.getStyleClass().add(NetworkStyles.HOST);
        host.textProperty().bind(Bindings.when(model.hostProperty().isEmpty()).then("This computer: not checked yet")
                .otherwise(Bindings.concat("This computer: ", model.hostProperty())));
        Label lastRun = wrapping(new Label());
        lastRun.setId(NetworkStyles.LAST_RUN_ID);
        lastRun.getStyleClass().add(NetworkStyles.CHECK_EVIDENCE);
        lastRun.textProperty().bind(model.lastRunProperty());
        Label rehearsal = wrapping(new Label("\u2139 You are on the rehearsal rack. It runs inside PiRack, so it needs no booth network: "
                + "the checks below are shown as \u201cnot needed\u201d. Open your real cluster (File \u25B8 Open kubeconfig\u2026) "
                + "to set up Internet Sharing and the Pis' fixed addresses."));
        rehearsal.setId(NetworkStyles.REHEARSAL_ID);
        rehearsal.getStyleClass().add(NetworkStyles.NOTICE);
        rehearsal.visibleProperty().bind(model.rehearsalProperty());
        rehearsal.managedProperty().bind(rehearsal.visibleProperty());
        Label notice = wrapping(new Label());
        notice.setId(NetworkStyles.MESSAGE_ID);
        notice.getStyleClass().add(NetworkStyles.NOTICE);
        notice.textProperty().bind(model.messageProperty());
        notice.visibleProperty().bind(model.messageProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return new VBox(6, row, host, lastRun, rehearsal, notice);
    }

    private static Label section(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(NetworkStyles.SECTION_TITLE);
        return label;
    }

    private static Label wrapping(Label label) {
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    // ---- checks ------------------------------------------------------------------------------

    private void showChecks() {
        checkList.getChildren().clear();
        if (model.checks().isEmpty()) {
            checkList.getChildren().add(wrapping(new Label("The checks of Internet Sharing (or NetworkManager's shared connection), "
                    + "the fixed addresses and the Pis appear here: they run on the first visit and on \u201cRe-run checks\u201d.")));
        }
        for (CheckResult check : model.checks()) {
            checkList.getChildren().add(checkRow(check));
        }
    }

    private Node checkRow(CheckResult check) {
        Label status = new Label(NetworkStyles.badge(check.status()));
        status.getStyleClass().add(NetworkStyles.CHECK_STATUS);
        status.pseudoClassStateChanged(NetworkStyles.of(check.status()), true);
        Label message = wrapping(new Label(check.message()));
        message.getStyleClass().add(NetworkStyles.CHECK_MESSAGE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Label id = new Label(check.id());
        id.getStyleClass().add(NetworkStyles.CHECK_EVIDENCE);
        id.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(10, status, message, id);
        top.setAlignment(Pos.TOP_LEFT);
        VBox row = new VBox(top);
        row.getStyleClass().add(NetworkStyles.CHECK_ROW);
        row.setId("check-" + check.id().replace(':', '-'));
        row.pseudoClassStateChanged(NetworkStyles.of(check.status()), true);
        if (!check.evidence().isEmpty()) {
            Label evidence = wrapping(new Label(String.join("\n", check.evidence())));
            evidence.getStyleClass().add(NetworkStyles.CHECK_EVIDENCE);
            evidence.setPadding(new Insets(0, 0, 0, 90));
            row.getChildren().add(evidence);
        }
        if (!check.fix().isEmpty() || NetworkViewModel.actionLabel(check).isPresent()) {
            Label fix = wrapping(new Label(check.fix().isEmpty() ? "" : "Fix: " + check.fix()));
            fix.getStyleClass().add(NetworkStyles.CHECK_FIX);
            HBox.setHgrow(fix, Priority.ALWAYS);
            HBox fixRow = new HBox(10, fix);
            fixRow.setAlignment(Pos.CENTER_LEFT);
            fixRow.setPadding(new Insets(0, 0, 0, 90));
            Optional<String> action = NetworkViewModel.actionLabel(check);
            action.ifPresent(text -> {
                Button button = new Button(text);
                button.getStyleClass().add(NetworkStyles.CHECK_ACTION);
                button.setMinWidth(Region.USE_PREF_SIZE);
                button.setOnAction(e -> model.runAction(check));
                fixRow.getChildren().add(button);
            });
            row.getChildren().add(fixRow);
        }
        return row;
    }

    // ---- discovered Pis ----------------------------------------------------------------------

    private void showPis() {
        piGrid.getChildren().clear();
        if (model.pis().isEmpty()) {
            Label hint = wrapping(new Label(model.noPisHint()));
            hint.setId(NetworkStyles.NO_PIS_ID);
            Button scan = new Button("Scan again");
            scan.setId(NetworkStyles.SCAN_ID);
            scan.setMinWidth(Region.USE_PREF_SIZE);
            scan.disableProperty().bind(model.busyProperty().or(model.rehearsalProperty()));
            scan.setOnAction(e -> model.rerun());
            HBox empty = new HBox(12, hint, scan);
            empty.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(hint, Priority.ALWAYS);
            piGrid.add(empty, 0, 0, 6, 1);
            GridPane.setHgrow(empty, Priority.ALWAYS);
            return;
        }
        String[] headings = {"MAC", "Current IP", "Sends hostname", "Rack slot", "Fixed IP", ""};
        for (int column = 0; column < headings.length; column++) {
            piGrid.add(section(headings[column]), column, 0);
        }
        int line = 1;
        for (NetworkViewModel.PiRow pi : model.pis()) {
            piGrid.add(new Label(pi.mac()), 0, line);
            piGrid.add(new Label(pi.currentIp().isEmpty() ? "\u2013" : pi.currentIp()), 1, line);
            piGrid.add(new Label(pi.sentHostname().isEmpty() ? "\u2013" : pi.sentHostname()), 2, line);
            piGrid.add(slotChoice(pi), 3, line);
            piGrid.add(plannedIp(pi), 4, line);
            Button identify = new Button(pi.blinking() ? "Stop blinking" : "Identify");
            identify.getStyleClass().add(NetworkStyles.IDENTIFY);
            identify.setId("identify-" + pi.mac().replace(':', '-'));
            identify.pseudoClassStateChanged(NetworkStyles.BLINKING, pi.blinking());
            identify.setDisable(pi.currentIp().isEmpty());
            identify.setOnAction(e -> model.toggleIdentify(pi));
            piGrid.add(identify, 5, line);
            if (!pi.note().isEmpty()) {
                Label note = wrapping(new Label("\u26A0 " + pi.note()));
                note.getStyleClass().add(NetworkStyles.CHECK_FIX);
                piGrid.add(note, 0, ++line, 6, 1);
            }
            line++;
        }
    }

    private Node slotChoice(NetworkViewModel.PiRow pi) {
        ChoiceBox<String> slots = new ChoiceBox<>();
        slots.getItems().setAll(model.slotNames());
        slots.getStyleClass().add(NetworkStyles.PI_ROW);
        slots.setId("slot-" + pi.mac().replace(':', '-'));
        if (pi.assigned()) {
            slots.setValue(pi.slot());
        }
        slots.valueProperty().addListener((obs, old, chosen) -> {
            if (chosen != null && !chosen.equals(pi.slot())) {
                model.assign(pi, chosen);
            }
        });
        return slots;
    }

    private Node plannedIp(NetworkViewModel.PiRow pi) {
        TextField field = new TextField(pi.plannedIp());
        field.setPrefColumnCount(12);
        field.setPromptText(pi.assigned() ? "e.g. 192.168.2.101" : "assign a slot first");
        field.setDisable(!pi.assigned());
        Runnable commit = () -> {
            if (pi.assigned() && !field.getText().strip().equals(pi.plannedIp())) {
                model.setPlannedIp(pi.slot(), field.getText());
            }
        };
        field.setOnAction(e -> commit.run());
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commit.run();
            }
        });
        return field;
    }

    // ---- apply -------------------------------------------------------------------------------

    private Node applyPane() {
        Button apply = new Button("Apply\u2026");
        apply.setId(NetworkStyles.APPLY_ID);
        apply.disableProperty().bind(Bindings.createBooleanBinding(() -> model.applyStateProperty().get()
                == NetworkViewModel.ApplyState.APPLYING || model.busyProperty().get(), model.applyStateProperty(), model.busyProperty()));
        apply.setOnAction(e -> model.prepareApply());
        apply.setMinWidth(Region.USE_PREF_SIZE);
        Label explain = wrapping(new Label("Writes the fixed addresses (one administrator prompt), makes the DHCP server re-read them, "
                + "then makes each Pi release and rebind, waits for it at its new address and saves the rack."));
        HBox top = new HBox(12, apply, explain);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(explain, Priority.ALWAYS);

        Label target = new Label();
        target.textProperty().bind(Bindings.concat("Changes to ", model.diffTargetProperty(), ":"));
        diffLines.getStyleClass().add(NetworkStyles.DIFF);
        Button confirm = new Button("Write and apply\u2026");
        confirm.setId(NetworkStyles.CONFIRM_ID);
        confirm.setDefaultButton(true);
        confirm.setOnAction(e -> model.confirmApply());
        Button cancel = new Button("Cancel");
        cancel.setId(NetworkStyles.CANCEL_ID);
        cancel.setOnAction(e -> model.cancelApply());
        VBox preview = new VBox(6, target, diffLines, new HBox(8, confirm, cancel));
        preview.visibleProperty().bind(model.applyStateProperty().isEqualTo(NetworkViewModel.ApplyState.PREVIEW));
        preview.managedProperty().bind(preview.visibleProperty());

        Label result = wrapping(new Label());
        result.setId(NetworkStyles.APPLY_MESSAGE_ID);
        result.textProperty().bind(model.applyMessageProperty());
        result.getStyleClass().add(NetworkStyles.NOTICE);
        Region spacer = new Region();
        spacer.setMinHeight(12);
        return new VBox(8, top, preview, result, applyList, spacer);
    }

    private void showDiff() {
        diffLines.getChildren().clear();
        for (String line : model.diff()) {
            boolean header = line.startsWith("+++") || line.startsWith("---");
            Label label = new Label(line);
            label.getStyleClass().add(NetworkStyles.DIFF_LINE);
            label.pseudoClassStateChanged(NetworkStyles.ADDED, !header && line.startsWith("+"));
            label.pseudoClassStateChanged(NetworkStyles.REMOVED, !header && line.startsWith("-"));
            diffLines.getChildren().add(label);
        }
    }

    private void showApplyRows() {
        applyList.getChildren().clear();
        for (NetworkViewModel.ApplyRow row : model.applyRows()) {
            Label stage = new Label(NetworkStyles.badge(row.stage()));
            stage.getStyleClass().add(NetworkStyles.CHECK_STATUS);
            Label text = wrapping(new Label(row.message()));
            HBox line = new HBox(10, stage, text);
            line.getStyleClass().add(NetworkStyles.APPLY_ROW);
            applyList.getChildren().add(line);
        }
    }
}
