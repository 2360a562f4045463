package io.pirack.app;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.ApplyStage;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.LedBlink;
import io.pirack.core.net.ToolProblems;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.net.ApplyException;
import io.pirack.net.BoothNetwork;
import io.pirack.net.NetworkApplyService;
import io.pirack.net.PrivilegeCancelledException;
import io.pirack.net.ProcessResult;
import io.pirack.net.SnapshotSource;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ui.network.NetworkBackend;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Network screen's port, over the net/ adapters: {@link BoothNetwork} for capture, checks,
 * discovery, apply and identify; {@link DoctorMemory} so the preflight and {@code pirack doctor}
 * see the same last run. Every adapter failure becomes one sentence ({@link NetworkProblem}).
 */
public final class SessionNetworkBackend implements NetworkBackend {

    private static final Logger LOG = LoggerFactory.getLogger(SessionNetworkBackend.class);
    /** How long Identify blinks before the Pi restores its LED by itself. */
    static final Duration BLINK_TIME = Duration.ofSeconds(30);

    private final BoothNetwork network;
    private final SnapshotSource source;
    private final Supplier<RackSpec> rack;
    private final Consumer<RackSpec> saveRack;
    private final BooleanSupplier rehearsal;
    private final Supplier<Map<String, NodeRole>> clusterRoles;
    private final Optional<DoctorMemory> memory;

    /**
     * @param rack         the session's rack now
     * @param saveRack     persists a changed rack (the caller decides the thread)
     * @param rehearsal    whether the session is the rehearsal rack
     * @param clusterRoles node name → role as the cluster reports it (the control plane the Rack screen shows)
     * @param memory       where the last run is remembered (empty: not remembered, e.g. a captured folder)
     */
    public SessionNetworkBackend(BoothNetwork network, SnapshotSource source, Supplier<RackSpec> rack, Consumer<RackSpec> saveRack,
                                 BooleanSupplier rehearsal, Supplier<Map<String, NodeRole>> clusterRoles, Optional<DoctorMemory> memory) {
        this.network = network;
        this.source = source;
        this.rack = rack;
        this.saveRack = saveRack;
        this.rehearsal = rehearsal;
        this.clusterRoles = clusterRoles;
        this.memory = memory;
    }

    @Override
    public RackSpec rack() {
        return rack.get();
    }

    @Override
    public void saveRack(RackSpec updated) {
        saveRack.accept(updated);
    }

    @Override
    public boolean rehearsal() {
        return rehearsal.getAsBoolean();
    }

    @Override
    public Optional<DoctorReport> remembered() {
        return memory.flatMap(DoctorMemory::last);
    }

    @Override
    public Checked check(RackSpec spec) throws NetworkProblem {
        boolean onRehearsal = rehearsal();
        HostSnapshot snapshot;
        try {
            // The rehearsal rack's Pis exist only inside PiRack: check this computer, never their made-up addresses.
            snapshot = source.capture(onRehearsal ? Optional.empty() : Optional.of(withClusterRoles(spec)));
        } catch (IOException | RuntimeException e) {
            throw new NetworkProblem("Could not read this computer's network settings: " + ToolProblems.plain(e.getMessage()) + ".");
        }
        DoctorReport report = network.report(snapshot, source.live() && !onRehearsal);
        if (onRehearsal) {
            return new Checked(snapshot, report.notNeededForRehearsal(), List.of());
        }
        if (source.live()) {
            memory.ifPresent(m -> {
                try {
                    m.remember(report);
                } catch (IOException e) {
                    LOG.warn("could not remember the doctor result in {}: {}", m.file(), e.getMessage());
                }
            });
        }
        return new Checked(snapshot, report, network.discover(snapshot));
    }

    /**
     * The rack with the control plane marked as the cluster reports it: a rack saved before roles were
     * set (or typed by hand) would otherwise skip the API-server check although the Rack screen shows rpi1
     * as the control plane.
     */
    RackSpec withClusterRoles(RackSpec spec) {
        if (spec.slots().stream().anyMatch(s -> s.role() == NodeRole.CONTROL_PLANE)) {
            return spec;
        }
        Map<String, NodeRole> roles = clusterRoles.get();
        return spec.withSlots(spec.slots().stream().map(s -> roles.get(s.hostname()) != NodeRole.CONTROL_PLANE ? s
                : new PiSlot(s.hostname(), NodeRole.CONTROL_PLANE, s.mac(), s.ip(), s.sshUser(), s.sshPort(), s.identityFile(),
                        s.plugMethod(), s.usbHubLocation(), s.usbHubPort(), s.turingPiNode())).toList());
    }

    @Override
    public String openSharingPane(HostSnapshot snapshot) throws NetworkProblem {
        try {
            ProcessResult result = network.openSharingPane(snapshot);
            if (!result.ok()) {
                throw new NetworkProblem("Could not open the Sharing settings (exit " + result.exitCode() + "): "
                        + ToolProblems.plain(result.stderr()) + ".");
            }
            return "Opened the Sharing settings: turn on Internet Sharing to the USB adapter, then press \u201cRe-run checks\u201d.";
        } catch (IOException | RuntimeException e) {
            throw new NetworkProblem("Could not open the Sharing settings: " + ToolProblems.plain(e.getMessage()) + ".");
        }
    }

    @Override
    public LedBlink blink(PiSlot slot, String address) throws NetworkProblem {
        try {
            return network.identifier().blink(network.target(slot, address), BLINK_TIME);
        } catch (RemoteCommandException | IllegalStateException e) {
            throw new NetworkProblem("Identify failed: " + ToolProblems.plain(e.getMessage()));
        }
    }

    @Override
    public void restoreLed(PiSlot slot, String address, LedBlink blink) throws NetworkProblem {
        try {
            network.identifier().restore(network.target(slot, address), blink);
        } catch (RemoteCommandException | IllegalStateException e) {
            throw new NetworkProblem("Identify failed: " + ToolProblems.plain(e.getMessage()));
        }
    }

    @Override
    public Applied apply(HostSnapshot snapshot, RackSpec plan, Map<String, Ipv4Address> currentAddresses, ConflictPolicy policy,
                         ApplyProgress progress) throws NetworkProblem, InterruptedException {
        NetworkApplyService.Listener listener = new NetworkApplyService.Listener() {
            @Override
            public void onPi(String hostname, ApplyStage stage, String message) {
                progress.onPi(hostname, stage, message);
            }

            @Override
            public void onStep(String message) {
                progress.onStep(message);
            }
        };
        try {
            NetworkApplyService.Result result = network.applier(snapshot).apply(plan, currentAddresses, policy, listener);
            return new Applied(result.rack(), result.written().describe(), result.pis().stream()
                    .map(p -> new PiOutcome(p.hostname(), p.stage(), p.message())).toList());
        } catch (PrivilegeCancelledException e) {
            throw new NetworkProblem("The administrator prompt was cancelled: nothing was applied.", true);
        } catch (ApplyException e) {
            throw new NetworkProblem(sentence(ToolProblems.plain(e.getMessage())));
        } catch (RuntimeException e) {
            throw new NetworkProblem("Apply failed: " + sentence(ToolProblems.plain(e.getMessage())));
        }
    }

    static String sentence(String text) {
        String trimmed = text == null || text.isBlank() ? "something went wrong" : text.strip();
        String capital = Character.toUpperCase(trimmed.charAt(0)) + trimmed.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }
}
