package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Stops the node agent over SSH ({@code systemctl stop}) — the kubelet stops posting status and the
 * node goes NotReady/unreachable while SSH stays up. The unit is detected among a fixed allow-list;
 * nothing else is ever started or stopped. The dead-man switch starts the unit again.
 */
public final class StopAgentStrategy extends SshPlugStrategy {

    /** The node agents PiRack knows, in detection order (KNOWLEDGE §2). */
    public static final List<String> AGENT_UNITS = List.of("kubelet", "k3s-agent", "k3s", "snap.microk8s.daemon-kubelite");

    public StopAgentStrategy(RemoteShell shell, SshTargetResolver targets, IntSupplier deadManSeconds, Duration commandTimeout) {
        super(shell, targets, deadManSeconds, commandTimeout);
    }

    @Override
    public PlugMethod method() {
        return PlugMethod.STOP_AGENT;
    }

    @Override
    public String describe(PiSlot slot) {
        return "Stops the Kubernetes node agent (" + String.join(" / ", AGENT_UNITS) + ") on " + slot.hostname()
                + " over SSH; SSH stays up. The Pi starts it again by itself if PiRack has not within the dead-man delay.";
    }

    @Override
    public PullResult pull(PiSlot slot) throws PlugException {
        String node = node(slot);
        SshTarget target = target(slot);
        String unit = detectUnit(slot, target);
        Duration deadMan = armDeadMan(slot, target, node, List.of("start-agent", unit));
        CommandResult stopped = run(slot, target, RemoteCommand.sudo("systemctl", "stop", unit));
        if (!stopped.ok()) {
            disarmDeadMan(slot, target, node);
            throw new PlugException("Could not stop " + unit + " on " + slot.hostname() + ": " + firstLine(stopped));
        }
        return new PullResult(deadMan, "stopped " + unit);
    }

    @Override
    public void restore(PiSlot slot) throws PlugException {
        String node = node(slot);
        SshTarget target = target(slot);
        String unit = detectUnit(slot, target);
        // Start first: if that fails, the dead-man timer stays armed as the fallback.
        require(slot, target, RemoteCommand.sudo("systemctl", "start", unit), "Could not start " + unit);
        disarmDeadMan(slot, target, node);
    }

    @Override
    public PlugStatus status(PiSlot slot) throws PlugException {
        String node = node(slot);
        SshTarget target = target(slot);
        String unit = detectUnit(slot, target);
        boolean active = isActive(slot, target, unit);
        return status(!active, deadMan(slot, target, node), unit + (active ? " active" : " stopped"));
    }

    @Override
    public List<RemoteCommand> sudoCommands(PiSlot slot) throws PlugException {
        String node = node(slot);
        List<RemoteCommand> commands = new ArrayList<>(deadManSudoCommands(node));
        for (String unit : AGENT_UNITS) {
            commands.add(RemoteCommand.sudo("systemctl", "stop", unit));
            commands.add(RemoteCommand.sudo("systemctl", "start", unit));
        }
        return commands;
    }

    /**
     * The installed agent unit. When several are installed (a k3s server with an agent unit left
     * over), the active one wins; otherwise the first in {@link #AGENT_UNITS} order.
     */
    String detectUnit(PiSlot slot, SshTarget target) throws PlugException {
        List<String> argv = new ArrayList<>(List.of("systemctl", "list-unit-files", "--no-legend", "--no-pager"));
        AGENT_UNITS.forEach(unit -> argv.add(unit + ".service"));
        CommandResult listed = run(slot, target, new RemoteCommand(argv, false));
        List<String> installed = new ArrayList<>();
        for (String unit : AGENT_UNITS) {
            if (listed.stdout().lines().anyMatch(line -> line.strip().startsWith(unit + ".service "))) {
                installed.add(unit);
            }
        }
        if (installed.isEmpty()) {
            throw new PlugException("No Kubernetes node agent found on " + slot.hostname() + " (looked for "
                    + String.join(", ", AGENT_UNITS) + ").");
        }
        if (installed.size() > 1) {
            for (String unit : installed) {
                if (isActive(slot, target, unit)) {
                    return unit;
                }
            }
        }
        return installed.get(0);
    }

    private boolean isActive(PiSlot slot, SshTarget target, String unit) throws PlugException {
        return run(slot, target, RemoteCommand.of("systemctl", "is-active", unit)).ok();
    }
}
