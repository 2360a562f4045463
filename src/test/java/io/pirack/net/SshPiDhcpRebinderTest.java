package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SshPiDhcpRebinderTest {

    private static final SshTarget RPI2 = new SshTarget("rpi2", "192.168.2.7", 22, "pi", null);

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of(DhcpClientKind.DHCPCD, "dhcpcd -k \"$1\"; dhcpcd -n \"$1\""),
                Arguments.of(DhcpClientKind.NETWORK_MANAGER, "nmcli device down \"$1\"; nmcli device up \"$1\""),
                Arguments.of(DhcpClientKind.SYSTEMD_NETWORKD, "networkctl reconfigure \"$1\""),
                Arguments.of(DhcpClientKind.DHCLIENT, "dhclient -r \"$1\"; dhclient \"$1\""),
                Arguments.of(DhcpClientKind.UDHCPC, "for p in $(pgrep -x udhcpc); do "
                        + "if [ \"$(readlink /proc/$p/ns/net)\" = \"$(readlink /proc/$$/ns/net)\" ] "
                        + "&& tr '\\0' ' ' < /proc/$p/cmdline | grep -qw -e \"$1\"; then kill -USR2 $p; sleep 1; kill -USR1 $p; fi; done"));
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void eachClientReleasesAndRebindsDetachedThroughSystemdRun(DhcpClientKind kind, String script) {
        RemoteCommand command = SshPiDhcpRebinder.rebindCommand(kind, "eth0", SshPiDhcpRebinder.Detach.SYSTEMD_RUN);
        assertEquals(true, command.sudo());
        assertEquals(List.of("systemd-run", "--collect", "--quiet", "--on-active=2", "/bin/sh", "-c", script, "pirack-rebind", "eth0"),
                command.argv());
    }

    @Test
    void nohupFallbackClosesTheSessionStreamsBeforeWaiting() {
        RemoteCommand command = SshPiDhcpRebinder.rebindCommand(DhcpClientKind.NETWORK_MANAGER, "end0", SshPiDhcpRebinder.Detach.NOHUP);
        assertEquals(List.of("setsid", "-f", "nohup", "/bin/sh", "-c",
                "exec </dev/null >/dev/null 2>&1; sleep 2; nmcli device down \"$1\"; nmcli device up \"$1\"", "pirack-rebind", "end0"),
                command.argv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0; reboot", "$(id)", "", "-x", "a very long interface"})
    void interfaceNamesThatAreNotNamesAreRejected(String name) {
        assertThrows(IllegalArgumentException.class,
                () -> SshPiDhcpRebinder.rebindCommand(DhcpClientKind.DHCPCD, name, SshPiDhcpRebinder.Detach.SYSTEMD_RUN));
    }

    @Test
    void serviceStatesPickTheActiveClient() {
        assertEquals(Optional.of(DhcpClientKind.NETWORK_MANAGER), SshPiDhcpRebinder.fromServiceStates("active\ninactive\ninactive\n"));
        assertEquals(Optional.of(DhcpClientKind.DHCPCD), SshPiDhcpRebinder.fromServiceStates("inactive\nactive\ninactive\n"));
        assertEquals(Optional.of(DhcpClientKind.SYSTEMD_NETWORKD), SshPiDhcpRebinder.fromServiceStates("inactive\ninactive\nactive\n"));
        assertEquals(Optional.empty(), SshPiDhcpRebinder.fromServiceStates("inactive\nunknown\ninactive\n"));
    }

    @Test
    void rebindDetectsThenStartsTheMatchingCommand() throws Exception {
        List<RemoteCommand> sent = new ArrayList<>();
        SshPiDhcpRebinder rebinder = new SshPiDhcpRebinder((target, command, timeout) -> {
            sent.add(command);
            return command.argv().get(0).equals("systemctl") ? new CommandResult(3, "inactive\nactive\ninactive\n", "")
                    : new CommandResult(0, "", "");
        }, "eth0", SshPiDhcpRebinder.Detach.SYSTEMD_RUN, Duration.ofSeconds(10));
        assertEquals(DhcpClientKind.DHCPCD, rebinder.releaseAndRebind(RPI2));
        assertEquals(List.of(SshPiDhcpRebinder.detectCommand(),
                SshPiDhcpRebinder.rebindCommand(DhcpClientKind.DHCPCD, "eth0", SshPiDhcpRebinder.Detach.SYSTEMD_RUN)), sent);
    }

    @Test
    void dhclientIsFoundByProcessWhenNoServiceIsActive() throws Exception {
        SshPiDhcpRebinder rebinder = new SshPiDhcpRebinder((target, command, timeout) ->
                command.argv().get(0).equals("systemctl") ? new CommandResult(3, "inactive\ninactive\ninactive\n", "")
                        : new CommandResult(0, "812 dhclient\n", ""), "eth0", SshPiDhcpRebinder.Detach.SYSTEMD_RUN, Duration.ofSeconds(10));
        assertEquals(DhcpClientKind.DHCLIENT, rebinder.detect(RPI2));
    }

    @Test
    void busyboxUdhcpcIsFoundByProcessAndServicesWinOverStrayClients() {
        assertEquals(Optional.of(DhcpClientKind.UDHCPC), SshPiDhcpRebinder.fromProcesses("377 udhcpc\n"));
        assertEquals(Optional.of(DhcpClientKind.DHCPCD), SshPiDhcpRebinder.fromProcesses("377 udhcpc\n412 dhcpcd\n"));
        assertEquals(Optional.of(DhcpClientKind.NETWORK_MANAGER), SshPiDhcpRebinder.fromProcesses("9 dhclient\n8 NetworkManager\n"));
        assertEquals(Optional.empty(), SshPiDhcpRebinder.fromProcesses(""));
        assertEquals(List.of("pgrep", "-l", "-x", "NetworkManager|dhcpcd|dhclient|udhcpc"), SshPiDhcpRebinder.processCommand().argv());
    }

    @Test
    void sudoRefusalIsReportedWithThePiName() {
        SshPiDhcpRebinder rebinder = new SshPiDhcpRebinder((target, command, timeout) ->
                command.argv().get(0).equals("systemctl") ? new CommandResult(0, "active\ninactive\ninactive\n", "")
                        : new CommandResult(1, "", "sudo: a password is required\n"), "eth0", SshPiDhcpRebinder.Detach.SYSTEMD_RUN,
                Duration.ofSeconds(10));
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> rebinder.releaseAndRebind(RPI2));
        assertEquals("rpi2: starting the NetworkManager rebind failed (exit 1): sudo: a password is required", e.getMessage());
    }
}
