package io.pirack.ui.tuning;

import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.EffectiveSettings;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.TuningAdvisor;
import io.pirack.core.tuning.TuningChange;
import io.pirack.ui.tuning.TuningTasks.PendingChange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Actions 2 and 3, real clusters only: control-plane flags edited over SSH (the API server's
 * default tolerations; the grace period with the kubelet lease), each file backed up and restorable.
 */
public final class ControlPlaneActions {

    public static final int DEFAULT_GRACE_SECONDS = 20;
    public static final int DEFAULT_LEASE_SECONDS = 20;
    public static final int DEFAULT_API_TOLERATION_SECONDS = 10;

    private final TuningTasks tasks;
    private final Runnable refresh;
    private final IntegerProperty apiNotReadySeconds = new SimpleIntegerProperty(DEFAULT_API_TOLERATION_SECONDS);
    private final IntegerProperty apiUnreachableSeconds = new SimpleIntegerProperty(DEFAULT_API_TOLERATION_SECONDS);
    private final IntegerProperty graceSeconds = new SimpleIntegerProperty(DEFAULT_GRACE_SECONDS);
    private final IntegerProperty leaseSeconds = new SimpleIntegerProperty(DEFAULT_LEASE_SECONDS);
    private final ObservableList<AppliedEdit> appliedEdits = FXCollections.observableArrayList();

    ControlPlaneActions(TuningTasks tasks, Runnable refresh) {
        this.tasks = tasks;
        this.refresh = refresh;
    }

    /** A new cluster: this session's edits belong to the old one. */
    void reset() {
        appliedEdits.clear();
    }

    /** Action 2: the API server's default toleration flags. */
    public void previewApiServerDefaults() {
        preview("API server default tolerations", TuningChange.none()
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
        preview("Grace period " + graceSeconds.get() + " s, kubelet lease " + lease + " s",
                TuningChange.none().withGraceAndLease(grace, lease), extra);
    }

    private void preview(String title, TuningChange change, List<String> extraWarnings) {
        TuningBackend b = tasks.backend();
        if (b == null) {
            return;
        }
        if (b.rehearsal()) {
            tasks.say("Real clusters only: the rehearsal rack has no control-plane files (pick its timings in File ▸ Use Rehearsal Rack).");
            return;
        }
        List<String> problems = change.problems();
        if (!problems.isEmpty()) {
            tasks.say("Not applied: " + String.join("; ", problems) + ".");
            return;
        }
        tasks.run("Reading the files to change over SSH", () -> b.prepareControlPlane(change), plan -> {
            if (plan.edits().isEmpty()) {
                tasks.say(plan.notes().isEmpty() ? "Nothing to change." : String.join(" ", plan.notes()));
                return;
            }
            StringBuilder diff = new StringBuilder();
            for (PreparedEdit edit : plan.edits()) {
                diff.append("# ").append(edit.pi()).append(": ").append(edit.plan().describe())
                        .append(" (backup: ").append(edit.edit().createsFile() ? "none, new file" : edit.backupPath()).append(")\n")
                        .append(edit.edit().diff());
                if (diff.charAt(diff.length() - 1) != '\n') {
                    diff.append('\n');
                }
            }
            List<String> warns = new ArrayList<>(extraWarnings);
            warns.addAll(plan.notes());
            tasks.offer(new PendingChange(title, diff.toString(), warns, ""), () -> {
                List<String> lines = new ArrayList<>();
                for (PreparedEdit edit : plan.edits()) {
                    AppliedEdit applied = b.applyEdit(edit);
                    tasks.onFx(() -> appliedEdits.add(applied));
                    lines.add(applied.pi() + " " + applied.path()
                            + applied.backupPath().map(p -> " (backup " + p + ")").orElse(" (created)")
                            + applied.restartProblem().map(p -> " — restart problem: " + p).orElse(""));
                }
                return title + ": " + String.join("; ", lines);
            });
        });
    }

    /** One click: restores every file PiRack changed in this session from its backup, newest first. */
    public void revert() {
        TuningBackend b = tasks.backend();
        List<AppliedEdit> edits = new ArrayList<>(appliedEdits);
        if (b == null || edits.isEmpty()) {
            return;
        }
        tasks.run("Restoring the backups", () -> {
            List<String> lines = new ArrayList<>();
            for (int i = edits.size() - 1; i >= 0; i--) {
                AppliedEdit edit = edits.get(i);
                Optional<String> problem = b.revertEdit(edit);
                lines.add(edit.pi() + " " + edit.path() + " restored" + problem.map(p -> " — restart problem: " + p).orElse(""));
            }
            return lines;
        }, lines -> {
            appliedEdits.clear();
            tasks.record("Reverted: " + String.join("; ", lines));
            refresh.run();
        });
    }

    /** After an app restart: finds PiRack's backups on the Pis so one click reverts to the state before PiRack. */
    public void findBackups() {
        TuningBackend b = tasks.backend();
        if (b == null || b.rehearsal()) {
            return;
        }
        tasks.run("Looking for PiRack backups on the Pis", b::findBackups, found -> {
            appliedEdits.setAll(found);
            tasks.record(found.isEmpty() ? "No PiRack backups on the Pis" : "Found backups: " + String.join("; ",
                    found.stream().map(e -> e.pi() + " " + e.backupPath().orElse("")).toList()));
        });
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

    public ObservableList<AppliedEdit> appliedEdits() {
        return appliedEdits;
    }
}
