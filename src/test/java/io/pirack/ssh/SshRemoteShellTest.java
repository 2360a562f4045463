package io.pirack.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.pirack.testing.OpenSshServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SshRemoteShellTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final Duration FIVE_SECONDS = Duration.ofSeconds(5);

    @TempDir
    Path home;

    private Path knownHosts() {
        return home.resolve(".ssh/known_hosts");
    }

    private SshRemoteShell shell(HostKeyPrompt hostKeys, PassphrasePrompt passphrases) {
        return new SshRemoteShell(knownHosts(), List.of(), hostKeys, passphrases, FIVE_SECONDS);
    }

    private SshRemoteShell trustingShell() throws Exception {
        Files.createDirectories(knownHosts().getParent());
        Files.writeString(knownHosts(), PI.knownHostsLine() + "\n");
        return shell(HostKeyPrompt.REFUSE, PassphrasePrompt.NONE);
    }

    @Test
    void argumentsArriveVerbatimWithoutShellInterpretation() throws Exception {
        try (SshRemoteShell shell = trustingShell()) {
            CommandResult result = shell.run(PI.target(),
                    RemoteCommand.of("printf", "%s|", "a  b", "$HOME", "it's", ";reboot", "`id`"), FIVE_SECONDS);
            assertEquals(new CommandResult(0, "a  b|$HOME|it's|;reboot|`id`|", ""), result);
        }
    }

    @Test
    void commandIsWrappedInTimeoutAndSudoN() throws Exception {
        PI.installUnit("kubelet", true);
        try (SshRemoteShell shell = trustingShell()) {
            shell.run(PI.target(), RemoteCommand.sudo("systemctl", "stop", "kubelet"), Duration.ofMillis(7500));
        }
        assertEquals(List.of(
                List.of("timeout", "-k", "2", "8", "sudo", "-n", "systemctl", "stop", "kubelet"),
                List.of("sudo", "-n", "systemctl", "stop", "kubelet"),
                List.of("systemctl", "stop", "kubelet")), PI.calls());
        assertFalse(PI.unitActive("kubelet"));
    }

    @Test
    void severalCommandsShareOneLoginWithASessionEach() throws Exception {
        try (SshRemoteShell shell = trustingShell()) {
            long before = PI.acceptedLogins();
            for (int i = 0; i < 3; i++) {
                assertEquals("x\n", shell.run(PI.target(), RemoteCommand.of("echo", "x"), FIVE_SECONDS).stdout());
            }
            assertEquals(before + 1, PI.acceptedLogins());
        }
    }

    @Test
    void standInsComeFirstOnThePathOfSessions() throws Exception {
        try (SshRemoteShell shell = trustingShell()) {
            CommandResult result = shell.run(PI.target(),
                    RemoteCommand.of("sh", "-c", "for p in systemctl iptables systemd-run sudo timeout; do command -v $p; done"), FIVE_SECONDS);
            for (String program : List.of("systemctl", "iptables", "systemd-run", "sudo", "timeout")) {
                assertTrue(result.stdout().contains(PI.standIn(program) + "\n"), result.stdout());
            }
        }
    }

    @Test
    void unknownHostTrustedByThePresenterIsRecordedInKnownHosts() throws Exception {
        List<String> asked = new ArrayList<>();
        HostKeyPrompt prompt = (alias, host, type, fingerprint) -> {
            asked.add(alias + " " + host + " " + type + " " + fingerprint);
            return true;
        };
        try (SshRemoteShell shell = shell(prompt, PassphrasePrompt.NONE)) {
            assertTrue(shell.run(PI.target("rpi2"), RemoteCommand.of("true"), FIVE_SECONDS).ok());
        }
        assertEquals(List.of("rpi2 [127.0.0.1]:" + PI.port() + " ssh-ed25519 " + PI.hostKeyFingerprint()), asked);
        assertTrue(Files.readString(knownHosts()).startsWith(PI.knownHostsLine()), Files.readString(knownHosts()));
        try (SshRemoteShell later = shell(HostKeyPrompt.REFUSE, PassphrasePrompt.NONE)) {
            assertTrue(later.run(PI.target("rpi2"), RemoteCommand.of("true"), FIVE_SECONDS).ok());
        }
    }

    @Test
    void unknownHostRefusedByThePresenterIsNotContacted() throws Exception {
        try (SshRemoteShell shell = shell(HostKeyPrompt.REFUSE, PassphrasePrompt.NONE)) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(PI.target("rpi2"), RemoteCommand.of("true"), FIVE_SECONDS));
            assertEquals(RemoteCommandException.Kind.HOST_KEY_UNKNOWN, e.kind());
            assertTrue(e.getMessage().contains(PI.hostKeyFingerprint()), e.getMessage());
        }
        assertFalse(Files.exists(knownHosts()));
    }

    /** Records a freshly generated host key of the given type as the server's in known_hosts. */
    private String recordOtherHostKey(String type) throws Exception {
        Files.createDirectories(knownHosts().getParent());
        Path otherKey = home.resolve("other_host_key_" + type);
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", type, "-N", "", "-f", otherKey.toString())
                .redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(20, TimeUnit.SECONDS));
        String[] other = Files.readString(Path.of(otherKey + ".pub")).split(" ");
        String recorded = "[127.0.0.1]:" + PI.port() + " " + other[0] + " " + other[1] + "\n";
        Files.writeString(knownHosts(), recorded);
        return recorded;
    }

    @ParameterizedTest(name = "recorded key: {0}")
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void changedHostKeyIsRefusedWithoutAskingEvenWhenItsTypeIsNew(String recordedType) throws Exception {
        String recorded = recordOtherHostKey(recordedType);
        HostKeyPrompt mustNotAsk = (alias, host, type, fingerprint) -> fail("a changed key must not be offered for trust");
        try (SshRemoteShell shell = shell(mustNotAsk, PassphrasePrompt.NONE)) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(PI.target("rpi3"), RemoteCommand.of("true"), FIVE_SECONDS));
            assertEquals(RemoteCommandException.Kind.HOST_KEY_CHANGED, e.kind());
            assertTrue(e.getMessage().contains("rpi3") && e.getMessage().contains("CHANGED")
                    && e.getMessage().contains("ssh-keygen -R '[127.0.0.1]:" + PI.port() + "'"), e.getMessage());
        }
        assertEquals(recorded, Files.readString(knownHosts()));
        assertEquals(List.of(), PI.calls());
    }

    @Test
    void hangingCommandIsKilledOnThePiAndReportedAsTimeout() throws Exception {
        try (SshRemoteShell shell = trustingShell()) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(PI.target(), RemoteCommand.of("sleep", "30"), Duration.ofSeconds(1)));
            assertEquals(RemoteCommandException.Kind.TIMEOUT, e.kind());
            assertEquals("sleep 30 on test-pi did not finish within 1 s and was stopped.", e.getMessage());
        }
        assertEquals(List.of(List.of("timeout", "-k", "2", "1", "sleep", "30")), PI.calls());
    }

    @Test
    void clientGivesUpWhenThePiNeverEndsTheCommand() throws Exception {
        PI.ignoreTimeouts();
        try (SshRemoteShell shell = trustingShell()) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(PI.target(), RemoteCommand.of("sleep", "12"), Duration.ofSeconds(1)));
            assertEquals(RemoteCommandException.Kind.TIMEOUT, e.kind());
        }
    }

    @Test
    void sudoThatWantsAPasswordIsReportedAsSuch() throws Exception {
        PI.requireSudoPassword();
        PI.installUnit("kubelet", true);
        try (SshRemoteShell shell = trustingShell()) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(PI.target(), RemoteCommand.sudo("systemctl", "stop", "kubelet"), FIVE_SECONDS));
            assertEquals(RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED, e.kind());
        }
        assertTrue(PI.unitActive("kubelet"));
    }

    @Test
    void lineBreakInAnArgumentIsRefusedBeforeConnecting() throws Exception {
        try (SshRemoteShell shell = shell((a, h, t, f) -> fail("must not connect"), PassphrasePrompt.NONE)) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(PI.target(), RemoteCommand.of("echo", "x\nreboot"), FIVE_SECONDS));
            assertEquals(RemoteCommandException.Kind.INVALID_ARGUMENT, e.kind());
        }
        assertEquals(List.of(), PI.calls());
    }

    @Test
    void wrongPassphraseIsAskedAgainAndTheRightOneIsKeptForTheSession() throws Exception {
        Path key = PI.authorizeNewKey("encrypted_key", "correct horse");
        List<Boolean> retries = new ArrayList<>();
        PassphrasePrompt prompt = (file, retry) -> {
            retries.add(retry);
            return Optional.of((retry ? "correct horse" : "wrong").toCharArray());
        };
        Files.createDirectories(knownHosts().getParent());
        Files.writeString(knownHosts(), PI.knownHostsLine() + "\n");
        SshTarget target = new SshTarget("rpi4", "127.0.0.1", PI.port(), "root", key);
        try (SshRemoteShell shell = shell(HostKeyPrompt.REFUSE, prompt)) {
            assertTrue(shell.run(target, RemoteCommand.of("true"), FIVE_SECONDS).ok());
            assertTrue(shell.run(new SshTarget("rpi4-again", "127.0.0.1", PI.port(), "root", key),
                    RemoteCommand.of("true"), FIVE_SECONDS).ok());
        }
        assertEquals(List.of(false, true), retries);
    }

    @Test
    void cancelledPassphraseIsAnAuthenticationFailure() throws Exception {
        Path key = PI.authorizeNewKey("cancelled_key", "secret");
        try (SshRemoteShell shell = trustingShell()) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(new SshTarget("rpi4", "127.0.0.1", PI.port(), "root", key),
                            RemoteCommand.of("true"), FIVE_SECONDS));
            assertEquals(RemoteCommandException.Kind.AUTHENTICATION, e.kind());
            assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
        }
    }

    @Test
    void closedPortIsReportedAsUnreachable() throws Exception {
        try (SshRemoteShell shell = trustingShell()) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class,
                    () -> shell.run(new SshTarget("rpi9", "127.0.0.1", 1, "root", PI.userKey()),
                            RemoteCommand.of("true"), FIVE_SECONDS));
            assertEquals(RemoteCommandException.Kind.UNREACHABLE, e.kind());
        }
    }
}
