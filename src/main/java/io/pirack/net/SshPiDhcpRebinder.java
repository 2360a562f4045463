package io.pirack.net;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link PiDhcpRebinder} over SSH: detects the Pi's DHCP client from its running services (or, without
 * them, its running processes: dhclient, busybox udhcpc), then
 * starts that client's release/rebind detached (systemd-run timer, or setsid + nohup), two seconds
 * later, so the command returns before the network drops. Every command is an argv; the scripts are
 * constants and the interface name is passed as a validated positional argument.
 */
public final class SshPiDhcpRebinder implements PiDhcpRebinder {

    /** How the rebind outlives the SSH session. */
    public enum Detach { SYSTEMD_RUN, NOHUP }

    static final String DELAY_SECONDS = "2";
    private static final String QUIET = "exec </dev/null >/dev/null 2>&1; ";

    private final RemoteShell shell;
    private final String iface;
    private final Detach detach;
    private final Duration timeout;

    public SshPiDhcpRebinder(RemoteShell shell, String iface, Detach detach, Duration timeout) {
        this.shell = shell;
        this.iface = validInterface(iface);
        this.detach = detach;
        this.timeout = timeout;
    }

    static String validInterface(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}")) {
            throw new IllegalArgumentException("'" + name + "' is not a network interface name");
        }
        return name;
    }

    /** Lists the state of each candidate service, one per line, in this order. */
    static RemoteCommand detectCommand() {
        return RemoteCommand.of("systemctl", "is-active", "NetworkManager", "dhcpcd", "systemd-networkd");
    }

    /** The DHCP client processes running without a service PiRack asked about: "pid name" lines. */
    static RemoteCommand processCommand() {
        return RemoteCommand.of("pgrep", "-l", "-x", "NetworkManager|dhcpcd|dhclient|udhcpc");
    }

    /** Reads {@link #processCommand()}'s output, in the same order of preference as the services. */
    static Optional<DhcpClientKind> fromProcesses(String stdout) {
        List<String> names = stdout.strip().lines().map(String::strip).map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        String[] order = {"NetworkManager", "dhcpcd", "dhclient", "udhcpc"};
        DhcpClientKind[] kinds = {DhcpClientKind.NETWORK_MANAGER, DhcpClientKind.DHCPCD, DhcpClientKind.DHCLIENT, DhcpClientKind.UDHCPC};
        for (int i = 0; i < order.length; i++) {
            if (names.contains(order[i])) {
                return Optional.of(kinds[i]);
            }
        }
        return Optional.empty();
    }

    /** Reads {@link #detectCommand()}'s output: NetworkManager wins over dhcpcd over networkd. */
    static Optional<DhcpClientKind> fromServiceStates(String stdout) {
        List<String> states = stdout.strip().lines().map(String::strip).toList();
        DhcpClientKind[] order = {DhcpClientKind.NETWORK_MANAGER, DhcpClientKind.DHCPCD, DhcpClientKind.SYSTEMD_NETWORKD};
        for (int i = 0; i < order.length && i < states.size(); i++) {
            if (states.get(i).equals("active")) {
                return Optional.of(order[i]);
            }
        }
        return Optional.empty();
    }

    /** The detached, delayed release/rebind for {@code kind}, run with sudo. */
    public static RemoteCommand rebindCommand(DhcpClientKind kind, String iface, Detach detach) {
        String name = validInterface(iface);
        if (detach == Detach.SYSTEMD_RUN) {
            return RemoteCommand.sudo("systemd-run", "--collect", "--quiet", "--on-active=" + DELAY_SECONDS,
                    "/bin/sh", "-c", kind.script(), "pirack-rebind", name);
        }
        return RemoteCommand.sudo("setsid", "-f", "nohup", "/bin/sh", "-c", QUIET + "sleep " + DELAY_SECONDS + "; " + kind.script(),
                "pirack-rebind", name);
    }

    public DhcpClientKind detect(SshTarget target) throws RemoteCommandException {
        CommandResult states = shell.run(target, detectCommand(), timeout);
        Optional<DhcpClientKind> kind = fromServiceStates(states.stdout());
        if (kind.isPresent()) {
            return kind.get();
        }
        // No service manager, or a client started by hand: the running processes say which.
        Optional<DhcpClientKind> running = fromProcesses(shell.run(target, processCommand(), timeout).stdout());
        if (running.isPresent()) {
            return running.get();
        }
        throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias()
                + ": no known DHCP client is running (NetworkManager, dhcpcd, systemd-networkd, dhclient, udhcpc)");
    }

    @Override
    public DhcpClientKind releaseAndRebind(SshTarget target) throws RemoteCommandException {
        DhcpClientKind kind = detect(target);
        CommandResult result = shell.run(target, rebindCommand(kind, iface, detach), timeout);
        if (!result.ok()) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias() + ": starting the "
                    + kind.label() + " rebind failed (exit " + result.exitCode() + "): "
                    + result.stderr().strip());
        }
        return kind;
    }
}
