package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
