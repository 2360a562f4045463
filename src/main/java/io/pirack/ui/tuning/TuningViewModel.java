package io.pirack.ui.tuning;

import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.DeadManCheck;
import io.pirack.core.tuning.FailoverPrediction;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.TuningOverview;
import io.pirack.core.tuning.TuningWarning;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
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
 * State of the Tuning screen: the effective settings with their sources, warnings, the demo
 * Deployments and the predicted (and, after a drill, measured) failover time. Each panel has its
 * own model: {@link #tolerations()} (action 1), {@link #controlPlane()} (actions 2 and 3),
 * {@link #prePull()} and {@link #preflight()}; {@link #tasks()} holds what they share (the change
 * shown before it is applied, busy, status, history).
 *
 * <p>Blocking work runs on the injected background executor; results land through the injected FX
 * executor. Tests inject {@code Runnable::run} for both.
 */
public final class TuningViewModel {

    private final TuningTasks tasks;
    private final TolerationActions tolerations;
    private final ControlPlaneActions controlPlane;
    private final ImagePrePull prePull;
    private final PreflightCheck preflight;

    private final StringProperty clusterName = new SimpleStringProperty("not connected");
    private final BooleanProperty rehearsal = new SimpleBooleanProperty();
    private final ObjectProperty<TuningOverview> overview = new SimpleObjectProperty<>();
    private final ObservableList<TuningOverview.SettingRow> settingRows = FXCollections.observableArrayList();
    private final ObservableList<TuningWarning> warnings = FXCollections.observableArrayList();
    private final ObservableList<TuningOverview.WorkloadRow> workloadRows = FXCollections.observableArrayList();
    private final StringProperty prediction = new SimpleStringProperty("—");
    private final ObjectProperty<Duration> measuredFailover = new SimpleObjectProperty<>();
    private final StringProperty measured = new SimpleStringProperty("no drill yet");

    private final ObservableList<String> deployments = FXCollections.observableArrayList();
    private final ObservableList<String> chosen = FXCollections.observableArrayList();
    /** Once the presenter picks, even nothing, the suggestion no longer overrides the choice. */
    private boolean chosenByPresenter;

    public TuningViewModel(Executor background, Executor fx, Clock clock) {
        tasks = new TuningTasks(background, fx, clock);
        tasks.afterApply(this::refresh);
        tolerations = new TolerationActions(tasks, this::chosenNow, this::settingsNow, this::refresh);
        controlPlane = new ControlPlaneActions(tasks, this::refresh);
        prePull = new ImagePrePull(tasks, this::chosenNow);
        preflight = new PreflightCheck(tasks, this::chosenNow);
        measuredFailover.addListener((obs, old, now) -> measured.set(now == null ? "no drill yet" : "measured in the last drill: " + seconds(now)));
    }

    /** Switches to another cluster (or none) and reads everything again. */
    public void connect(TuningBackend newBackend) {
        tasks.connect(newBackend);
        controlPlane.reset();
        deployments.clear();
        chosen.clear();
        chosenByPresenter = false;
        prePull.reset();
        preflight.reset();
        measuredFailover.set(null);
        clusterName.set(newBackend == null ? "not connected" : newBackend.describe());
        rehearsal.set(newBackend != null && newBackend.rehearsal());
        if (newBackend != null) {
            refresh();
        }
    }

    /** Reads the settings, the Deployments and the chosen ones' tolerations and images. */
    public void refresh() {
        TuningBackend b = tasks.backend();
        if (b == null) {
            return;
        }
        List<String> wanted = List.copyOf(chosen);
        boolean suggest = !chosenByPresenter;
        tasks.run("Reading the cluster's settings", () -> {
            List<String> all = b.deployments();
            List<String> picked = suggest ? b.suggestedDeployments(all) : wanted.stream().filter(all::contains).toList();
            EffectiveSettings settings = b.settings();
            List<DemoWorkload> workloads = b.workloads(picked);
            List<String> imageList = b.images(picked);
            return new Reading(all, picked, TuningOverview.of(settings, workloads), imageList,
                    imageList.isEmpty() ? null : b.imagePresence(picked, imageList), b.prePullRunning(), b.deadManSeconds());
        }, reading -> {
            deployments.setAll(reading.deployments());
            chosen.setAll(reading.chosen());
            show(reading.overview(), reading.deadManSeconds());
            prePull.show(reading.images(), reading.presence(), reading.prePulling());
        });
    }

    private record Reading(List<String> deployments, List<String> chosen, TuningOverview overview, List<String> images,
                           ImagePresence presence, boolean prePulling, int deadManSeconds) {
    }

    private void show(TuningOverview o, int deadManSeconds) {
        overview.set(o);
        settingRows.setAll(o.rows());
        warnings.setAll(o.warnings());
        DeadManCheck.check(deadManSeconds, o.workloads(), FailoverPrediction.predict(o.settings(), List.of())).ifPresent(warnings::add);
        workloadRows.setAll(o.workloads());
        prediction.set(o.workloads().isEmpty()
                ? FailoverPrediction.predict(o.settings(), List.of()).summary() + " (pods without their own toleration)"
                : o.workloads().stream().map(w -> w.deployment() + ": " + w.prediction().summary())
                        .reduce((a, c) -> a + "\n" + c).orElse(""));
    }

    /** Lets the presenter pick the demo Deployments; reads their tolerations and images again. */
    public void choose(List<String> deploymentKeys) {
        chosenByPresenter = true;
        chosen.setAll(deploymentKeys);
        refresh();
    }

    private List<String> chosenNow() {
        return List.copyOf(chosen);
    }

    private EffectiveSettings settingsNow() {
        return overview.get() == null ? null : overview.get().settings();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    public TuningTasks tasks() {
        return tasks;
    }

    public TolerationActions tolerations() {
        return tolerations;
    }

    public ControlPlaneActions controlPlane() {
        return controlPlane;
    }

    public ImagePrePull prePull() {
        return prePull;
    }

    public PreflightCheck preflight() {
        return preflight;
    }

    public ReadOnlyStringProperty clusterNameProperty() {
        return clusterName;
    }

    public ReadOnlyBooleanProperty rehearsalProperty() {
        return rehearsal;
    }

    public ReadOnlyObjectProperty<TuningOverview> overviewProperty() {
        return overview;
    }

    public ObservableList<TuningOverview.SettingRow> settingRows() {
        return settingRows;
    }

    public ObservableList<TuningWarning> warnings() {
        return warnings;
    }

    public ObservableList<TuningOverview.WorkloadRow> workloadRows() {
        return workloadRows;
    }

    public ReadOnlyStringProperty predictionProperty() {
        return prediction;
    }

    /** The latest measured failover (plug pull → pods moving), set from the timeline. */
    public ObjectProperty<Duration> measuredFailoverProperty() {
        return measuredFailover;
    }

    public ReadOnlyStringProperty measuredProperty() {
        return measured;
    }

    public ObservableList<String> deployments() {
        return deployments;
    }

    public ObservableList<String> chosen() {
        return chosen;
    }
}
