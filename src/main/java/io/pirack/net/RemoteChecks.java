package io.pirack.net;

import io.pirack.probe.TcpProbe;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.CheckResult;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Doctor check 5, which needs the Pis: each answers on SSH, the control plane's API server
 * accepts connections, and each Pi resolves names and reaches an HTTPS registry (image pulls).
 */
public final class RemoteChecks {

    public static final String PI_SSH = "pi-ssh";
    public static final String API_SERVER = "api-server";
    public static final String PI_INTERNET = "pi-internet";
    /** ~/.ssh/config sends the Pi's alias to another address than the rack plans (the Pi moved). */
    public static final String SSH_CONFIG = "ssh-config";
    static final String REGISTRY_HOST = "registry-1.docker.io";
    static final int API_SERVER_PORT = 6443;

    private final RemoteShell shell;
    private final TcpProbe probe;
    private final Function<PiSlot, SshTarget> targets;
    private final Duration timeout;
    private final boolean targetsFromSshConfig;

    public RemoteChecks(RemoteShell shell, TcpProbe probe, Function<PiSlot, SshTarget> targets, Duration timeout) {
        this(shell, probe, targets, timeout, false);
    }

    /**
     * @param targetsFromSshConfig the targets' host is ~/.ssh/config's HostName when it has one: a literal
     *                             address there that differs from the slot's planned one is stale (the Pi was
     *                             moved), so the check says so and tries the planned address
     */
    public RemoteChecks(RemoteShell shell, TcpProbe probe, Function<PiSlot, SshTarget> targets, Duration timeout,
                        boolean targetsFromSshConfig) {
        this.shell = shell;
        this.probe = probe;
        this.targets = targets;
        this.timeout = timeout;
        this.targetsFromSshConfig = targetsFromSshConfig;
    }

    /** Check 5 when it cannot run (offline, no rack): one SKIP with the reason. */
    public static List<CheckResult> skipped(String reason) {
        return List.of(CheckResult.skip(PI_SSH, reason), CheckResult.skip(API_SERVER, reason), CheckResult.skip(PI_INTERNET, reason));
    }

    static RemoteCommand dnsCommand() {
        return RemoteCommand.of("getent", "hosts", REGISTRY_HOST);
    }

    static RemoteCommand httpsCommand() {
        return RemoteCommand.of("curl", "-sS", "-o", "/dev/null", "--max-time", "10", "https://" + REGISTRY_HOST + "/v2/");
    }

    public List<CheckResult> run(RackSpec rack) {
        List<CheckResult> results = new ArrayList<>();
        for (PiSlot slot : rack.slots()) {
            SshTarget target = targets.apply(slot);
            if (staleHostName(slot, target)) {
                // A FAIL, not a WARN: PiRack's own pulls and restores resolve the Pi through the same ~/.ssh/config, so
                // at the booth they go to the old address too — nothing answers there (the pull fails while the
                // audience watches), or another Pi has since been given it (its host key differs: PiRack refuses, or
                // the presenter accepts it and pulls the wrong Pi). Only the doctor looks at the planned address.
                results.add(CheckResult.fail(SSH_CONFIG + ":" + slot.hostname(), "~/.ssh/config's HostName for " + slot.hostname()
                        + " is " + target.host() + ", but the rack plans " + slot.hostname() + " at " + slot.ip() + ": 'ssh "
                        + slot.hostname() + "' and PiRack's plug methods go to the old address", List.of(),
                        "In ~/.ssh/config, under 'Host " + slot.hostname() + "', change 'HostName " + target.host() + "' to 'HostName "
                        + slot.ip() + "'", ""));
                target = new SshTarget(target.alias(), slot.ip(), target.port(), target.user(), target.identityFile());
            }
            String sshId = PI_SSH + ":" + slot.hostname();
            try {
                shell.run(target, RemoteCommand.of("true"), timeout);
                results.add(CheckResult.pass(sshId, slot.hostname() + " answers on SSH as " + target.user() + "@" + target.host(), List.of()));
            } catch (RemoteCommandException e) {
                results.add(CheckResult.fail(sshId, slot.hostname() + ": " + e.getMessage(), List.of(), sshFix(e.kind(), target), ""));
                continue;
            }
            results.add(internet(slot, target));
        }
        results.add(apiServer(rack));
        return results;
    }

