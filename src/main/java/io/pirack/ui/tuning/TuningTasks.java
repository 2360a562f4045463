package io.pirack.ui.tuning;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What every Tuning panel shares: the cluster's backend, blocking work off the FX thread with a
 * busy flag and one status line, the change shown before it is applied, and the history of what
 * was applied. Results land through the injected FX executor.
 */
public final class TuningTasks {

    /** A change computed and shown, waiting for the presenter to press Apply or Cancel. */
    public record PendingChange(String title, String diff, List<String> warnings, String prediction) {
        public PendingChange {
            warnings = List.copyOf(warnings);
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private final ObjectProperty<PendingChange> pending = new SimpleObjectProperty<>();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private volatile TuningBackend backend;
    private Callable<String> pendingApply;
    private Runnable afterApply = () -> { };
    private int running;

    TuningTasks(Executor background, Executor fx, Clock clock) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
    }

    TuningBackend backend() {
        return backend;
    }

    /** A new cluster (or none): the change on show is dropped. */
    void connect(TuningBackend newBackend) {
        backend = newBackend;
        cancelPending();
    }

    /** What to do after a change was applied (read the cluster again). */
    void afterApply(Runnable action) {
        afterApply = action;
    }

    /** Shows the change; {@code apply} runs (in the background) only on Apply. */
    void offer(PendingChange change, Callable<String> apply) {
        pendingApply = apply;
        pending.set(change);
    }

    public void applyPending() {
        Callable<String> apply = pendingApply;
        if (apply == null) {
            return;
        }
        pendingApply = null;
        pending.set(null);
        run("Applying", apply, done -> {
            record(done);
            afterApply.run();
        });
    }

    public void cancelPending() {
        pendingApply = null;
        pending.set(null);
    }

    /**
     * Runs blocking work in the background and hands its result to {@code onFx} on the FX thread;
     * {@code what} (null for a quiet refresh) shows as the status while it runs, a failure as one sentence.
     */
    <T> void run(String what, Callable<T> work, Consumer<T> onFx) {
        if (what != null) {
            running++;
            busy.set(true);
            status.set(what + "…");
        }
        background.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                fx.execute(() -> {
                    done(what);
                    status.set((what == null ? "Refresh" : what) + " failed: " + message);
                });
                return;
            }
            fx.execute(() -> {
                done(what);
                if (what != null) {
                    status.set("");
                }
                onFx.accept(result);
            });
        });
    }

    /** Runs on the FX thread (from background work that produces a result per step). */
    void onFx(Runnable action) {
        fx.execute(action);
    }

    private void done(String what) {
        if (what != null) {
            running = Math.max(0, running - 1);
            busy.set(running > 0);
        }
    }

    void record(String line) {
        history.add(0, LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()).format(STAMP) + "  " + line);
    }

    void say(String sentence) {
        status.set(sentence);
    }

    public ReadOnlyObjectProperty<PendingChange> pendingProperty() {
        return pending;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
