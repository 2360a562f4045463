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
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StopAgentStrategyTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final PiSlot RPI2 = PiSlot.of("rpi2", NodeRole.WORKER);
    private static final List<String> LIST_UNITS = List.of("systemctl", "list-unit-files", "--no-legend", "--no-pager",
            "kubelet.service", "k3s-agent.service", "k3s.service", "snap.microk8s.daemon-kubelite.service");
    private static final List<String> ARM_K3S_AGENT = List.of("systemd-run", "--on-active=180s",
            "--timer-property=RemainAfterElapse=no", "--collect", "--unit=pirack-deadman-rpi2", "systemctl", "start", "k3s-agent");

    private SshRemoteShell shell;

    @BeforeEach
    void connect() throws Exception {
        shell = PI.trustingShell();
    }

    private StopAgentStrategy strategy(SshRemoteShell using) {
        return new StopAgentStrategy(using, PI.resolver(), () -> 180, Duration.ofSeconds(5));
    }

    private List<List<String>> piCommands() throws Exception {
        return PI.callsOf("systemctl", "systemd-run");
    }

    @Test
    void pullArmsTheDeadManSwitchBeforeStoppingTheDetectedAgent() throws Exception {
        PI.installUnit("k3s-agent", true);
        PullResult result = strategy(shell).pull(RPI2);
        assertEquals(new PullResult(Duration.ofSeconds(180), "stopped k3s-agent"), result);
        assertEquals(List.of(LIST_UNITS, List.of("systemctl", "stop", "pirack-deadman-rpi2.timer"), ARM_K3S_AGENT,
                List.of("systemctl", "stop", "k3s-agent")), piCommands());
        assertEquals(List.of(List.of("sudo", "-n", "pirack-deadman", "arm", "rpi2", "180", "start-agent", "k3s-agent"),
                List.of("sudo", "-n", "systemctl", "stop", "k3s-agent")), PI.calls("sudo"));
        assertFalse(PI.unitActive("k3s-agent"));
        assertEquals(List.of("systemctl", "start", "k3s-agent"), PI.timerCommand("pirack-deadman-rpi2"));
    }

    @Test
    void restoreStartsTheAgentAndThenCancelsTheDeadManSwitch() throws Exception {
        PI.installUnit("k3s-agent", true);
        StopAgentStrategy strategy = strategy(shell);
        strategy.pull(RPI2);
        int before = piCommands().size();
        strategy.restore(RPI2);
        assertEquals(List.of(LIST_UNITS, List.of("systemctl", "start", "k3s-agent"),
                List.of("systemctl", "stop", "pirack-deadman-rpi2.timer")), piCommands().subList(before, piCommands().size()));
        assertTrue(PI.unitActive("k3s-agent"));
        assertEquals(List.of(), PI.timerCommand("pirack-deadman-rpi2"));
    }

    @Test
    void aFreshInstanceAfterAnAppRestartFindsThePiStillUnplugged() throws Exception {
        PI.installUnit("kubelet", true);
        strategy(shell).pull(RPI2);
        shell.close();
        SshRemoteShell afterRestart = PI.trustingShell();
        PlugStatus status = strategy(afterRestart).status(RPI2);
        assertEquals("kubelet stopped; dead-man timer armed", status.detail());
        assertTrue(status.unplugged() && status.deadManArmed());
        assertTrue(status.deadManLeft().compareTo(Duration.ofSeconds(180)) <= 0 && !status.deadManLeft().isNegative(),
                "the Pi counts down from 180 s: " + status.deadManLeft());
    }

    @Test
    void theDeadManSwitchBringsTheAgentBackWithoutPiRack() throws Exception {
        PI.installUnit("kubelet", true);
        strategy(shell).pull(RPI2);
        PI.fireTimer("pirack-deadman-rpi2");
        assertTrue(PI.unitActive("kubelet"));
        assertEquals(new PlugStatus(false, false, "kubelet active"), strategy(shell).status(RPI2));
    }

    @Test
    void whenSeveralAgentsAreInstalledTheActiveOneIsStopped() throws Exception {
        PI.installUnit("k3s-agent", false);
        PI.installUnit("k3s", true);
        assertEquals("stopped k3s", strategy(shell).pull(RPI2).detail());
        assertFalse(PI.unitActive("k3s"));
    }

    @Test
    void aTimerLeftFromALostSessionIsReplaced() throws Exception {
        PI.installUnit("kubelet", true);
        PI.installUnit("pirack-deadman-rpi2.timer", true);
        strategy(shell).pull(RPI2);
        assertEquals(1, PI.callsOf("systemd-run").size(), "the helper stops the old timer before arming");
        assertTrue(piCommands().contains(List.of("systemctl", "stop", "pirack-deadman-rpi2.timer")));
        assertEquals(List.of("systemctl", "start", "kubelet"), PI.timerCommand("pirack-deadman-rpi2"));
    }

    @Test
    void aPiWithoutAnyKnownAgentIsReportedAndLeftAlone() throws Exception {
        PlugException e = assertThrows(PlugException.class, () -> strategy(shell).pull(RPI2));
        assertEquals("No Kubernetes node agent found on rpi2 (looked for kubelet, k3s-agent, k3s, "
                + "snap.microk8s.daemon-kubelite).", e.getMessage());
        assertEquals(List.of(LIST_UNITS), piCommands());
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpi2;reboot", "rpi2 --now", "$(reboot)", "rpi2\nreboot", "-rpi2", "rpi2.local"})
    void hostileNodeNamesAreRefusedBeforeAnythingRuns(String name) throws Exception {
        PiSlot hostile = PiSlot.of(name, NodeRole.WORKER);
        PI.installUnit("kubelet", true);
        assertThrows(PlugException.class, () -> strategy(shell).pull(hostile));
        assertThrows(PlugException.class, () -> strategy(shell).restore(hostile));
        assertFalse(strategy(shell).isAvailable(hostile));
        assertEquals(List.of(), PI.calls());
    }

    @Test
    void sudoWantingAPasswordComesWithTheExactSudoersSnippet() throws Exception {
        PI.installUnit("k3s-agent", true);
        PI.requireSudoPassword();
        PlugException e = assertThrows(PlugException.class, () -> strategy(shell).pull(RPI2));
        String snippet = e.sudoersSnippet().orElseThrow();
        assertTrue(snippet.contains("root ALL=(root) NOPASSWD: /usr/local/sbin/pirack-deadman arm rpi2 *, \\\n"
                + "    /usr/local/sbin/pirack-deadman cancel rpi2, \\\n    /usr/local/sbin/pirack-deadman status rpi2, \\\n"), snippet);
        assertTrue(snippet.contains("/usr/bin/systemctl stop k3s-agent, \\\n"), snippet);
        assertTrue(snippet.endsWith("/usr/bin/systemctl start snap.microk8s.daemon-kubelite\n"), snippet);
        assertTrue(PI.unitActive("k3s-agent"));
    }
}
