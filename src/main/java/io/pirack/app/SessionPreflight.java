package io.pirack.app;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.ToolProblems;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.preflight.PreflightInputs.ClockSample;
import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.core.preflight.PreflightInputs.NetworkResult;
import io.pirack.core.preflight.PreflightInputs.NodeReadiness;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.tuning.DemoWorkload;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.validate.Validation;
import io.pirack.net.BoothNetwork;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.tuning.ClockSkewProbe;
import io.pirack.tuning.DeadManProbe;
import io.pirack.ui.tuning.TuningBackend;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The inputs of the "Ready for the show" checklist for one {@link ClusterSession}: nodes, images,
 * settings and workloads through the tuning port, plus what only the Pis can tell (clock skew and
 * the dead-man switch over SSH) and the booth network doctor. The rehearsal rack needs no SSH.
 */
final class SessionPreflight {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionPreflight.class);
    private static final Duration SSH_TIMEOUT = SessionTuningBackend.SSH_TIMEOUT;

    private final ClusterSession session;
    private final Supplier<RemoteShell> shell;
    private final SshTargetResolver targets;
    private final Clock clock;

    SessionPreflight(ClusterSession session, Supplier<RemoteShell> shell, SshTargetResolver targets, Clock clock) {
        this.session = session;
        this.shell = shell;
        this.targets = targets;
        this.clock = clock;
    }

    /** Everything the "Ready for the show" checklist judges, for the chosen Deployments (none: the suggested ones). */
    PreflightInputs collect(TuningBackend backend, RackSpec rack, List<String> chosen) throws Exception {
        List<String> keys = chosen.isEmpty() ? backend.suggestedDeployments(backend.deployments()) : chosen;
        ClusterSnapshot snapshot = session.store().snapshot();
        List<NodeReadiness> nodes = snapshot.nodes().values().stream().map(SessionPreflight::readiness).toList();
        List<String> images = backend.images(keys);
        List<DemoWorkload> workloads = backend.workloads(keys);
        Optional<ImagePresence> presence = images.isEmpty() ? Optional.empty() : Optional.of(backend.imagePresence(keys, images));
        List<NetworkResult> network = new ArrayList<>();
        List<DeadManSwitch> deadMen = new ArrayList<>();
        List<ClockSample> clocks = new ArrayList<>();
        if (session.rehearsal().isPresent()) {
            network.add(new NetworkResult("booth-network", CheckStatus.SKIP, DoctorReport.NOT_NEEDED, ""));
            for (PiSlot slot : rack.slots()) {
                deadMen.add(new DeadManSwitch(slot.hostname(), true, "simulated restore timer"));
                // The simulated kubelets run in this process on the simulation's clock: there is no second clock to drift.
                clocks.add(new ClockSample(slot.hostname(), Optional.of(Duration.ZERO), ""));
            }
        } else {
            network.addAll(networkDoctor(rack));
            ClockSkewProbe probe = new ClockSkewProbe(shell.get(), clock, SSH_TIMEOUT);
            DeadManProbe deadMan = new DeadManProbe(shell.get(), SSH_TIMEOUT);
            for (PiSlot slot : rack.slots()) {
                Validation<SshTarget> target = targets.resolve(slot);
                clocks.add(target.isValid() ? probe.measure(target.orThrow())
                        : new ClockSample(slot.hostname(), Optional.empty(), target.message()));
                // Only the SSH methods cut the Pi off from the laptop; hub and BMC power come back from the laptop side.
                PlugMethod method = rack.plugMethodFor(slot);
                if (method == PlugMethod.STOP_AGENT || method == PlugMethod.API_PARTITION) {
                    deadMen.add(target.isValid() ? deadMan.check(slot.hostname(), target.orThrow())
                            : new DeadManSwitch(slot.hostname(), false, target.message()));
                }
            }
        }
        return new PreflightInputs(network, nodes, presence, workloads, Optional.of(backend.settings()), deadMen, clocks,
                PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT).withImageArchitecture(backend.imageArchitectures(keys))
                .withPermissions(session.rehearsal().isPresent() ? List.of()
                        : io.pirack.kube.AccessReview.check(session.client(), io.pirack.core.cluster.ApiPermission.PIRACK));
    }

    /**
     * The booth network doctor's findings (skipped ones left out): the last run of the Network screen or
     * {@code pirack doctor} while it is fresh (10 min, same network), else a new run, remembered in turn.
     */
    private List<NetworkResult> networkDoctor(RackSpec rack) {
        try {
            BoothNetwork doctor = BoothNetwork.forThisMachine(Optional.of(shell.get()), clock, BoothNetwork.homeSshConfig());
            DoctorMemory memory = new DoctorMemory(AppPaths.detect().dataDir());
            Optional<DoctorReport> last = memory.last();
            DoctorReport report = doctor.freshOrRun(last, rack);
            if (last.isEmpty() || report != last.get()) {
                try {
                    memory.remember(report);
                } catch (IOException e) {
                    LOG.warn("could not remember the doctor result in {}: {}", memory.file(), e.getMessage());
                }
            }
            return report.forPreflight();
        } catch (RuntimeException e) {
            return List.of(new NetworkResult("doctor", CheckStatus.WARN, "the network doctor could not run: "
                    + ToolProblems.plain(e.getMessage()), "Run pirack doctor in a terminal."));
        }
    }

    private static NodeReadiness readiness(NodeInfo node) {
        boolean ready = node.ready() == ConditionStatus.TRUE;
        String reason = node.condition("Ready").map(NodeCondition::reason).filter(r -> r != null && !ready).orElse(ready ? "" : "no Ready condition");
        return new NodeReadiness(node.name(), ready, reason);
    }
}