    /** A literal address from ~/.ssh/config that is not the planned one; a name (rpi4.local) may well follow the Pi. */
    private boolean staleHostName(PiSlot slot, SshTarget target) {
        return targetsFromSshConfig && slot.ip() != null && !target.host().equals(slot.ip())
                && Ipv4Address.parse(target.host()).isValid();
    }

    private CheckResult apiServer(RackSpec rack) {
        PiSlot control = rack.slots().stream().filter(s -> s.role() == NodeRole.CONTROL_PLANE).findFirst().orElse(null);
        if (rack.slots().isEmpty()) {
            return CheckResult.skip(API_SERVER, "the rack has no Pis yet: assign the Pis found on the booth network to slots");
        }
        if (control == null) {
            return CheckResult.skip(API_SERVER, "no Pi in the rack has the control-plane role, and the cluster names none of them");
        }
        SshTarget target = targets.apply(control);
        String host = staleHostName(control, target) ? control.ip() : target.host();
        if (probe.reachable(host, API_SERVER_PORT, timeout)) {
            return CheckResult.pass(API_SERVER, "the API server on " + control.hostname() + " accepts connections at " + host + ":"
                    + API_SERVER_PORT, List.of());
        }
        return CheckResult.fail(API_SERVER, "nothing answers at " + host + ":" + API_SERVER_PORT + " on " + control.hostname(), List.of(),
                "Check that Kubernetes is running on " + control.hostname() + " (k3s: systemctl status k3s)", "");
    }

    private CheckResult internet(PiSlot slot, SshTarget target) {
        String id = PI_INTERNET + ":" + slot.hostname();
        try {
            CommandResult dns = shell.run(target, dnsCommand(), timeout);
            if (!dns.ok()) {
                return CheckResult.fail(id, slot.hostname() + " cannot resolve " + REGISTRY_HOST, List.of(dns.stderr().strip()),
                        "Check that Internet Sharing shares a connected Wi-Fi and that the Pi uses the gateway as DNS server", "");
            }
            CommandResult https = shell.run(target, httpsCommand(), timeout);
            if (https.exitCode() == 127) {
                return CheckResult.warn(id, slot.hostname() + " resolves names; HTTPS not tested (curl is not installed)", List.of(),
                        "sudo apt install curl", "");
            }
            if (!https.ok()) {
                return CheckResult.fail(id, slot.hostname() + " cannot reach https://" + REGISTRY_HOST + " (curl exit " + https.exitCode() + ")",
                        List.of(https.stderr().strip()), "Image pulls will fail: check the Mac's Wi-Fi and the Pi's clock (TLS)", "");
            }
            return CheckResult.pass(id, slot.hostname() + " resolves names and reaches https://" + REGISTRY_HOST, List.of());
        } catch (RemoteCommandException e) {
            return CheckResult.fail(id, slot.hostname() + ": " + e.getMessage(), List.of(), "", "");
        }
    }

    private static String sshFix(RemoteCommandException.Kind kind, SshTarget target) {
        String login = target.user() + "@" + target.host();
        switch (kind) {
            case HOST_KEY_UNKNOWN:
                return "Connect once with 'ssh " + login + "' and accept the host key";
            case HOST_KEY_CHANGED:
                return "The Pi was re-imaged: remove its old key with 'ssh-keygen -R " + target.host() + "'";
            case AUTHENTICATION:
                return "Install your key: ssh-copy-id " + login;
            case UNREACHABLE:
            case TIMEOUT:
                return "Check the Pi's power and cable and that it is at " + target.host();
            default:
                return "";
        }
    }
}
