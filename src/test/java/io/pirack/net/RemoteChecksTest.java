package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.CheckResult;
import io.pirack.core.rack.PiSlot;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RemoteChecksTest {

    private static final Function<PiSlot, SshTarget> TARGETS = slot -> new SshTarget(slot.hostname(), slot.ip(), 22, "pi", null);

    @Test
    void reachablePisWithInternetAndAnApiServerPass() {
        RemoteShell shell = (target, command, timeout) -> new CommandResult(0, "", "");
        List<String> lines = new RemoteChecks(shell, (host, port, timeout) -> host.equals("192.168.2.101") && port == 6443, TARGETS,
                Duration.ofSeconds(5)).run(BoothSnapshots.rack()).stream().map(CheckResult::line).toList();
        assertEquals(List.of(
                "PASS pi-ssh:rpi1 rpi1 answers on SSH as pi@192.168.2.101",
                "PASS pi-internet:rpi1 rpi1 resolves names and reaches https://registry-1.docker.io",
                "PASS pi-ssh:rpi2 rpi2 answers on SSH as pi@192.168.2.102",
                "PASS pi-internet:rpi2 rpi2 resolves names and reaches https://registry-1.docker.io",
                "PASS api-server the API server on rpi1 accepts connections at 192.168.2.101:6443"), lines);
    }

    @Test
    void unreachablePiNoDnsAndNoApiServerFailWithFixes() {
        RemoteShell shell = (target, command, timeout) -> {
            if (target.alias().equals("rpi2")) {
                throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION, "the key was refused");
            }
            return command.argv().get(0).equals("getent") ? new CommandResult(2, "", "") : new CommandResult(0, "", "");
        };
        List<CheckResult> results = new RemoteChecks(shell, (host, port, timeout) -> false, TARGETS, Duration.ofSeconds(5))
                .run(BoothSnapshots.rack());
        assertEquals(List.of(
                "FAIL pi-internet:rpi1 rpi1 cannot resolve registry-1.docker.io",
                "FAIL pi-ssh:rpi2 rpi2: the key was refused",
                "FAIL api-server nothing answers at 192.168.2.101:6443 on rpi1"),
                results.stream().filter(r -> r.status() != io.pirack.core.preflight.CheckStatus.PASS).map(CheckResult::line).toList());
        assertEquals("Install your key: ssh-copy-id pi@192.168.2.102", results.get(2).fix());
    }

    @Test
    void missingCurlIsAWarning() {
        RemoteShell shell = (target, command, timeout) -> command.argv().get(0).equals("curl") ? new CommandResult(127, "", "curl: not found")
                : new CommandResult(0, "", "");
        CheckResult internet = new RemoteChecks(shell, (host, port, timeout) -> true, TARGETS, Duration.ofSeconds(5))
                .run(BoothSnapshots.rack()).get(1);
        assertEquals("WARN pi-internet:rpi1 rpi1 resolves names; HTTPS not tested (curl is not installed)", internet.line());
    }

    /** The doctor as the app and {@code pirack doctor} build it: targets from the presenter's ~/.ssh/config. */
    private static List<CheckResult> liveDoctor(String sshConfig, List<String> reached) {
        io.pirack.ssh.SshTargetResolver config = io.pirack.ssh.SshConfigResolver.parse(sshConfig, java.nio.file.Path.of("/home/presenter"),
                "presenter");
        RemoteShell shell = (target, command, timeout) -> {
            reached.add(target.alias() + "@" + target.host());
            return new CommandResult(0, "", "");
        };
        BoothNetwork booth = new BoothNetwork((argv, stdin, timeout) -> new ProcessResult(0, "", "", false),
                java.nio.file.Path.of("/nonexistent"), io.pirack.core.net.HostSnapshot.Platform.MACOS, java.util.Optional.of(shell),
                (host, port, timeout) -> true, java.time.Clock.systemUTC(), d -> { }, BoothNetwork.configured(config));
        return booth.report(BoothSnapshots.macOs(BoothSnapshots.macOsFiles()), true).checks().stream()
                .filter(c -> c.id().startsWith(RemoteChecks.PI_SSH) || c.id().startsWith(RemoteChecks.SSH_CONFIG)).toList();
    }

    @Test
    void aStaleHostNameInSshConfigFailsTheDoctorWithTheLineToChangeAndThePiIsCheckedAtItsPlannedAddress() {
        List<String> reached = new java.util.ArrayList<>();
        List<CheckResult> checks = liveDoctor(io.pirack.core.net.Fixtures.text("ssh/config.pi-moved"), reached);
        assertEquals(List.of(
                "PASS pi-ssh:rpi1 rpi1 answers on SSH as pi@192.168.2.101",
                "FAIL ssh-config:rpi2 ~/.ssh/config's HostName for rpi2 is 192.168.2.52, but the rack plans rpi2 at 192.168.2.102:"
                        + " 'ssh rpi2' and PiRack's plug methods go to the old address",
                "PASS pi-ssh:rpi2 rpi2 answers on SSH as pi@192.168.2.102"), checks.stream().map(CheckResult::line).toList());
        assertEquals("In ~/.ssh/config, under 'Host rpi2', change 'HostName 192.168.2.52' to 'HostName 192.168.2.102'",
                checks.get(1).fix());
        assertTrue(reached.stream().noneMatch(r -> r.endsWith("192.168.2.52")), "the old address is not tried: " + reached);
    }

    @Test
    void aHostNameThatIsANameIsNotCalledStale() {
        List<String> reached = new java.util.ArrayList<>();
        List<CheckResult> checks = liveDoctor("Host rpi2\n  HostName rpi2.local\n", reached);
        assertTrue(checks.stream().noneMatch(c -> c.id().startsWith(RemoteChecks.SSH_CONFIG)), checks.toString());
        assertTrue(reached.contains("rpi2@rpi2.local"), reached.toString());
    }
}
