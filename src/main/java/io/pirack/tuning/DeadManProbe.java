package io.pirack.tuning;

import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.ssh.CommandResult;
import io.pirack.plug.DeadManHelper;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;

/**
 * Checks that a Pi can restore itself when the laptop is gone: the plug strategies arm the timer
 * with {@code sudo -n pirack-deadman arm …} before every cut, so the preflight runs that same program
 * through the same sudo rule ({@code pirack-deadman status NODE}, which changes nothing).
 */
public final class DeadManProbe {

    private final RemoteShell shell;
    private final Duration timeout;

    public DeadManProbe(RemoteShell shell, Duration timeout) {
        this.shell = shell;
        this.timeout = timeout;
    }

    /** @param node a validated hostname */
    public DeadManSwitch check(String node, SshTarget pi) {
        try {
            CommandResult result = shell.run(pi, DeadManHelper.status(node), timeout);
            if (result.ok() && DeadManHelper.parseStatus(result.stdout()).isPresent()) {
                return new DeadManSwitch(node, true, "sudo pirack-deadman works");
            }
            if (SshRemoteShell.sudoWantsPassword(result.stderr())) {
                return new DeadManSwitch(node, false, "sudo asks for a password for pirack-deadman (see pirack plug sudoers)");
            }
            if (result.stderr().contains(DeadManHelper.PROGRAM + ": command not found")) {
                return new DeadManSwitch(node, false, DeadManHelper.INSTALLED_AT + " is not installed (pirack plug install-helper "
                        + node + ")");
            }
            return new DeadManSwitch(node, false, "pirack-deadman failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        } catch (RemoteCommandException e) {
            return new DeadManSwitch(node, false, e.getMessage());
        }
    }
}
