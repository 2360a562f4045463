package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Hostname;
import io.pirack.core.validate.Validation;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.ssh.SudoersSnippet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Shared machinery of the strategies that act over SSH: resolving and validating the target, running
 * commands with a timeout, and the <b>dead-man switch</b> — before any cut, a transient systemd
 * timer on the Pi itself, armed by PiRack's helper ({@code sudo -n pirack-deadman arm <node> <N> …},
 * which runs {@code systemd-run --on-active=<N>s --unit=pirack-deadman-<node> …}), that undoes the
 * cut even if the laptop or the network dies. A normal restore cancels that timer.
 */
abstract class SshPlugStrategy implements PlugStrategy, SudoCommands {

    private final RemoteShell shell;
    private final SshTargetResolver targets;
    private final IntSupplier deadManSeconds;
    private final Duration commandTimeout;

    /**
     * @param deadManSeconds read at each pull, so a changed rack setting applies to the next pull
     */
    SshPlugStrategy(RemoteShell shell, SshTargetResolver targets, IntSupplier deadManSeconds, Duration commandTimeout) {
        this.shell = Objects.requireNonNull(shell);
        this.targets = Objects.requireNonNull(targets);
        this.deadManSeconds = Objects.requireNonNull(deadManSeconds);
        this.commandTimeout = Objects.requireNonNull(commandTimeout);
    }

    @Override
    public Availability availability(PiSlot slot) {
        Validation<Hostname> node = Hostname.parseSingleLabel(slot.hostname());
        if (!node.isValid()) {
            return Availability.unavailable(node.message());
        }
        Validation<SshTarget> target = targets.resolve(slot);
        return target.isValid() ? Availability.AVAILABLE : Availability.unavailable(target.message());
    }

    /** The node name, checked to be one RFC 1123 label (it becomes part of a unit name). */
    static String node(PiSlot slot) throws PlugException {
        Validation<Hostname> node = Hostname.parseSingleLabel(slot.hostname());
        if (!node.isValid()) {
            throw new PlugException("Refused: " + node.message());
        }
        return node.orThrow().value();
    }

    SshTarget target(PiSlot slot) throws PlugException {
        node(slot);
        Validation<SshTarget> target = targets.resolve(slot);
        if (!target.isValid()) {
            throw new PlugException("Cannot reach " + slot.hostname() + " over SSH: " + target.message());
        }
        return target.orThrow();
    }

    /** Runs one command; failures become presenter messages (with a sudoers fix when sudo wanted a password). */
    CommandResult run(PiSlot slot, SshTarget target, RemoteCommand command) throws PlugException {
        try {
            return shell.run(target, command, commandTimeout);
        } catch (RemoteCommandException e) {
            if (e.kind() == RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED) {
                String snippet = SudoersSnippet.render(target.user(), sudoCommands(slot));
                throw new PlugException(e.getMessage(), snippet, e);
            }
            throw new PlugException(e.getMessage(), e);
        }
    }

    /** Runs a command that must succeed. */
    CommandResult require(PiSlot slot, SshTarget target, RemoteCommand command, String whatFailed) throws PlugException {
        CommandResult result = run(slot, target, command);
        if (!result.ok()) {
            throw new PlugException(whatFailed + " on " + slot.hostname() + ": " + firstLine(result));
        }
        return result;
    }

    static String firstLine(CommandResult result) {
        String text = result.stderr().isBlank() ? result.stdout() : result.stderr();
        String line = text.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "exit status " + result.exitCode() : line;
    }

    // ---- dead-man switch: /usr/local/sbin/pirack-deadman on the Pi (DeadManHelper) ------------

    int deadManSeconds() throws PlugException {
        int seconds = deadManSeconds.getAsInt();
        if (seconds < RackSpec.MIN_DEAD_MAN_SECONDS || seconds > RackSpec.MAX_DEAD_MAN_SECONDS) {
            throw new PlugException("The dead-man delay must be " + RackSpec.MIN_DEAD_MAN_SECONDS + " to " + RackSpec.MAX_DEAD_MAN_SECONDS
                    + " seconds, not " + seconds + ".");
        }
        return seconds;
    }

    /**
     * Arms the dead-man switch (a timer left over from a lost session is replaced by the helper).
     *
     * @param action what the Pi does at expiry: {@code start-agent UNIT} or {@code unblock-api IP PORT}
     */
    Duration armDeadMan(PiSlot slot, SshTarget target, String node, List<String> action) throws PlugException {
        int seconds = deadManSeconds();
        CommandResult armed = run(slot, target, DeadManHelper.arm(node, seconds, action));
        if (!armed.ok()) {
            String why = DeadManHelper.missing(armed.stderr())
                    ? "the helper " + DeadManHelper.INSTALLED_AT + " is not installed there; run: pirack plug install-helper "
                            + slot.hostname()
                    : firstLine(armed);
            throw new PlugException("Did not pull the plug: the dead-man switch could not be armed on " + slot.hostname()
                    + " (" + why + "), and without it a lost laptop would leave the Pi down.");
        }
        return Duration.ofSeconds(seconds);
    }

    /** Stops the timer; a timer that already fired or never existed is fine. */
    void disarmDeadMan(PiSlot slot, SshTarget target, String node) throws PlugException {
        run(slot, target, DeadManHelper.cancel(node));
    }

    /** The Pi's own word on its timer, read with the helper (systemctl is-active plus the time it was armed for). */
    DeadManHelper.Status deadMan(PiSlot slot, SshTarget target, String node) throws PlugException {
        CommandResult result = run(slot, target, DeadManHelper.status(node));
        return DeadManHelper.parseStatus(result.stdout()).orElseThrow(() -> new PlugException(
                "Could not read the dead-man timer on " + slot.hostname() + ": " + firstLine(result)));
    }

    /** The status every SSH strategy reports, with the timer's time left. */
    PlugStatus status(boolean cut, DeadManHelper.Status deadMan, String detail) {
        return new PlugStatus(cut, deadMan.armed(), detail + (deadMan.armed() ? "; dead-man timer armed" : ""),
                deadMan.left().orElse(null));
    }

    /** The helper's three sudo rules for this node. */
    static List<RemoteCommand> deadManSudoCommands(String node) {
        // The rebind helper too: the Network screen's apply runs it, and this is the one drop-in PiRack prints.
        return List.of(DeadManHelper.armAny(node), DeadManHelper.cancel(node), DeadManHelper.status(node), RebindHelper.anyInterface());
    }
}
