package io.pirack.net;

import io.pirack.core.net.LedBlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.CheckResult;
import io.pirack.core.net.Fixtures;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Pi side of the Network screen against a real OpenSSH server: release/rebind per DHCP client
 * (detached from the session), Identify on a temporary sysfs, and check 5 (SSH, DNS, HTTPS).
 * Stand-ins record every argv; paths under /sys are mapped to the server's state folder.
 */
class PiSideOverSshTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Maps /sys/… arguments to $STATE/sysfs/… and leaves the rest; sets "$@" to the result. */
    private static final String MAP_SYSFS = String.join("\n",
            "n=$#",
            "for a in \"$@\"; do case \"$a\" in /sys/*) a=\"$STATE/sysfs${a#/sys}\";; esac; set -- \"$@\" \"$a\"; done",
            "shift $n");

    private SshRemoteShell shell;

    @BeforeEach
    void standIns() throws Exception {
        shell = PI.trustingShell();
        PI.addStandIn("sudo", "[ \"$1\" = -n ] && shift\n" + MAP_SYSFS + "\nexec \"$@\"");
        PI.addStandIn("cat", MAP_SYSFS + "\nexec /bin/cat \"$@\"");
        // systemctl is-active with several units prints one state per line, as systemd does.
        PI.addStandIn("systemctl", String.join("\n",
                "[ \"$1\" = is-active ] || exit 2; shift; rc=3",
                "for u in \"$@\"; do s=$(cat \"$STATE/unit.$u\" 2>/dev/null || echo inactive); echo \"$s\"; [ \"$s\" = active ] && rc=0; done",
                "exit $rc"));
        // Like systemd-run without --unit: a transient timer whose command runs later (PI.fireTimer).
        PI.addStandIn("systemd-run", String.join("\n",
                "while [ $# -gt 0 ]; do case \"$1\" in -*) shift;; *) break;; esac; done",
                "echo active > \"$STATE/unit.run-pirack.timer\"",
                "{ printf '%s' \"$1\"; shift; for a in \"$@\"; do printf '\\037%s' \"$a\"; done; } > \"$STATE/timer.run-pirack.cmd\"",
                "echo 'Running timer as unit: run-pirack.timer' >&2"));
        // pgrep -x NAME: the test marks a client process running with proc.NAME; its pid is the test sshd's (alive, in
        // this network namespace; no client here is ever signalled).
        PI.addStandIn("pgrep", "for a in \"$@\"; do name=$a; done\n[ -e \"$STATE/proc.$name\" ] || exit 1\ncat \"$STATE/../sshd.pid\"");
        // Each client's last rebind step tells the test through a FIFO that it ran (and what it was).
        String last = "case \"$*\" in '-r '*|'-k '*|'device down '*) ;; *) [ -p \"$STATE/rebound\" ] && echo \"%s $*\" > \"$STATE/rebound\";; esac; true";
        for (String client : List.of("nmcli", "networkctl", "dhclient", "dhcpcd")) {
            PI.addStandIn(client, String.format(last, client));
        }
        PI.addStandIn("sleep", "true");
        PI.addStandIn("setsid", "exec /usr/bin/setsid \"$@\"");
        Files.createDirectories(PI.stateDir().resolve("sysfs/class/net/eth0"));
    }

    // ---- release and rebind ------------------------------------------------------------------

    /** Reads what the client's last step wrote into the FIFO, once the SSH session is closed. */
    private static String rebound(Path fifo) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(20, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "NetworkManager   |          | NETWORK_MANAGER  | nmcli device down eth0,nmcli device up eth0",
            "dhcpcd           |          | DHCPCD           | dhcpcd -k eth0,dhcpcd -n eth0",
            "systemd-networkd |          | SYSTEMD_NETWORKD | networkctl reconfigure eth0",
            "                 | dhclient | DHCLIENT         | dhclient -r eth0,dhclient eth0",
            "dhcpcd           | dhclient | DHCPCD           | dhcpcd -k eth0,dhcpcd -n eth0"})
    void theHelperFindsEachClientAndRebindsItAfterTheSessionCloses(String unit, String process, DhcpClientKind expectedKind,
            String expected) throws Exception {
        if (unit != null) {
            PI.installUnit(unit, true);
        }
        if (process != null) {
            PI.setState("proc." + process, "1");
        }
        Path fifo = PI.stateDir().resolve("rebound");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

        DhcpClientKind kind = new SshPiDhcpRebinder(shell, "eth0", TIMEOUT).releaseAndRebind(PI.target("rpi2"));
        shell.close();
        // The client's last step blocks on the FIFO until this read: had the rebind been attached to the SSH
        // session, the call above would have timed out.
        String last = rebound(fifo);

        assertEquals(expectedKind, kind);
        assertEquals(List.of(List.of("sudo", "-n", "pirack-rebind", "eth0")), PI.calls("sudo"), "one fixed program, one argument");
        List<String> ran = clientCalls().stream().map(c -> String.join(" ", c)).toList();
        assertEquals(List.of(expected.split(",")), ran);
        assertEquals(ran.get(ran.size() - 1), last);
    }

    private static List<List<String>> clientCalls() throws Exception {
        return PI.callsOf("nmcli", "dhcpcd", "networkctl", "dhclient");
    }

    @Test
    void aPiWithoutAKnownDhcpClientIsReportedAndNothingIsStarted() throws Exception {
        RemoteCommandException e = assertThrows(RemoteCommandException.class,
                () -> new SshPiDhcpRebinder(shell, "eth0", TIMEOUT).releaseAndRebind(PI.target("rpi2")));
        assertEquals("rpi2: the rebind did not start: no known DHCP client is running "
                + "(NetworkManager, dhcpcd, systemd-networkd, dhclient, udhcpc)", e.getMessage());
        assertEquals(List.of(), PI.calls("setsid"));
    }

    @Test
    void anInterfaceThePiDoesNotHaveIsRefusedByTheHelper() throws Exception {
        PI.installUnit("dhcpcd", true);
        RemoteCommandException e = assertThrows(RemoteCommandException.class,
                () -> new SshPiDhcpRebinder(shell, "end0", TIMEOUT).releaseAndRebind(PI.target("rpi2")));
        assertEquals("rpi2: the rebind did not start: this Pi has no interface 'end0'", e.getMessage());
        assertEquals(List.of(), PI.calls("setsid"));
    }

    @Test
    void theHelperChecksItsArgumentsItself() throws Exception {
        PI.installUnit("dhcpcd", true);
        for (List<String> argv : List.of(List.of("pirack-rebind", "eth0; reboot"), List.of("pirack-rebind", "-x"),
                List.of("pirack-rebind"), List.of("pirack-rebind", "--detached", "sh", "eth0"))) {
            io.pirack.ssh.CommandResult result = shell.run(PI.target("rpi2"), new io.pirack.ssh.RemoteCommand(argv, true), TIMEOUT);
            assertEquals(2, result.exitCode(), argv + ": " + result.stderr());
            assertTrue(result.stderr().startsWith("pirack-rebind: "), result.stderr());
        }
        assertEquals(List.of(), clientCalls());
    }

    @Test
    void aPiWithoutTheHelperIsToldToInstallIt() throws Exception {
        Path helper = PI.standIn(SshPiDhcpRebinder.PROGRAM);
        Path aside = Files.move(helper, helper.resolveSibling("not-installed"));
        RemoteCommandException e;
        try {
            e = assertThrows(RemoteCommandException.class,
                    () -> new SshPiDhcpRebinder(shell, "eth0", TIMEOUT).releaseAndRebind(PI.target("rpi2")));
        } finally {
            Files.move(aside, helper);
        }
        assertEquals("rpi2: PiRack's rebind helper /usr/local/sbin/pirack-rebind is not installed there; "
                + "run: pirack plug install-helper --pi rpi2", e.getMessage());
    }

    // ---- identify ----------------------------------------------------------------------------

    private static Path led(String name, String fixture) throws Exception {
        Path trigger = PI.stateDir().resolve("sysfs/class/leds/" + name + "/trigger");
        Files.createDirectories(trigger.getParent());
        Files.writeString(trigger, Fixtures.text("pi/" + fixture));
        return trigger;
    }

    @Test
    void identifyBlinksTheActLedAndRestoresTheSavedTrigger() throws Exception {
        Path trigger = led("ACT", "leds-ACT-trigger.cm3.txt");
        PiLedIdentifier identifier = new PiLedIdentifier(shell, TIMEOUT);
        LedBlink blink = identifier.blink(PI.target("rpi1"), Duration.ofSeconds(30));

        assertEquals(new LedBlink("/sys/class/leds/ACT", "heartbeat"), blink);
        assertEquals("timer\n", Files.readString(trigger));
        assertEquals("--on-active=30", PI.calls("systemd-run").get(0).get(3));
        identifier.restore(PI.target("rpi1"), blink);
        assertEquals("heartbeat\n", Files.readString(trigger));
    }

    @Test
    void theBlinkStopsOnThePiItselfWhenTheLaptopIsGone() throws Exception {
        Path trigger = led("ACT", "leds-ACT-trigger.cm3.txt");
        new PiLedIdentifier(shell, TIMEOUT).blink(PI.target("rpi1"), Duration.ofSeconds(30));
        shell.close();
        PI.fireTimer("run-pirack");
        assertEquals("heartbeat\n", Files.readString(trigger));
    }

    @Test
    void olderKernelsBlinkLed0() throws Exception {
        Path trigger = led("led0", "leds-led0-trigger.pi4.txt");
        String before = Files.readString(trigger);
        PiLedIdentifier identifier = new PiLedIdentifier(shell, TIMEOUT);
        LedBlink blink = identifier.blink(PI.target("rpi1"), Duration.ofSeconds(30));
        assertEquals("/sys/class/leds/led0", blink.ledDir());
        assertEquals("timer\n", Files.readString(trigger));
        identifier.restore(PI.target("rpi1"), blink);
        assertTrue(before.contains("[" + Files.readString(trigger).strip() + "]"), "the active trigger is back: " + before);
    }

    // ---- check 5 -----------------------------------------------------------------------------

    private static RackSpec rack() {
        return new RackSpec("Booth", List.of(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE), PiSlot.of("rpi2", NodeRole.WORKER)),
                "192.168.2.0/24", PlugMethod.STOP_AGENT, null, RackSpec.DEFAULT_DEAD_MAN_SECONDS);
    }

    private List<String> check5(List<String> probed) {
        RemoteChecks checks = new RemoteChecks(shell, (host, port, timeout) -> probed.add(host + ":" + port),
                slot -> PI.target(slot.hostname()), TIMEOUT);
        return checks.run(rack()).stream().map(CheckResult::line).toList();
    }

    @Test
    void checkFivePassesWhenThePisAnswerResolveAndReachTheRegistry() throws Exception {
        PI.addStandIn("getent", "echo '2600:1f18::1 registry-1.docker.io'");
        PI.addStandIn("curl", "true");
        List<String> probed = new ArrayList<>();
        assertEquals(List.of(
                "PASS pi-ssh:rpi1 rpi1 answers on SSH as root@127.0.0.1",
                "PASS pi-internet:rpi1 rpi1 resolves names and reaches https://registry-1.docker.io",
                "PASS pi-ssh:rpi2 rpi2 answers on SSH as root@127.0.0.1",
                "PASS pi-internet:rpi2 rpi2 resolves names and reaches https://registry-1.docker.io",
                "PASS api-server the API server on rpi1 accepts connections at 127.0.0.1:6443"), check5(probed));
        assertEquals(List.of("127.0.0.1:6443"), probed);
        assertEquals(List.of("getent", "hosts", "registry-1.docker.io"), PI.calls("getent").get(0));
        assertEquals(List.of("curl", "-sS", "-o", "/dev/null", "--max-time", "10", "https://registry-1.docker.io/v2/"), PI.calls("curl").get(0));
    }

    @Test
    void checkFiveFailsWhenThePiCannotResolveNamesAndDoesNotTryHttps() throws Exception {
        PI.addStandIn("getent", "exit 2");
        PI.addStandIn("curl", "true");
        List<String> lines = check5(new ArrayList<>());
        assertEquals("FAIL pi-internet:rpi1 rpi1 cannot resolve registry-1.docker.io", lines.get(1));
        assertEquals(List.of(), PI.calls("curl"));
    }

    @Test
    void checkFiveFailsWhenHttpsToTheRegistryFailsAndWarnsWithoutCurl() throws Exception {
        PI.addStandIn("getent", "echo '2600:1f18::1 registry-1.docker.io'");
        PI.addStandIn("curl", "echo 'curl: (28) Connection timed out after 10001 milliseconds' >&2; exit 28");
        assertEquals("FAIL pi-internet:rpi1 rpi1 cannot reach https://registry-1.docker.io (curl exit 28)", check5(new ArrayList<>()).get(1));
        PI.addStandIn("curl", "exit 127");
        assertEquals("WARN pi-internet:rpi1 rpi1 resolves names; HTTPS not tested (curl is not installed)", check5(new ArrayList<>()).get(1));
    }

    @Test
    void checkFiveFailsForAPiThatDoesNotAnswerOnSsh() {
        RemoteChecks checks = new RemoteChecks(shell, (host, port, timeout) -> false,
                slot -> new SshTarget(slot.hostname(), "127.0.0.1", freePort(), "root", PI.userKey()), TIMEOUT);
        CheckResult ssh = checks.run(rack()).get(0);
        assertEquals(io.pirack.core.preflight.CheckStatus.FAIL, ssh.status());
        assertTrue(ssh.id().equals("pi-ssh:rpi1") && ssh.fix().startsWith("Check the Pi's power and cable"), ssh.toString());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
