package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshTarget;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SshPiDhcpRebinderTest {

    private static final SshTarget RPI2 = new SshTarget("rpi2", "192.168.2.7", 22, "pi", null);

    @Test
    void theRebindIsOneFixedHelperWithTheInterfaceAsItsOnlyArgument() {
        RemoteCommand command = SshPiDhcpRebinder.rebindCommand("end0");
        assertEquals(true, command.sudo());
        assertEquals(List.of("pirack-rebind", "end0"), command.argv());
    }

    @ParameterizedTest
    @ValueSource(strings = {"eth0; reboot", "$(id)", "", "-x", "a very long interface"})
    void interfaceNamesThatAreNotNamesAreRejected(String name) {
        assertThrows(IllegalArgumentException.class, () -> SshPiDhcpRebinder.rebindCommand(name));
    }

    @ParameterizedTest
    @CsvSource({"NetworkManager,NETWORK_MANAGER", "dhcpcd,DHCPCD", "systemd-networkd,SYSTEMD_NETWORKD", "dhclient,DHCLIENT",
            "udhcpc,UDHCPC"})
    void theHelpersAnswerNamesTheClient(String name, DhcpClientKind kind) {
        assertEquals(Optional.of(kind), SshPiDhcpRebinder.parseAnswer("rebinding eth0 with " + name + " in 2 s\n", "eth0"));
    }

    @Test
    void anAnswerThatIsNotTheHelpersIsNotTakenForOne() {
        assertEquals(Optional.empty(), SshPiDhcpRebinder.parseAnswer("rebinding end0 with dhcpcd in 2 s", "eth0"));
        assertEquals(Optional.empty(), SshPiDhcpRebinder.parseAnswer("rebinding eth0 with connman in 2 s", "eth0"));
        assertEquals(Optional.empty(), SshPiDhcpRebinder.parseAnswer("", "eth0"));
    }

    @Test
    void anUnexpectedAnswerIsReportedWithThePiName() {
        SshPiDhcpRebinder rebinder = new SshPiDhcpRebinder((target, command, timeout) -> new CommandResult(0, "ok\n", ""), "eth0",
                Duration.ofSeconds(10));
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> rebinder.releaseAndRebind(RPI2));
        assertEquals("rpi2: /usr/local/sbin/pirack-rebind answered 'ok', not PiRack's rebind helper; install it again with "
                + "pirack plug install-helper --pi rpi2", e.getMessage());
    }

    @Test
    void theHelpersRefusalIsReportedInOneSentenceWithThePiName() {
        SshPiDhcpRebinder rebinder = new SshPiDhcpRebinder((target, command, timeout) ->
                new CommandResult(2, "", "pirack-rebind: this Pi has no interface 'eth0'\n"), "eth0", Duration.ofSeconds(10));
        RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> rebinder.releaseAndRebind(RPI2));
        assertEquals("rpi2: the rebind did not start: this Pi has no interface 'eth0'", e.getMessage());
    }
}
