package io.pirack.tuning;

import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;

/**
 * Checks that a Pi can restore itself when the laptop is gone: the plug strategies arm a transient
 * systemd timer with {@code sudo -n systemd-run} before every cut, so the preflight does exactly
 * that with a timer that runs {@code /bin/true} a second later and then disappears.
 */
public final class DeadManProbe {

    /** Its own unit name, so a check never replaces a real dead-man timer. */
    public static final String UNIT_PREFIX = "pirack-preflight-";

    private final RemoteShell shell;
    private final Duration timeout;

    public DeadManProbe(RemoteShell shell, Duration timeout) {
        this.shell = shell;
        this.timeout = timeout;
    }

    /** @param node a validated hostname (it becomes part of the unit name) */
    public DeadManSwitch check(String node, SshTarget pi) {
        RemoteCommand arm = RemoteCommand.sudo("systemd-run", "--on-active=1s", "--timer-property=RemainAfterElapse=no",
                "--collect", "--unit=" + UNIT_PREFIX + node, "/bin/true");
        try {
            CommandResult result = shell.run(pi, arm, timeout);
            if (result.ok()) {
                return new DeadManSwitch(node, true, "sudo systemd-run works");
            }
            if (result.stderr().contains("already exists")) {
                // The previous check's timer has not fired yet: systemd-run worked then.
                return new DeadManSwitch(node, true, "sudo systemd-run works");
            }
            if (SshRemoteShell.sudoWantsPassword(result.stderr())) {
                return new DeadManSwitch(node, false, "sudo asks for a password for systemd-run");
            }
            return new DeadManSwitch(node, false, "systemd-run failed (exit " + result.exitCode() + "): " + result.stderr().strip());
        } catch (RemoteCommandException e) {
            return new DeadManSwitch(node, false, e.getMessage());
        }
    }
}
