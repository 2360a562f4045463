package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.preflight.PreflightInputs.DeadManSwitch;
import io.pirack.core.rack.PiSlot;
import io.pirack.net.DhcpClientKind;
import io.pirack.net.SshPiDhcpRebinder;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SudoersSnippet;
import io.pirack.testing.OpenSshServer;
import io.pirack.tuning.DeadManProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sudoers drop-in PiRack prints (for a rack with the default 180 s dead-man delay) allows every
 * command PiRack then sends through sudo, whatever the delay of the moment (drill's 660 s): pulls,
 * restores and status checks of both SSH methods, the preflight's dead-man check and the Network screen's
 * DHCP rebind run against the
 * real OpenSSH server, every {@code sudo -n} they made is read back from the Pi, and each one is
 * matched against the rules parsed out of the drop-in the way sudo matches them.
 */
class SudoersCoverageTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final PiSlot RPI2 = PiSlot.of("rpi2", NodeRole.WORKER);
    private static final ApiEndpoint API = ApiEndpoint.fromServerUrl("https://192.168.2.101:6443").orThrow();
    /** Where sudo's secure_path finds each program on Raspberry Pi OS / Debian. */
    private static final Map<String, String> SECURE_PATH = Map.of(
            "pirack-deadman", "/usr/local/sbin/pirack-deadman",
            "pirack-rebind", "/usr/local/sbin/pirack-rebind",
            "systemctl", "/usr/bin/systemctl",
            "iptables", "/usr/sbin/iptables");

    @TempDir
    Path dir;

    /** One sudoers command specification: an absolute path and an argument pattern (null: no arguments given). */
    private record Rule(String path, String args) {
        boolean allows(List<String> argv) {
            if (!path.equals(SECURE_PATH.get(argv.get(0)))) {
                return false;
            }
            String given = String.join(" ", argv.subList(1, argv.size()));
            return args == null || glob(args).matcher(given).matches();
        }

        /** sudoers' fnmatch: {@code *} matches anything (spaces included), a backslash makes the next character literal. */
        private static Pattern glob(String pattern) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\\' && i + 1 < pattern.length()) {
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                } else if (c == '*') {
                    regex.append(".*");
                } else if (c == '?') {
                    regex.append('.');
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return Pattern.compile(regex.toString());
        }
    }

    /** Parses {@code user ALL=(root) NOPASSWD: cmd, cmd, …} (with line continuations) into rules for that user. */
    private static List<Rule> parse(String sudoers, String user) {
        String joined = sudoers.replace("\\\n", " ");
        List<Rule> rules = new ArrayList<>();
        for (String line : joined.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String prefix = user + " ALL=(root) NOPASSWD:";
            assertTrue(line.startsWith(prefix), "an unexpected sudoers line: " + line);
            for (String spec : splitUnescaped(line.substring(prefix.length()), ',')) {
                String trimmed = spec.strip();
                int space = trimmed.indexOf(' ');
                rules.add(space < 0 ? new Rule(trimmed, null)
                        : new Rule(trimmed.substring(0, space), trimmed.substring(space + 1).strip()));
            }
        }
        return rules;
    }

    private static List<String> splitUnescaped(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    @Test
    void everyCommandPiRackSendsThroughSudoIsAllowedByTheDropInItPrints() throws Exception {
        PI.installUnit("k3s-agent", true);
        SshRemoteShell shell = PI.trustingShell();
        // The drop-in as `pirack plug sudoers` prints it for a rack with the default delay.
        List<RemoteCommand> allowed = new ArrayList<>();
        allowed.addAll(new StopAgentStrategy(shell, PI.resolver(), () -> 180, Duration.ofSeconds(10)).sudoCommands(RPI2));
        allowed.addAll(new ApiPartitionStrategy(shell, PI.resolver(), API, () -> 180, Duration.ofSeconds(10)).sudoCommands(RPI2));
        String snippet = SudoersSnippet.render("root", allowed);
        List<Rule> rules = parse(snippet, "root");

        // What PiRack then runs, with the drill's longer delay.
        StopAgentStrategy stopAgent = new StopAgentStrategy(shell, PI.resolver(), () -> 660, Duration.ofSeconds(10));
        stopAgent.pull(RPI2);
        stopAgent.status(RPI2);
        stopAgent.restore(RPI2);
        ApiPartitionStrategy partition = new ApiPartitionStrategy(shell, PI.resolver(), API, () -> 660, Duration.ofSeconds(10));
        partition.pull(RPI2);
        partition.status(RPI2);
        partition.restore(RPI2);
        DeadManSwitch preflight = new DeadManProbe(shell, Duration.ofSeconds(10)).check("rpi2", PI.target("rpi2"));
        assertTrue(preflight.available(), preflight.detail());
        // The Network screen's release/rebind of a Pi on dhcpcd (its client a stand-in here).
        PI.installUnit("dhcpcd", true);
        PI.addStandIn("dhcpcd", "true");
        Files.createDirectories(PI.stateDir().resolve("sysfs/class/net/eth0"));
        assertEquals(DhcpClientKind.DHCPCD, new SshPiDhcpRebinder(shell, "eth0", Duration.ofSeconds(10)).releaseAndRebind(PI.target("rpi2")));

        List<List<String>> sent = PI.calls("sudo").stream().map(call -> call.subList(2, call.size())).toList();
        assertTrue(sent.contains(List.of("pirack-deadman", "arm", "rpi2", "660", "start-agent", "k3s-agent")), sent.toString());
        assertTrue(sent.contains(List.of("pirack-deadman", "status", "rpi2")), sent.toString());
        assertTrue(sent.contains(List.of("pirack-rebind", "eth0")), sent.toString());
        List<List<String>> refused = sent.stream().filter(argv -> rules.stream().noneMatch(r -> r.allows(argv))).toList();
        assertEquals(List.of(), refused, "sudo would refuse these with the printed drop-in:\n" + snippet);
        assertFalse(rules.stream().anyMatch(r -> r.args() == null), "every rule names its arguments");

        Path dropIn = Files.writeString(dir.resolve("pirack"), snippet);
        Process visudo = new ProcessBuilder("visudo", "-cf", dropIn.toString()).redirectErrorStream(true).start();
        String said = new String(visudo.getInputStream().readAllBytes());
        assertEquals(0, visudo.waitFor(), "visudo accepts the drop-in: " + said);
    }
}
