package io.pirack.net;

import io.pirack.probe.TcpProbe;
import io.pirack.core.net.CheckResult;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.DoctorChecks;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.PiDiscovery;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.core.net.SystemParsers;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Network screen's services in one place, wired for this machine: capture, checks, discovery,
 * apply, identify, and the Sharing pane. Every method blocks; call them off the FX thread.
 */
public final class BoothNetwork {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** The administrator prompt waits for a person. */
    static final Duration PROMPT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration REBIND_WAIT = Duration.ofSeconds(90);

    private final ProcessRunner runner;
    private final Path root;
    private final HostSnapshot.Platform platform;
    private final Optional<RemoteShell> shell;
    private final TcpProbe probe;
    private final Clock clock;
    private final NetworkApplyService.Pause pause;
    private final BiFunction<PiSlot, String, SshTarget> targets;

    /**
     * @param root    filesystem root ("/"; a temp folder in tests)
     * @param shell   the SSH client (empty: SSH checks SKIP, apply only waits for the Pis)
     * @param targets SSH target for a slot at an address (the rack's user/port/key, ~/.ssh/config)
     */
    public BoothNetwork(ProcessRunner runner, Path root, HostSnapshot.Platform platform, Optional<RemoteShell> shell, TcpProbe probe,
                        Clock clock, NetworkApplyService.Pause pause, BiFunction<PiSlot, String, SshTarget> targets) {
        this.runner = runner;
        this.root = root;
        this.platform = platform;
        this.shell = shell;
        this.probe = probe;
        this.clock = clock;
        this.pause = pause;
        this.targets = targets;
    }

    /** This computer, real commands, real clock; SSH targets default to pi@address:22 unless the slot says otherwise. */
    public static BoothNetwork forThisMachine(Optional<RemoteShell> shell, Clock clock) {
        return new BoothNetwork(new SystemProcessRunner(), Path.of("/"), HostSnapshotCollector.currentPlatform(), shell,
                io.pirack.probe.TcpProbe.socket(), clock, NetworkApplyService.Pause.sleeping(), BoothNetwork::defaultTarget);
    }

    public static SshTarget defaultTarget(PiSlot slot, String host) {
        return new SshTarget(slot.hostname(), host, slot.sshPort() > 0 ? slot.sshPort() : 22, slot.sshUser() != null ? slot.sshUser() : "pi",
                slot.identityFile() == null ? null : Path.of(slot.identityFile()));
    }

    private Function<PiSlot, SshTarget> plannedTargets() {
        return slot -> targets.apply(slot, slot.ip() != null ? slot.ip() : slot.hostname());
    }

    public HostSnapshot capture(Optional<RackSpec> rack) {
        return new HostSnapshotCollector(runner, root, COMMAND_TIMEOUT).collect(platform, rack);
    }

    /**
     * All checks. Check 5 runs only when {@code live} (the snapshot is this machine now), an SSH
     * client is wired and the snapshot has a rack; otherwise it SKIPs with the reason.
     */
    public List<CheckResult> check(HostSnapshot snapshot, boolean live) {
        List<CheckResult> results = new ArrayList<>(DoctorChecks.run(snapshot));
        if (!live) {
            results.addAll(RemoteChecks.skipped("offline (--from): the SSH checks need the live Pis"));
        } else if (snapshot.rack().isEmpty()) {
            results.addAll(RemoteChecks.skipped("no rack spec (--rack FILE), so PiRack does not know the Pis"));
        } else if (shell.isEmpty()) {
            results.addAll(RemoteChecks.skipped("no SSH client is wired in"));
        } else {
            results.addAll(new RemoteChecks(shell.get(), probe, plannedTargets(), COMMAND_TIMEOUT).run(snapshot.rack().get()));
        }
        return results;
    }

    public List<DiscoveredPi> discover(HostSnapshot snapshot) {
        return PiDiscovery.discover(snapshot);
    }

    /**
     * The apply flow for this machine: osascript + bootptab + bootpd kickstart on macOS; pkexec +
     * dnsmasq-shared.d + re-activating the shared connection on Linux.
     *
     * @throws ApplyException when Linux has no shared connection to reload
     */
    public NetworkApplyService applier(HostSnapshot snapshot) throws ApplyException {
        StaticLeaseWriter writer;
        if (platform == HostSnapshot.Platform.MACOS) {
            writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.BOOTPTAB,
                    PrivilegedRunner.osascript(runner, "/usr/bin/osascript", PROMPT_TIMEOUT), clock, StaticLeaseWriter.RELOAD_BOOTPD);
        } else {
            SystemParsers.NmConnection shared = DoctorChecks.sharedConnection(snapshot).orElseThrow(() -> new ApplyException(
                    "no wired connection is shared to other computers; share it first (nmcli connection modify <name> ipv4.method shared)"));
            writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.DNSMASQ_HOSTS,
                    PrivilegedRunner.pkexec(runner, "pkexec", PROMPT_TIMEOUT), clock, StaticLeaseWriter.reloadSharedConnection(shared.uuid()));
        }
        PiDhcpRebinder rebinder = shell.<PiDhcpRebinder>map(s -> new SshPiDhcpRebinder(s, "eth0", SshPiDhcpRebinder.Detach.SYSTEMD_RUN,
                COMMAND_TIMEOUT)).orElse(target -> {
                    throw new io.pirack.ssh.RemoteCommandException(io.pirack.ssh.RemoteCommandException.Kind.OTHER,
                            target.alias() + ": no SSH client is wired in, so PiRack cannot make it rebind; power-cycle it");
                });
        return new NetworkApplyService(writer, rebinder, probe, targets, clock, pause, REBIND_WAIT);
    }

    public PiLedIdentifier identifier() {
        return new PiLedIdentifier(shell.orElseThrow(() -> new IllegalStateException("no SSH client is wired in")), COMMAND_TIMEOUT);
    }

    /** The {@code open-sharing-pane} action (macOS). */
    public ProcessResult openSharingPane(HostSnapshot snapshot) throws IOException {
        int major = snapshot.file(SnapshotFiles.SW_VERS).flatMap(SystemParsers::parseSwVers).map(SystemParsers.MacOsVersion::major).orElse(0);
        return SharingPane.open(runner, major);
    }
}
