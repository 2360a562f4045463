package io.pirack.net;

import io.pirack.probe.TcpProbe;
import io.pirack.core.net.CheckResult;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.DoctorChecks;
import io.pirack.core.net.DoctorReport;
import io.pirack.core.net.HostFlavour;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.PiDiscovery;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.core.net.SystemParsers;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.core.validate.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
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
    /** A hung or failed DHCP reload is owed to the next Apply, even when the file is already right. */
    private final AtomicBoolean reloadOwed = new AtomicBoolean();

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

    /**
     * This computer, real commands, real clock; SSH targets as the plug methods resolve them (the rack
     * merged with {@code ~/.ssh/config}: user, port, key, HostName).
     */
    public static BoothNetwork forThisMachine(Optional<RemoteShell> shell, Clock clock, SshTargetResolver sshConfig) {
        return new BoothNetwork(new SystemProcessRunner(), Path.of("/"), HostSnapshotCollector.currentPlatform(), shell,
                TcpProbe.socket(), clock, NetworkApplyService.Pause.sleeping(), configured(sshConfig));
    }

    /** The user's {@code ~/.ssh/config} as the plug methods read it; unreadable counts as empty (the rack's settings only). */
    public static SshTargetResolver homeSshConfig() {
        Path home = Path.of(System.getProperty("user.home"));
        try {
            return SshConfigResolver.load(home.resolve(".ssh/config"), home, System.getProperty("user.name"));
        } catch (IOException e) {
            return SshConfigResolver.parse("", home, System.getProperty("user.name"));
        }
    }

    /**
     * SSH targets from {@code ~/.ssh/config} (via the plug methods' resolver): its user, port and key
     * always; its HostName when PiRack asks for the Pi at its planned address, but the given address
     * when PiRack must reach the Pi where it is now (before a rebind).
     */
    public static BiFunction<PiSlot, String, SshTarget> configured(SshTargetResolver resolver) {
        return new SshConfigTargets(resolver);
    }

    /** {@link #configured}'s targets: the doctor knows their host may be a stale HostName from ~/.ssh/config. */
    private record SshConfigTargets(SshTargetResolver resolver) implements BiFunction<PiSlot, String, SshTarget> {
        @Override
        public SshTarget apply(PiSlot slot, String host) {
            Validation<SshTarget> resolved = resolver.resolve(slot);
            if (!resolved.isValid()) {
                return defaultTarget(slot, host);
            }
            SshTarget t = resolved.orThrow();
            boolean planned = host.equals(slot.ip()) || host.equals(slot.hostname());
            return new SshTarget(t.alias(), planned ? t.host() : host, t.port(), t.user(), t.identityFile());
        }
    }

    public static SshTarget defaultTarget(PiSlot slot, String host) {
        return new SshTarget(slot.hostname(), host, slot.sshPort() > 0 ? slot.sshPort() : 22, slot.sshUser() != null ? slot.sshUser() : "pi",
                slot.identityFile() == null ? null : Path.of(slot.identityFile()));
    }

    /** Where PiRack reaches {@code slot} over SSH when it answers at {@code address}. */
    public SshTarget target(PiSlot slot, String address) {
        return targets.apply(slot, address);
    }

    private Function<PiSlot, SshTarget> plannedTargets() {
        return slot -> targets.apply(slot, slot.ip() != null ? slot.ip() : slot.hostname());
    }

    public HostSnapshot capture(Optional<RackSpec> rack) {
        return new HostSnapshotCollector(runner, root, COMMAND_TIMEOUT).collect(platform, rack);
    }

    /** This host's addresses now, for "has the network changed since the doctor ran" (one command, no files). */
    public String fingerprint() {
        return HostFlavour.fingerprint(new HostSnapshotCollector(runner, root, COMMAND_TIMEOUT).interfaces(platform));
    }

    /**
     * The preflight's view of the doctor: the last run while it is fresh for this network
     * ({@link DoctorReport#staleBecause}), else a new live run (the caller remembers it).
     */
    public DoctorReport freshOrRun(Optional<DoctorReport> last, RackSpec rack) {
        if (last.isPresent() && last.get().staleBecause(clock.instant(), fingerprint()).isEmpty()) {
            return last.get();
        }
        return report(capture(Optional.of(rack)), true);
    }

    /** The doctor's one model: the host flavour detected once, every check, and when it ran. */
    public DoctorReport report(HostSnapshot snapshot, boolean live) {
        HostFlavour flavour = HostFlavour.detect(snapshot);
        List<CheckResult> results = new ArrayList<>(DoctorChecks.run(snapshot, flavour));
        results.addAll(remoteChecks(snapshot, live));
        return new DoctorReport(flavour.label(), HostFlavour.fingerprint(snapshot), clock.instant(), live, results);
    }

    /**
     * All checks. Check 5 runs only when {@code live} (the snapshot is this machine now), an SSH
     * client is wired and the snapshot has a rack; otherwise it SKIPs with the reason.
     */
    public List<CheckResult> check(HostSnapshot snapshot, boolean live) {
        return report(snapshot, live).checks();
    }

    private List<CheckResult> remoteChecks(HostSnapshot snapshot, boolean live) {
        List<CheckResult> results = new ArrayList<>();
        if (!live) {
            results.addAll(RemoteChecks.skipped("offline (--from): the SSH checks need the live Pis"));
        } else if (snapshot.rack().isEmpty()) {
            results.addAll(RemoteChecks.skipped("no rack spec (--rack FILE), so PiRack does not know the Pis"));
        } else if (shell.isEmpty()) {
            results.addAll(RemoteChecks.skipped("no SSH client is wired in"));
        } else {
            results.addAll(new RemoteChecks(shell.get(), probe, plannedTargets(), COMMAND_TIMEOUT,
                    targets instanceof SshConfigTargets).run(snapshot.rack().get()));
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
                    PrivilegedRunner.osascript(runner, "/usr/bin/osascript", PROMPT_TIMEOUT), clock, StaticLeaseWriter.RELOAD_BOOTPD, reloadOwed);
        } else {
            SystemParsers.NmConnection shared = DoctorChecks.sharedConnection(snapshot).orElseThrow(() -> new ApplyException(
                    "no wired connection is shared to other computers; share it first (nmcli connection modify <name> ipv4.method shared)"));
            writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.DNSMASQ_HOSTS,
                    PrivilegedRunner.pkexec(runner, "pkexec", PROMPT_TIMEOUT), clock, StaticLeaseWriter.reloadSharedConnection(shared.uuid()),
                    reloadOwed);
        }
        PiDhcpRebinder rebinder = shell.<PiDhcpRebinder>map(s -> new SshPiDhcpRebinder(s, "eth0",
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
