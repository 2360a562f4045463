package io.pirack.ui.tuning;

import io.pirack.core.preflight.Preflight;
import io.pirack.core.preflight.PreflightReport;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.FailoverPrediction;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.TolerationTuning;
import io.pirack.core.tuning.TuningAdvisor;
import io.pirack.core.tuning.TuningChange;
import io.pirack.core.tuning.TuningOverview;
import io.pirack.core.tuning.TuningWarning;
import io.pirack.tuning.AppliedEdit;
import io.pirack.tuning.PreparedEdit;
import io.pirack.tuning.TolerationPatchPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and commands of the Tuning screen: the effective settings with their sources, warnings,
 * the predicted (and, after a drill, measured) failover time, the three tuning actions (each shown
 * as a diff before it is applied, each revertible), image pre-pull and the preflight checklist.
 *
 * <p>Blocking work runs on the injected background executor; results land through the injected FX
 * executor. Tests inject {@code Runnable::run} for both.
 */
public final class TuningViewModel {

    /** A change computed and shown, waiting for the presenter to press Apply or Cancel. */
    public record PendingChange(String title, String diff, List<String> warnings, String prediction) {
        public PendingChange {
            warnings = List.copyOf(warnings);
        }
    }

    public static final long DEFAULT_TOLERATION_SECONDS = 2;
    public static final int DEFAULT_GRACE_SECONDS = 20;
    public static final int DEFAULT_LEASE_SECONDS = 20;
    public static final int DEFAULT_API_TOLERATION_SECONDS = 10;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final Executor background;
    private final Executor fx;
    private final Clock clock;
    private volatile TuningBackend backend;

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
    private final IntegerProperty tolerationSeconds = new SimpleIntegerProperty((int) DEFAULT_TOLERATION_SECONDS);
    private final IntegerProperty apiNotReadySeconds = new SimpleIntegerProperty(DEFAULT_API_TOLERATION_SECONDS);
    private final IntegerProperty apiUnreachableSeconds = new SimpleIntegerProperty(DEFAULT_API_TOLERATION_SECONDS);
    private final IntegerProperty graceSeconds = new SimpleIntegerProperty(DEFAULT_GRACE_SECONDS);
    private final IntegerProperty leaseSeconds = new SimpleIntegerProperty(DEFAULT_LEASE_SECONDS);

    private final ObjectProperty<PendingChange> pending = new SimpleObjectProperty<>();
    private Callable<String> pendingApply;
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<AppliedEdit> appliedEdits = FXCollections.observableArrayList();

    private final ObservableList<String> images = FXCollections.observableArrayList();
    private final ObjectProperty<ImagePresence> presence = new SimpleObjectProperty<>();
    private final BooleanProperty prePulling = new SimpleBooleanProperty();

    private final ObjectProperty<PreflightReport> preflight = new SimpleObjectProperty<>();
    private final BooleanProperty ready = new SimpleBooleanProperty();

    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private int running;

    public TuningViewModel(Executor background, Executor fx, Clock clock) {
        this.background = background;
        this.fx = fx;
        this.clock = clock;
        measuredFailover.addListener((obs, old, now) -> measured.set(now == null ? "no drill yet" : "measured in the last drill: " + seconds(now)));
    }

    /** Switches to another cluster (or none) and reads everything again. */
    public void connect(TuningBackend newBackend) {
        backend = newBackend;
        pending.set(null);
        pendingApply = null;
        appliedEdits.clear();
        deployments.clear();
        chosen.clear();
        chosenByPresenter = false;
        images.clear();
        presence.set(null);
        preflight.set(null);
        measuredFailover.set(null);
        clusterName.set(newBackend == null ? "not connected" : newBackend.describe());
        rehearsal.set(newBackend != null && newBackend.rehearsal());
        if (newBackend != null) {
            refresh();
        }
    }

