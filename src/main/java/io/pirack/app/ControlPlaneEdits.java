package io.pirack.app;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.AppliedEdit;
import io.pirack.core.tuning.ConfigEditPlan;
import io.pirack.core.tuning.ConfigEditPlans;
import io.pirack.core.tuning.DistributionDetector;
import io.pirack.core.tuning.PreparedEdit;
import io.pirack.core.tuning.TuningChange;
import io.pirack.core.tuning.YamlParser;
import io.pirack.core.validate.Validation;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.tuning.ConfigEditException;
import io.pirack.tuning.RemoteConfigEditor;
import io.pirack.tuning.RemoteFiles;
import io.pirack.ui.tuning.TuningBackend.ControlPlanePlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Tuning screen's control-plane edits on a real cluster: which files a change touches on which
 * Pi (over SSH), applying and reverting them, and finding PiRack's backups after an app restart.
 */
final class ControlPlaneEdits {

    private static final Duration SSH_TIMEOUT = SessionTuningBackend.SSH_TIMEOUT;
    /** {@code microk8s start} on a Pi takes a minute or more. */
    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    private final Supplier<RackSpec> rack;
    private final Supplier<ClusterSnapshot> snapshot;
    private final Supplier<RemoteShell> shell;
    private final SshTargetResolver targets;
    private final Clock clock;
    private final YamlParser yaml;

    ControlPlaneEdits(Supplier<RackSpec> rack, Supplier<ClusterSnapshot> snapshot, Supplier<RemoteShell> shell,
                      SshTargetResolver targets, Clock clock, YamlParser yaml) {
        this.rack = rack;
        this.snapshot = snapshot;
        this.shell = shell;
        this.targets = targets;
        this.clock = clock;
        this.yaml = yaml;
    }

    /** Reads the files a control-plane change touches and computes the edits; nothing changes yet. */
    ControlPlanePlan prepare(TuningChange change) throws Exception {
        ClusterSnapshot snapshot = this.snapshot.get();
        Validation<ConfigEditPlans> plans = ConfigEditPlans.forDistribution(DistributionDetector.detect(snapshot).distribution(),
                DistributionDetector.version(snapshot), change, yaml);
        if (!plans.isValid()) {
            throw new ConfigEditException(plans.message());
        }
        List<PreparedEdit> edits = new ArrayList<>();
        if (!plans.orThrow().controlPlane().isEmpty()) {
            SshTarget target = controlPlaneTarget().orElseThrow(() -> new ConfigEditException(
                    "No SSH target for the control-plane Pi: give it an IP address in the rack (Rack screen) or a Host entry in ~/.ssh/config."));
            for (ConfigEditPlan plan : plans.orThrow().controlPlane()) {
                edits.add(editor().prepare(target, plan));
            }
        }
        for (ConfigEditPlan plan : plans.orThrow().everyNode()) {
            for (PiSlot slot : rack.get().slots()) {
                edits.add(editor().prepare(target(slot), plan));
            }
        }
        return new ControlPlanePlan(edits, plans.orThrow().notes());
    }

    /** Backs up, writes, restarts on the Pi the edit was read from (reached as the rack says now). */
    AppliedEdit apply(PreparedEdit edit) throws Exception {
        return editor().apply(target(edit.pi()), edit);
    }

    Optional<String> revert(AppliedEdit applied) throws Exception {
        return editor().revert(target(applied.pi()), applied);
    }

    /** PiRack's oldest backup of every file it edits on this distribution, found on the Pis. */
    List<AppliedEdit> findBackups() throws Exception {
        ClusterSnapshot snapshot = this.snapshot.get();
        // Every file PiRack may edit on this distribution; the values only decide which files.
        TuningChange everything = TuningChange.none().withGraceAndLease(TuningChange.MIN_GRACE, TuningChange.MIN_LEASE_SECONDS)
                .withDefaultTolerations(0, 0);
        Validation<ConfigEditPlans> plans = ConfigEditPlans.forDistribution(DistributionDetector.detect(snapshot).distribution(),
                DistributionDetector.version(snapshot), everything, yaml);
        List<AppliedEdit> found = new ArrayList<>();
        if (!plans.isValid()) {
            return found;
        }
        Optional<SshTarget> controlPlane = controlPlaneTarget();
        if (controlPlane.isPresent()) {
            for (ConfigEditPlan plan : plans.orThrow().controlPlane()) {
                oldestBackup(controlPlane.get(), plan).ifPresent(found::add);
            }
        }
        for (ConfigEditPlan plan : plans.orThrow().everyNode()) {
            for (PiSlot slot : rack.get().slots()) {
                oldestBackup(target(slot), plan).ifPresent(found::add);
            }
        }
        return found;
    }

    private Optional<AppliedEdit> oldestBackup(SshTarget target, ConfigEditPlan plan) throws Exception {
        List<String> backups = editor().backups(target, plan);
        return backups.isEmpty() ? Optional.empty() : Optional.of(editor().fromBackup(target, plan, backups.get(0)));
    }

    /** The files of the control-plane Pi, when it can be reached over SSH. */
    Optional<RemoteFiles> controlPlaneFiles() {
        return controlPlaneTarget().map(t -> editor().filesOn(t));
    }

    private Optional<SshTarget> controlPlaneTarget() {
        return rack.get().slots().stream().filter(s -> s.role() == NodeRole.CONTROL_PLANE).findFirst()
                .map(targets::resolve).filter(Validation::isValid).map(Validation::orThrow);
    }

    private SshTarget target(String pi) throws ConfigEditException {
        PiSlot slot = rack.get().slot(pi).orElseThrow(() -> new ConfigEditException(
                pi + " is no longer in the rack: put it back on the Rack screen to change its files."));
        return target(slot);
    }

    private SshTarget target(PiSlot slot) throws ConfigEditException {
        Validation<SshTarget> target = targets.resolve(slot);
        if (!target.isValid()) {
            throw new ConfigEditException(slot.hostname() + ": " + target.message());
        }
        return target.orThrow();
    }

    private RemoteConfigEditor editor() {
        return new RemoteConfigEditor(shell.get(), clock, SSH_TIMEOUT, RESTART_TIMEOUT);
    }
}
