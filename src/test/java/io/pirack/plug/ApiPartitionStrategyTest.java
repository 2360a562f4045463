package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.testing.OpenSshServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiPartitionStrategyTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final PiSlot RPI3 = PiSlot.of("rpi3", NodeRole.WORKER);
    private static final List<String> SPEC = List.of("-d", "192.168.2.101", "-p", "tcp", "--dport", "6443",
            "-m", "comment", "--comment", "pirack-unplug", "-j", "REJECT");
    private static final String RULE = "OUTPUT " + String.join(" ", SPEC);

    private SshRemoteShell shell;

    @BeforeEach
    void connect() throws Exception {
        shell = PI.trustingShell();
    }

    private ApiPartitionStrategy strategy(SshRemoteShell using) {
        return new ApiPartitionStrategy(using, PI.resolver(),
                ApiEndpoint.fromServerUrl("https://192.168.2.101:6443").orThrow(), () -> 120, Duration.ofSeconds(5));
    }

    private static List<String> iptables(String operation) {
        List<String> argv = new ArrayList<>(List.of("iptables", operation, "OUTPUT"));
        argv.addAll(SPEC);
        return argv;
    }

    @Test
    void pullArmsTheDeadManSwitchThenInsertsOneTaggedRejectRule() throws Exception {
        PullResult result = strategy(shell).pull(RPI3);
        assertEquals(new PullResult(Duration.ofSeconds(120), "rejecting traffic to 192.168.2.101:6443"), result);
        List<String> arm = new ArrayList<>(List.of("systemd-run", "--on-active=120s", "--timer-property=RemainAfterElapse=no",
                "--collect", "--unit=pirack-deadman-rpi3"));
        arm.addAll(iptables("-D"));
        assertEquals(List.of(arm, iptables("-C"), iptables("-I")), PI.callsOf("systemd-run", "iptables"));
        assertEquals(List.of(RULE), PI.iptablesRules());
        assertEquals(iptables("-D"), PI.timerCommand("pirack-deadman-rpi3"));
    }

    @Test
    void pullingTwiceDoesNotStackRules() throws Exception {
        ApiPartitionStrategy strategy = strategy(shell);
        strategy.pull(RPI3);
        strategy.pull(RPI3);
        assertEquals(List.of(RULE), PI.iptablesRules());
    }

    @Test
    void restoreDeletesExactlyPiRacksRuleAndCancelsTheDeadManSwitch() throws Exception {
        PI.setState("iptables.rules", "OUTPUT -d 10.0.0.9 -j DROP\n");
        ApiPartitionStrategy strategy = strategy(shell);
        strategy.pull(RPI3);
        int before = PI.callsOf("systemctl", "iptables").size();
        strategy.restore(RPI3);
        assertEquals(List.of(iptables("-C"), iptables("-D"), List.of("systemctl", "stop", "pirack-deadman-rpi3.timer")),
                PI.callsOf("systemctl", "iptables").subList(before, PI.callsOf("systemctl", "iptables").size()));
        assertEquals(List.of("OUTPUT -d 10.0.0.9 -j DROP"), PI.iptablesRules());
        assertEquals(List.of(), PI.timerCommand("pirack-deadman-rpi3"));
    }

    @Test
    void aFreshInstanceAfterAnAppRestartSeesTheRuleAndTheArmedTimer() throws Exception {
        strategy(shell).pull(RPI3);
        shell.close();
        SshRemoteShell afterRestart = PI.trustingShell();
        PlugStatus status = strategy(afterRestart).status(RPI3);
        assertEquals("firewall rule present; dead-man timer armed", status.detail());
        assertTrue(status.unplugged() && status.deadManArmed() && status.deadManLeft() != null);
    }

    @Test
    void afterTheDeadManSwitchFiredTheRuleIsGoneAndRestoreIsHarmless() throws Exception {
        ApiPartitionStrategy strategy = strategy(shell);
        strategy.pull(RPI3);
        PI.fireTimer("pirack-deadman-rpi3");
        assertEquals(List.of(), PI.iptablesRules());
        assertEquals(new PlugStatus(false, false, "no firewall rule"), strategy.status(RPI3));
        strategy.restore(RPI3);
        assertEquals(List.of(), PI.iptablesRules());
    }

    @Test
    void sudoersSnippetListsTheHelpersAndTheThreeFirewallCommands() throws Exception {
        String snippet = io.pirack.ssh.SudoersSnippet.render("pi", strategy(shell).sudoCommands(RPI3));
        String spec = "-d 192.168.2.101 -p tcp --dport 6443 -m comment --comment pirack-unplug -j REJECT";
        assertEquals("# PiRack: let pi run exactly these commands as root without a password.\n"
                + "# Install on the Pi with: sudo visudo -f /etc/sudoers.d/pirack\n"
                + "pi ALL=(root) NOPASSWD: /usr/local/sbin/pirack-deadman arm rpi3 *, \\\n"
                + "    /usr/local/sbin/pirack-deadman cancel rpi3, \\\n"
                + "    /usr/local/sbin/pirack-deadman status rpi3, \\\n"
                + "    /usr/local/sbin/pirack-rebind *, \\\n"
                + "    /usr/sbin/iptables -C OUTPUT " + spec + ", \\\n"
                + "    /usr/sbin/iptables -I OUTPUT " + spec + ", \\\n"
                + "    /usr/sbin/iptables -D OUTPUT " + spec + "\n", snippet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://192.168.2.101;reboot:6443", "https://k8s.local:6443", "https://192.168.2.300:6443",
            "ftp://192.168.2.101:6443", "192.168.2.101:6443", "https://192.168.2.1$(id):6443"})
    void apiServerAddressesThatAreNotPlainIpsAreRefused(String url) {
        assertFalse(ApiEndpoint.fromServerUrl(url).isValid(), url);
    }

    @Test
    void apiServerPortDefaultsFromTheScheme() {
        assertEquals(443, ApiEndpoint.fromServerUrl("https://10.0.0.1").orThrow().port());
        assertEquals(6443, ApiEndpoint.fromServerUrl("https://10.0.0.1:6443/").orThrow().port());
    }

    @Test
    void hostileNodeNameIsRefusedBeforeAnythingRuns() throws Exception {
        assertThrows(PlugException.class, () -> strategy(shell).pull(PiSlot.of("rpi3`reboot`", NodeRole.WORKER)));
        assertTrue(PI.calls().isEmpty());
    }
}