    /** Reads the settings, the Deployments and the chosen ones' tolerations and images. */
    public void refresh() {
        TuningBackend b = backend;
        if (b == null) {
            return;
        }
        List<String> wanted = List.copyOf(chosen);
        boolean suggest = !chosenByPresenter;
        run("Reading the cluster's settings", () -> {
            List<String> all = b.deployments();
            List<String> picked = suggest ? b.suggestedDeployments(all) : wanted.stream().filter(all::contains).toList();
            EffectiveSettings settings = b.settings();
            List<DemoWorkload> workloads = b.workloads(picked);
            List<String> imageList = b.images(picked);
            return new Reading(all, picked, TuningOverview.of(settings, workloads), imageList,
                    imageList.isEmpty() ? null : b.imagePresence(picked, imageList), b.prePullRunning());
        }, reading -> {
            deployments.setAll(reading.deployments());
            chosen.setAll(reading.chosen());
            show(reading.overview());
            images.setAll(reading.images());
            presence.set(reading.presence());
            prePulling.set(reading.prePulling());
        });
    }

    private record Reading(List<String> deployments, List<String> chosen, TuningOverview overview, List<String> images,
                           ImagePresence presence, boolean prePulling) {
    }

    private void show(TuningOverview o) {
        overview.set(o);
        settingRows.setAll(o.rows());
        warnings.setAll(o.warnings());
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

    // ---- action 1: tolerationSeconds on the chosen Deployments ----

    /** Computes the toleration change for every chosen Deployment and shows it; nothing is written. */
    public void previewTolerations() {
        TuningBackend b = backend;
        long seconds = tolerationSeconds.get();
        List<String> targets = List.copyOf(chosen);
        if (b == null || targets.isEmpty()) {
            status.set("Choose at least one demo Deployment first.");
            return;
        }
        if (seconds < TolerationTuning.MIN_SECONDS || seconds > TolerationTuning.MAX_SECONDS) {
            status.set("tolerationSeconds must be " + TolerationTuning.MIN_SECONDS + "–" + TolerationTuning.MAX_SECONDS + " s.");
            return;
        }
        EffectiveSettings settings = overview.get() == null ? null : overview.get().settings();
        run("Computing the toleration change", () -> {
            List<TolerationPatchPlan> plans = new ArrayList<>();
            for (String key : targets) {
                plans.add(b.prepareTolerations(key, seconds));
            }
            return plans;
        }, plans -> offer(tolerationChange("Set tolerationSeconds " + seconds + " s on " + String.join(", ", targets), plans, settings),
                () -> {
                    for (TolerationPatchPlan plan : plans) {
                        b.applyTolerations(plan);
                    }
                    return "tolerationSeconds " + seconds + " s on " + String.join(", ", targets)
                            + "; the previous tolerations are kept in the Deployment (pirack.io/previous-tolerations)";
                }));
    }

    /** One click: puts back the tolerations PiRack found before its first change, on every chosen Deployment. */
    public void revertTolerations() {
        TuningBackend b = backend;
        List<String> targets = List.copyOf(chosen);
        if (b == null || targets.isEmpty()) {
            return;
        }
        run("Reverting the tolerations", () -> {
            List<String> done = new ArrayList<>();
            for (String key : targets) {
                TolerationPatchPlan plan = b.prepareTolerationRevert(key);
                b.applyTolerations(plan);
                done.add(plan.diff());
            }
            return done;
        }, diffs -> {
            record("Reverted tolerations:\n" + String.join("\n", diffs));
            refresh();
        });
    }

    private static PendingChange tolerationChange(String title, List<TolerationPatchPlan> plans, EffectiveSettings settings) {
        List<String> warnings = new ArrayList<>();
        StringBuilder diff = new StringBuilder();
        String predicted = "";
        for (TolerationPatchPlan plan : plans) {
            diff.append(plan.unchanged() ? plan.namespace() + "/" + plan.deployment() + ": already so, nothing to change\n" : plan.diff());
            if (!diff.isEmpty() && diff.charAt(diff.length() - 1) != '\n') {
                diff.append('\n');
            }
            plan.warnings().forEach(w -> warnings.add(plan.namespace() + "/" + plan.deployment() + ": " + w));
            if (settings != null && predicted.isEmpty()) {
                predicted = "Afterwards, pods move " + FailoverPrediction.predict(settings, plan.after()).summary() + " after the plug is pulled.";
            }
        }
        warnings.add("The Deployments roll: their pods restart once with the new tolerations.");
        return new PendingChange(title, diff.toString(), warnings, predicted);
    }

    // ---- actions 2 and 3: control-plane flags over SSH ----

    /** Action 2: the API server's default toleration flags. */
    public void previewApiServerDefaults() {
        previewControlPlane("API server default tolerations", TuningChange.none()
                .withDefaultTolerations(apiNotReadySeconds.get(), apiUnreachableSeconds.get()), List.of());
    }

    /** Action 3: the controller-manager grace period together with the kubelet lease duration. */
    public void previewGraceAndLease() {
        Duration grace = Duration.ofSeconds(graceSeconds.get());
        int lease = leaseSeconds.get();
        List<String> extra = new ArrayList<>();
        Duration renew = Duration.ofMillis(Math.round(lease * 1000 * EffectiveSettings.LEASE_RENEW_FRACTION));
        if (TuningAdvisor.isFlappingRisk(grace, renew)) {
            extra.add("FLAPPING RISK: a " + graceSeconds.get() + " s grace period is under " + TuningAdvisor.SAFE_RENEWALS_PER_GRACE
                    + " lease renewals; use a lease of at most " + TuningAdvisor.maxSafeLeaseSeconds(grace) + " s.");
        }
        previewControlPlane("Grace period " + graceSeconds.get() + " s, kubelet lease " + lease + " s",
                TuningChange.none().withGraceAndLease(grace, lease), extra);
    }

    private void previewControlPlane(String title, TuningChange change, List<String> extraWarnings) {
        TuningBackend b = backend;
        if (b == null) {
            return;
        }
        if (b.rehearsal()) {
            status.set("Real clusters only: the rehearsal rack has no control-plane files (pick its timings in File ▸ Use Rehearsal Rack).");
            return;
        }
        List<String> problems = change.problems();
        if (!problems.isEmpty()) {
            status.set("Not applied: " + String.join("; ", problems) + ".");
            return;
        }
        run("Reading the files to change over SSH", () -> b.prepareControlPlane(change), plan -> {
            if (plan.edits().isEmpty()) {
                status.set(plan.notes().isEmpty() ? "Nothing to change." : String.join(" ", plan.notes()));
                return;
            }
            StringBuilder diff = new StringBuilder();
            for (PreparedEdit edit : plan.edits()) {
                diff.append("# ").append(edit.target().alias()).append(": ").append(edit.plan().describe())
                        .append(" (backup: ").append(edit.edit().createsFile() ? "none, new file" : edit.backupPath()).append(")\n")
                        .append(edit.edit().diff());
                if (diff.charAt(diff.length() - 1) != '\n') {
                    diff.append('\n');
                }
            }
            List<String> warns = new ArrayList<>(extraWarnings);
            warns.addAll(plan.notes());
            offer(new PendingChange(title, diff.toString(), warns, ""), () -> {
                List<String> lines = new ArrayList<>();
                for (PreparedEdit edit : plan.edits()) {
                    AppliedEdit applied = b.applyEdit(edit);
                    fx.execute(() -> appliedEdits.add(applied));
                    lines.add(applied.target().alias() + " " + applied.path()
                            + applied.backupPath().map(p -> " (backup " + p + ")").orElse(" (created)")
                            + applied.restartProblem().map(p -> " — restart problem: " + p).orElse(""));
                }
                return title + ": " + String.join("; ", lines);
            });
        });
    }

    /** One click: restores every file PiRack changed in this session from its backup, newest first. */
    public void revertControlPlane() {
        TuningBackend b = backend;
        List<AppliedEdit> edits = new ArrayList<>(appliedEdits);
        if (b == null || edits.isEmpty()) {
            return;
        }
        run("Restoring the backups", () -> {
            List<String> lines = new ArrayList<>();
            for (int i = edits.size() - 1; i >= 0; i--) {
                AppliedEdit edit = edits.get(i);
                Optional<String> problem = b.revertEdit(edit);
                lines.add(edit.target().alias() + " " + edit.path() + " restored" + problem.map(p -> " — restart problem: " + p).orElse(""));
            }
            return lines;
        }, lines -> {
            appliedEdits.clear();
            record("Reverted: " + String.join("; ", lines));
            refresh();
        });
    }

    /** After an app restart: finds PiRack's backups on the Pis so one click reverts to the state before PiRack. */
    public void findBackups() {
        TuningBackend b = backend;
        if (b == null || b.rehearsal()) {
            return;
        }
        run("Looking for PiRack backups on the Pis", b::findBackups, found -> {
            appliedEdits.setAll(found);
            record(found.isEmpty() ? "No PiRack backups on the Pis" : "Found backups: " + String.join("; ",
                    found.stream().map(e -> e.target().alias() + " " + e.backupPath().orElse("")).toList()));
        });
    }

    // ---- pending change: shown first, then applied or cancelled ----

    private void offer(PendingChange change, Callable<String> apply) {
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
            refresh();
        });
    }

    public void cancelPending() {
        pendingApply = null;
        pending.set(null);
    }

    // ---- images ----

    public void prePull() {
        TuningBackend b = backend;
        List<String> list = List.copyOf(images);
        List<String> keys = List.copyOf(chosen);
        if (b == null || list.isEmpty()) {
            status.set("No demo images to pre-pull: choose the demo Deployments first.");
            return;
        }
        run("Starting the pre-pull", () -> {
            b.startPrePull(list);
            return b.imagePresence(keys, list);
        }, p -> {
            prePulling.set(true);
            presence.set(p);
            record("Pre-pull started for " + list.size() + " images on every node");
        });
    }

    /** Re-reads per node and image how the pre-pull is going; called every few seconds while it runs. */
    public void refreshImages() {
        TuningBackend b = backend;
        List<String> list = List.copyOf(images);
        List<String> keys = List.copyOf(chosen);
        if (b == null || list.isEmpty()) {
            return;
        }
        run(null, () -> b.imagePresence(keys, list), presence::set);
    }

    public void cleanUpPrePull() {
        TuningBackend b = backend;
        if (b == null) {
            return;
        }
        run("Cleaning up the pre-pull", () -> {
            b.cleanUpPrePull();
            return Boolean.TRUE;
        }, done -> {
            prePulling.set(false);
            record("Pre-pull DaemonSet removed (the images stay until the kubelet's garbage collection needs the space)");
        });
    }

    // ---- preflight ----

    public void checkPreflight() {
        TuningBackend b = backend;
        if (b == null) {
            return;
        }
        List<String> keys = List.copyOf(chosen);
        run("Running the preflight", () -> Preflight.check(b.preflightInputs(keys)), report -> {
            preflight.set(report);
            ready.set(report.ready());
        });
    }

    // ---- plumbing ----

    private <T> void run(String what, Callable<T> work, Consumer<T> onFx) {
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

    private void done(String what) {
        if (what != null) {
            running = Math.max(0, running - 1);
            busy.set(running > 0);
        }
    }

    private void record(String line) {
        history.add(0, LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()).format(STAMP) + "  " + line);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    // ---- properties ----

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

    /** The lead's drill sets this to the failover time it measured (plug pull → pods moving). */
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

    public IntegerProperty tolerationSecondsProperty() {
        return tolerationSeconds;
    }

    public IntegerProperty apiNotReadySecondsProperty() {
        return apiNotReadySeconds;
    }

    public IntegerProperty apiUnreachableSecondsProperty() {
        return apiUnreachableSeconds;
    }

    public IntegerProperty graceSecondsProperty() {
        return graceSeconds;
    }

    public IntegerProperty leaseSecondsProperty() {
        return leaseSeconds;
    }

    public ReadOnlyObjectProperty<PendingChange> pendingProperty() {
        return pending;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ObservableList<AppliedEdit> appliedEdits() {
        return appliedEdits;
    }

    public ObservableList<String> images() {
        return images;
    }

    public ReadOnlyObjectProperty<ImagePresence> presenceProperty() {
        return presence;
    }

    public ReadOnlyBooleanProperty prePullingProperty() {
        return prePulling;
    }

    public ReadOnlyObjectProperty<PreflightReport> preflightProperty() {
        return preflight;
    }

    public ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}
