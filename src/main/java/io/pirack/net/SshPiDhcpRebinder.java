package io.pirack.net;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link PiDhcpRebinder} over SSH: runs PiRack's root-owned helper {@code sudo -n pirack-rebind IFACE}
 * on the Pi (the script ships in PiRack's jar next to pirack-deadman and is installed by
 * {@code pirack plug install-helper}). The helper checks the interface name, finds the Pi's DHCP client
 * (NetworkManager, dhcpcd, systemd-networkd, dhclient, busybox udhcpc), answers which one, and starts the
 * release/rebind two seconds later in its own session, so the command returns before the network drops.
 * One fixed program and one validated argument: sudoers allows it in one rule and no user text reaches a shell.
 */
public final class SshPiDhcpRebinder implements PiDhcpRebinder {

    /** The name sudo resolves through its secure_path to {@link #INSTALLED_AT}. */
    public static final String PROGRAM = "pirack-rebind";
    public static final String INSTALLED_AT = "/usr/local/sbin/" + PROGRAM;

    private static final Pattern ANSWER = Pattern.compile("^rebinding (\\S+) with (\\S+) in \\d+ s$");

    private final RemoteShell shell;
    private final String iface;
    private final Duration timeout;

    public SshPiDhcpRebinder(RemoteShell shell, String iface, Duration timeout) {
        this.shell = shell;
        this.iface = validInterface(iface);
        this.timeout = timeout;
    }

    static String validInterface(String name) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}")) {
            throw new IllegalArgumentException("'" + name + "' is not a network interface name");
        }
        return name;
    }

    /** What PiRack runs on the Pi to release and rebind {@code iface}. */
    public static RemoteCommand rebindCommand(String iface) {
        return RemoteCommand.sudo(PROGRAM, validInterface(iface));
    }

    /** Reads the helper's answer: the client it is rebinding with; empty when the output is not the helper's. */
    static Optional<DhcpClientKind> parseAnswer(String stdout, String iface) {
        Matcher m = ANSWER.matcher(stdout.strip());
        return m.matches() && m.group(1).equals(iface) ? DhcpClientKind.ofHelperName(m.group(2)) : Optional.empty();
    }

    @Override
    public DhcpClientKind releaseAndRebind(SshTarget target) throws RemoteCommandException {
        CommandResult result = shell.run(target, rebindCommand(iface), timeout);
        String err = result.stderr().strip();
        if (!result.ok()) {
            if (err.contains(PROGRAM + ": command not found") || err.contains(PROGRAM + ": not found")) {
                throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias() + ": PiRack's rebind helper "
                        + INSTALLED_AT + " is not installed there; run: pirack plug install-helper --pi " + target.alias());
            }
            String why = err.lines().findFirst().orElse("exit " + result.exitCode()).replaceFirst("^" + PROGRAM + ": ", "");
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, target.alias() + ": the rebind did not start: " + why);
        }
        return parseAnswer(result.stdout(), iface).orElseThrow(() -> new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                target.alias() + ": " + INSTALLED_AT + " answered '" + result.stdout().strip()
                        + "', not PiRack's rebind helper; install it again with pirack plug install-helper --pi " + target.alias()));
    }
}
