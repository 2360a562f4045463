package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pirack plug} end to end: the Pi is found through a presenter's ~/.ssh/config and
 * known_hosts (a temporary home), exactly as on stage.
 */
class PlugCommandOnAPiTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @TempDir
    Path home;
    private String realHome;

    @BeforeEach
    void presenterHome() throws Exception {
        PI.writePresenterSsh(home);
        realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", realHome);
    }

    private String run(int expectedExit, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(expectedExit, run.exitCode(), run.err());
        return run.printed();
    }

    @Test
    void pullStatusAndRestoreTheNodeAgent() throws Exception {
        PI.installUnit("kubelet", true);
        assertEquals("rpi2: stopped kubelet; it restores itself in 90 s",
                run(0, "plug", "pull", "rpi2", "--method", "stop-agent", "--dead-man", "90"));
        assertFalse(PI.unitActive("kubelet"));
        assertEquals("rpi2: UNPLUGGED (kubelet stopped; dead-man timer armed)",
                run(0, "plug", "status", "rpi2", "--method", "stop-agent"));
        assertEquals("rpi2: plugged back in", run(0, "plug", "restore", "rpi2", "--method", "stop-agent"));
        assertTrue(PI.unitActive("kubelet"));
        assertEquals(List.of(), PI.timerCommand("pirack-deadman-rpi2"));
    }

    @Test
    void sudoAskingForAPasswordPrintsTheDropIn() throws Exception {
        PI.installUnit("kubelet", true);
        PI.requireSudoPassword();
        String output = run(PlugCommand.FAILED, "plug", "pull", "rpi2", "--method", "api-partition",
                "--api-server", "https://192.168.2.101:6443");
        assertTrue(output.startsWith("sudo on rpi2 wants a password for user root."), output);
        assertTrue(output.contains("root ALL=(root) NOPASSWD: /usr/local/sbin/pirack-deadman arm rpi2 *"), output);
        assertEquals(List.of(), PI.iptablesRules());
    }
}
