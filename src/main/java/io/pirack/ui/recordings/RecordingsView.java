package io.pirack.ui.recordings;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * File → Recordings…: every recorded session with its start, name, source, runs, size and "keep";
 * rename, keep/unkeep, show the folder, delete after a confirmation. F2 renames, Delete deletes.
 */
public final class RecordingsView extends BorderPane {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final RecordingsViewModel model;
    private final TableView<RecordingsBackend.Row> table = new TableView<>();
    private String selectedId;

    public RecordingsView(RecordingsViewModel model, ZoneId zone, boolean mac) {
        this.model = model;
        getStyleClass().add("recordings");
        setPadding(new Insets(12));

        table.setId("recordings-table");
        table.setItems(model.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No recordings yet."));
        table.getColumns().add(column("Started", 190, r -> WHEN.withZone(zone).format(r.startedAt())));
        table.getColumns().add(column("Name", 220, RecordingsBackend.Row::title));
        table.getColumns().add(column("Source", 200, RecordingsBackend.Row::source));
        table.getColumns().add(column("Runs", 60, r -> RecordingsFormat.runs(r.runs())));
        table.getColumns().add(column("Size", 80, r -> RecordingsFormat.size(r.bytes())));
        table.getColumns().add(column("Status", 150, RecordingsFormat::status));
        setCenter(table);
        // A refresh replaces the rows: the same session stays selected.
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selectedId = now.id();
            }
        });
        model.rows().addListener((javafx.collections.ListChangeListener<RecordingsBackend.Row>) change -> {
            for (int i = 0; i < model.rows().size(); i++) {
                if (model.rows().get(i).id().equals(selectedId)) {
                    table.getSelectionModel().select(i);
                    return;
                }
            }
        });

        Button rename = button("recordings-rename", "Rename…", this::rename);
        Button keep = button("recordings-keep", "Keep", () -> selected().ifPresent(model::toggleKeep));
        keep.textProperty().bind(Bindings.createStringBinding(() -> {
            RecordingsBackend.Row row = table.getSelectionModel().getSelectedItem();
            return row != null && row.keep() ? "Don't Keep" : "Keep";
        }, table.getSelectionModel().selectedItemProperty()));
        Button reveal = button("recordings-reveal", mac ? "Reveal in Finder" : "Open Folder", () -> selected().ifPresent(model::reveal));
        Button delete = button("recordings-delete", "Delete…", this::delete);
        for (Button b : new Button[] {rename, keep, reveal, delete}) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busyProperty()));
        }
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        progress.visibleProperty().bind(model.busyProperty());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, rename, keep, reveal, delete, gap, progress);
        Label message = new Label();
        message.setId("recordings-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label rule = new Label("PiRack keeps every session of the last 90 days, up to 2 GiB — and always the last 20 sessions"
                + " and every session marked Keep.");
        rule.setWrapText(true);
        rule.getStyleClass().add("recordings-rule");
        VBox bottom = new VBox(8, buttons, message, rule);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        setBottom(bottom);

        table.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.F2) {
                rename();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                delete();
                e.consume();
            }
        });
    }

    private static TableColumn<RecordingsBackend.Row, String> column(String title, double width,
                                                                      java.util.function.Function<RecordingsBackend.Row, String> text) {
        TableColumn<RecordingsBackend.Row, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(text.apply(c.getValue())));
        return column;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(e -> action.run());
        return button;
    }

    private Optional<RecordingsBackend.Row> selected() {
        return Optional.ofNullable(table.getSelectionModel().getSelectedItem());
    }

    private void rename() {
        Optional<RecordingsBackend.Row> row = selected();
        if (row.isEmpty() || !model.allowed()) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(row.get().title());
        dialog.initOwner(getScene() == null ? null : getScene().getWindow());
        dialog.setTitle("Rename recording");
        dialog.setHeaderText("A name for the session started " + WHEN.withZone(ZoneId.systemDefault()).format(row.get().startedAt()));
        dialog.getEditor().setId("recordings-name");
        dialog.showAndWait().ifPresent(name -> model.rename(row.get(), name));
    }

    private void delete() {
        Optional<RecordingsBackend.Row> row = selected();
        if (row.isEmpty() || !model.allowed()) {
            return;
        }
        RecordingsBackend.Row r = row.get();
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
        confirm.initOwner(getScene() == null ? null : getScene().getWindow());
        confirm.setTitle("Delete recording");
        confirm.setHeaderText("Delete “" + r.title() + "”?");
        confirm.setContentText(RecordingsFormat.runsInWords(r.runs()) + ", " + RecordingsFormat.size(r.bytes())
                + (r.keep() ? ", marked Keep" : "") + ". The session's folder is removed; this cannot be undone.");
        confirm.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        ButtonType deleteButton = new ButtonType("Delete", ButtonBar.ButtonData.OK_DONE);
        confirm.getButtonTypes().setAll(ButtonType.CANCEL, deleteButton);
        ((Button) confirm.getDialogPane().lookupButton(deleteButton)).setDefaultButton(false);
        ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        confirm.showAndWait().filter(deleteButton::equals).ifPresent(b -> model.delete(r));
    }
}
