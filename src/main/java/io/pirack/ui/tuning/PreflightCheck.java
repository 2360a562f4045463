package io.pirack.ui.tuning;

import io.pirack.core.preflight.Preflight;
import io.pirack.core.preflight.PreflightReport;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/** The preflight checklist before a show: every check with its result, and whether the booth is ready. */
public final class PreflightCheck {

    private final TuningTasks tasks;
    private final Supplier<List<String>> chosen;
    private final ObjectProperty<PreflightReport> preflight = new SimpleObjectProperty<>();
    private final BooleanProperty ready = new SimpleBooleanProperty();

    PreflightCheck(TuningTasks tasks, Supplier<List<String>> chosen) {
        this.tasks = tasks;
        this.chosen = chosen;
    }

    /** A new cluster: not checked yet. */
    void reset() {
        preflight.set(null);
    }

    public void check() {
        TuningBackend b = tasks.backend();
        if (b == null) {
            return;
        }
        List<String> keys = chosen.get();
        tasks.run("Running the preflight", () -> Preflight.check(b.preflightInputs(keys)), report -> {
            preflight.set(report);
            ready.set(report.ready());
        });
    }

    public ReadOnlyObjectProperty<PreflightReport> preflightProperty() {
        return preflight;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }
}
