package io.pirack.ui.recordings;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Recordings screen's state and commands. Backend calls run on {@code background}; their results
 * come back through {@code fx} (the FX thread in the app, {@code Runnable::run} in tests). While the
 * kiosk lock is on, renaming, keeping, deleting and revealing are refused with one sentence.
 */
public final class RecordingsViewModel {

    public static final String LOCKED = "Locked: the kiosk PIN is needed first (Booth screen → Unlock).";

    private final RecordingsBackend backend;
    private final Executor background;
    private final Executor fx;
    private final BooleanSupplier locked;
    private final ObservableList<RecordingsBackend.Row> rows = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public RecordingsViewModel(RecordingsBackend backend, Executor background, Executor fx, BooleanSupplier locked) {
        this.backend = backend;
        this.background = background;
        this.fx = fx;
        this.locked = locked;
    }

    public ObservableList<RecordingsBackend.Row> rows() {
        return rows;
    }

    /** One sentence: what just happened or why it did not. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Lists the sessions, then counts each one's runs (one by one, the list stays usable meanwhile). */
    public void refresh() {
        busy.set(true);
        background.execute(() -> {
            try {
                List<RecordingsBackend.Row> listed = backend.list();
                fx.execute(() -> {
                    rows.setAll(listed);
                    busy.set(false);
                    if (listed.isEmpty()) {
                        message.set("No recordings yet: PiRack records every session on a cluster.");
                    }
                });
                for (RecordingsBackend.Row row : listed) {
                    if (row.runs() < 0) {
                        int runs = countQuietly(row.id());
                        fx.execute(() -> replace(row.id(), r -> withRuns(r, runs)));
                    }
                }
            } catch (Exception e) {
                fx.execute(() -> {
                    busy.set(false);
                    message.set("Cannot list the recordings: " + e.getMessage());
                });
            }
        });
    }

    private int countQuietly(String id) {
        try {
            return backend.countRuns(id);
        } catch (Exception e) {
            return -2;
        }
    }

    private static RecordingsBackend.Row withRuns(RecordingsBackend.Row r, int runs) {
        return new RecordingsBackend.Row(r.id(), r.startedAt(), r.title(), r.source(), runs, r.bytes(), r.keep(), r.current());
    }

    private void replace(String id, java.util.function.UnaryOperator<RecordingsBackend.Row> change) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(id)) {
                rows.set(i, change.apply(rows.get(i)));
                return;
            }
        }
    }

    public void rename(RecordingsBackend.Row row, String name) {
        act(() -> backend.rename(row.id(), name), "Renamed to “" + (name == null ? "" : name.strip()) + "”.");
    }

    public void toggleKeep(RecordingsBackend.Row row) {
        boolean keep = !row.keep();
        act(() -> backend.setKeep(row.id(), keep), keep ? "Kept: “" + row.title() + "” is never deleted by retention."
                : "“" + row.title() + "” may be deleted by retention once it is not among the last 20 sessions.");
    }

    /** Call after the presenter confirmed. The session being recorded now is never deleted. */
    public void delete(RecordingsBackend.Row row) {
        if (row.current()) {
            message.set("“" + row.title() + "” is being recorded now; it can be deleted once another session starts.");
            return;
        }
        act(() -> backend.delete(row.id()), "Deleted “" + row.title() + "”.");
    }

    public void reveal(RecordingsBackend.Row row) {
        act(() -> backend.reveal(row.id()), null);
    }

    /** Whether a command may run now; says why not when it may not. */
    public boolean allowed() {
        if (locked.getAsBoolean()) {
            message.set(LOCKED);
            return false;
        }
        return true;
    }

    private interface Call {
        void run() throws Exception;
    }

    private void act(Call call, String done) {
        if (!allowed()) {
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                call.run();
                fx.execute(() -> {
                    if (done != null) {
                        message.set(done);
                    }
                    busy.set(false);
                    if (done != null) {
                        refresh();
                    }
                });
            } catch (Exception e) {
                fx.execute(() -> {
                    busy.set(false);
                    message.set(e.getMessage());
                });
            }
        });
    }
}
