package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.plug.DeadManHelper;
import io.pirack.plug.RebindHelper;
import io.pirack.testing.OpenSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pirack plug install-helper} against a real OpenSSH server: the plan is shown, consent is
 * asked (or {@code --yes}), the script lands root-owned and mode 0755 through {@code sudo -n install},
 * byte-identical, and the temporary copy is removed. The stand-in {@code install} only moves the
 * destination under the server's state folder, so the test never writes the machine's /usr/local/sbin.
 */
class InstallHelperOnAPiTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @TempDir
    Path home;
    private String realHome;

    @BeforeEach
    void presenterHomeAndInstallStandIn() throws Exception {
        PI.writePresenterSsh(home);
        realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        PI.addStandIn("install", String.join("\n",
                "for a in \"$@\"; do last=$a; done",
                "i=0; n=$#",
                "for a in \"$@\"; do",
                "  i=$((i+1)); [ $i -eq 1 ] && set --",
                "  if [ $i -eq $n ]; then set -- \"$@\" \"$STATE/root$a\"; else set -- \"$@\" \"$a\"; fi",
                "done",
                "mkdir -p \"$(dirname \"$STATE/root$last\")\"",
                "exec /usr/bin/install \"$@\""));
    }

    @AfterEach
    void restoreHome() {
        System.setProperty("user.home", realHome);
    }

    private Path installed() {
        return installed(DeadManHelper.INSTALLED_AT);
    }

    private static Path installed(String path) {
        return PI.stateDir().resolve("root" + path);
    }

    @Test
    void withYesItShowsThePlanThenInstallsBothHelpersRootOwnedAndByteIdentical() throws Exception {
        CliRun run = CliRun.of("plug", "install-helper", "--pi", "rpi2", "--yes");

        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertEquals("On rpi2, pirack will:", lines.get(0));
        assertTrue(lines.get(3).endsWith("sudo -n install -o root -g root -m 0755 <temporary file> /usr/local/sbin/pirack-deadman"),
                lines.get(3));
        assertTrue(lines.get(6).endsWith("sudo -n install -o root -g root -m 0755 <temporary file> /usr/local/sbin/pirack-rebind"),
                lines.get(6));
        assertTrue(lines.get(lines.size() - 1).startsWith("rpi2: installed /usr/local/sbin/pirack-deadman and "
                + "/usr/local/sbin/pirack-rebind (root, 0755)"), run.out());
        assertArrayEquals(DeadManHelper.script().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(installed()));
        assertArrayEquals(RebindHelper.script().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(installed(RebindHelper.INSTALLED_AT)));
        for (Path helper : List.of(installed(), installed(RebindHelper.INSTALLED_AT))) {
            assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(helper)));
            assertEquals("root", Files.getOwner(helper).getName());
        }
        List<List<String>> sudo = PI.calls("sudo");
        assertEquals(List.of("-n", "install", "-o", "root", "-g", "root", "-m", "0755"), sudo.get(0).subList(1, 9));
        assertEquals(List.of("-n", "install", "-o", "root", "-g", "root", "-m", "0755"), sudo.get(1).subList(1, 9));
        assertEquals(List.of("-n", DeadManHelper.PROGRAM, "status", "rpi2"), sudo.get(2).subList(1, 5),
                "checked the way PiRack calls it");
        for (int i = 0; i < 2; i++) {
            assertFalse(Files.exists(Path.of(sudo.get(i).get(9))), "the temporary copy is removed");
        }
    }

    @Test
    void withoutATerminalToAskNothingIsInstalledAndThePiIsNotContacted() throws Exception {
        long logins = PI.acceptedLogins();
        CliRun run = CliRun.of("plug", "install-helper", "--pi", "rpi2");

        assertEquals(PlugCommand.FAILED, run.exitCode());
        assertTrue(run.out().startsWith("On rpi2, pirack will:"), "the plan is shown first");
        assertEquals("Nothing installed: there is no terminal to ask. Pass --yes to install without asking.", run.err().strip());
        assertEquals(logins, PI.acceptedLogins());
        assertFalse(Files.exists(installed()));
    }

    @Test
    void answeringAnythingButYesInstallsNothing() throws Exception {
        InstallHelperCommand command = new InstallHelperCommand();
        command.ask = question -> "n";
        long logins = PI.acceptedLogins();
        CliRun run = CliRun.of(new CommandLine(command), "rpi2");

        assertEquals(PlugCommand.FAILED, run.exitCode());
        assertTrue(run.out().strip().endsWith("Nothing installed."), run.out());
        assertEquals(logins, PI.acceptedLogins());
    }

    @Test
    void sudoWantingAPasswordIsSaidAndNothingIsInstalled() throws Exception {
        PI.requireSudoPassword();
        InstallHelperCommand command = new InstallHelperCommand();
        command.ask = question -> "y";
        CliRun run = CliRun.of(new CommandLine(command), "--pi", "rpi2");

        assertEquals(PlugCommand.FAILED, run.exitCode());
        assertTrue(run.err().startsWith("sudo on rpi2 wants a password for user root."), run.err());
        assertFalse(Files.exists(installed()));
        Path temp = Path.of(PI.calls("sudo").get(0).get(9));
        assertFalse(Files.exists(temp), "the temporary copy is removed anyway");
    }

    @Test
    void aNameThatIsNotAHostNameIsRefusedBeforeAnyConnection() throws Exception {
        long logins = PI.acceptedLogins();
        CliRun run = CliRun.of("plug", "install-helper", "--pi", "rpi2;touch /tmp/x", "--yes");

        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertEquals(logins, PI.acceptedLogins());
    }

    @Test
    void printShowsTheScriptToInstallByHand() {
        CliRun run = CliRun.of("plug", "install-helper", "--print");

        assertEquals(0, run.exitCode());
        assertEquals(DeadManHelper.script(), run.out());
        assertEquals(RebindHelper.script(), CliRun.of("plug", "install-helper", "--print-rebind").out());
    }
}
