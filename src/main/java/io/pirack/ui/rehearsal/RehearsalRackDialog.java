package io.pirack.ui.rehearsal;

import io.pirack.core.settings.Settings;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/** File → "Rehearsal rack…": draws a {@link RehearsalRackForm}; OK is refused (with the reason) while the form has a problem. */
public final class RehearsalRackDialog {

    private RehearsalRackDialog() {
    }

    /** Shows the dialog; the settings to remember, or empty when cancelled. */
    public static Optional<Settings.Rehearsal> show(Window owner, RehearsalRackForm form, boolean onRehearsalRackNow) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Rehearsal rack");
        dialog.setHeaderText("The simulated rack: Kubernetes release, timings and speed");

        ChoiceBox<String> version = new ChoiceBox<>();
        version.getItems().setAll(form.versions());
        version.setValue(form.version());
        version.setConverter(new StringConverter<>() {
            @Override
            public String toString(String v) {
                return v == null ? "" : "Kubernetes " + v + (v.equals(form.versions().get(form.versions().size() - 1)) ? " (newest)" : "");
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        ChoiceBox<Settings.SimPreset> preset = new ChoiceBox<>();
        preset.getItems().setAll(Settings.SimPreset.values());
        preset.setValue(form.preset());
        preset.setConverter(new StringConverter<>() {
            @Override
            public String toString(Settings.SimPreset p) {
                return p == null ? "" : RehearsalRackForm.label(p);
            }

            @Override
            public Settings.SimPreset fromString(String s) {
                return null;
            }
        });
        Spinner<Double> speed = new Spinner<>(1.0, Settings.Rehearsal.MAX_TIME_SCALE, form.timeScale(), 1.0);
        speed.setEditable(true);
        Spinner<Integer> pis = new Spinner<>(1, Settings.Rehearsal.MAX_PIS, form.pis());
        pis.setEditable(true);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        grid.addRow(0, new Label("Release:"), version);
        grid.addRow(1, new Label("Timings:"), preset);
        grid.addRow(2, new Label("Speed (× real time):"), speed);
        grid.addRow(3, new Label("Pis on a new rack:"), pis);
        version.setAccessibleText("Kubernetes release");
        speed.setAccessibleText("Speed, times real time");
        Label effect = new Label(form.effect(onRehearsalRackNow));
        effect.setWrapText(true);
        effect.setMaxWidth(440);
        Label problem = new Label();
        problem.setWrapText(true);
        problem.setMaxWidth(440);
        problem.getStyleClass().add("form-problem");
        dialog.getDialogPane().setContent(new VBox(10, grid, effect, problem));
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, ButtonType.OK);
        dialog.getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            form.setVersion(version.getValue());
            form.setPreset(preset.getValue());
            form.setTimeScale(speed.getValue() == null ? 0 : speed.getValue());
            form.setPis(pis.getValue() == null ? 0 : pis.getValue());
            form.problem().ifPresent(p -> {
                problem.setText("⚠ " + p);
                e.consume();
            });
        });
        return dialog.showAndWait().filter(ButtonType.OK::equals).map(ok -> form.result());
    }
}
