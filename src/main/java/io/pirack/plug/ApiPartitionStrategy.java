package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * Cuts the node off the API server with one iptables rule on the Pi (what Kubernetes' own e2e tests
 * do): {@code iptables -I OUTPUT -d <ip> -p tcp --dport <port> -m comment --comment pirack-unplug -j REJECT}.
 * SSH stays up. Restore deletes exactly that rule (matched by the full spec including the comment),
 * and the dead-man switch deletes it too.
 */
public final class ApiPartitionStrategy extends SshPlugStrategy {

    public static final String RULE_COMMENT = "pirack-unplug";
    private static final String CHAIN = "OUTPUT";

    private final ApiEndpoint apiServer;

    public ApiPartitionStrategy(RemoteShell shell, SshTargetResolver targets, ApiEndpoint apiServer,
                                IntSupplier deadManSeconds, Duration commandTimeout) {
        super(shell, targets, deadManSeconds, commandTimeout);
        this.apiServer = Objects.requireNonNull(apiServer);
    }

    @Override
    public PlugMethod method() {
        return PlugMethod.API_PARTITION;
    }

    @Override
    public String describe(PiSlot slot) {
        return "Adds a firewall rule on " + slot.hostname() + " that rejects its traffic to the API server "
                + apiServer.ip() + ":" + apiServer.port() + "; SSH stays up and the Pi keeps running its pods. "
                + "The Pi deletes the rule by itself if PiRack has not within the dead-man delay.";
    }

    /** The rule spec after the chain, identical for insert, check and delete. */
    List<String> ruleSpec() {
        return List.of("-d", apiServer.ip().toString(), "-p", "tcp", "--dport", Integer.toString(apiServer.port()),
                "-m", "comment", "--comment", RULE_COMMENT, "-j", "REJECT");
    }

    private List<String> iptables(String operation) {
        List<String> argv = new ArrayList<>(List.of("iptables", operation, CHAIN));
        argv.addAll(ruleSpec());
        return argv;
    }

    private RemoteCommand sudoIptables(String operation) {
        return new RemoteCommand(iptables(operation), true);
    }

    @Override
    public PullResult pull(PiSlot slot) throws PlugException {
        String node = node(slot);
        SshTarget target = target(slot);
        Duration deadMan = armDeadMan(slot, target, node,
                List.of("unblock-api", apiServer.ip().toString(), Integer.toString(apiServer.port())));
        if (!run(slot, target, sudoIptables("-C")).ok()) {
            if (!run(slot, target, sudoIptables("-I")).ok()) {
                disarmDeadMan(slot, target, node);
                throw new PlugException("Could not add the firewall rule on " + slot.hostname() + ".");
            }
        }
        return new PullResult(deadMan, "rejecting traffic to " + apiServer.ip() + ":" + apiServer.port());
    }

    @Override
    public void restore(PiSlot slot) throws PlugException {
        String node = node(slot);
        SshTarget target = target(slot);
        // A missing rule means the dead-man switch (or someone) already restored the Pi.
        if (run(slot, target, sudoIptables("-C")).ok()) {
            require(slot, target, sudoIptables("-D"), "Could not delete the firewall rule");
        }
        disarmDeadMan(slot, target, node);
    }

    @Override
    public PlugStatus status(PiSlot slot) throws PlugException {
        String node = node(slot);
        SshTarget target = target(slot);
        boolean present = run(slot, target, sudoIptables("-C")).ok();
        return status(present, deadMan(slot, target, node), present ? "firewall rule present" : "no firewall rule");
    }

    @Override
    public List<RemoteCommand> sudoCommands(PiSlot slot) throws PlugException {
        String node = node(slot);
        List<RemoteCommand> commands = new ArrayList<>(deadManSudoCommands(node));
        commands.addAll(List.of(sudoIptables("-C"), sudoIptables("-I"), sudoIptables("-D")));
        return commands;
    }
}
