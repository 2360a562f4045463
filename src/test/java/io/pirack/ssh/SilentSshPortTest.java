package io.pirack.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Found by the virtual Pi lab (silent Pi): a port that accepts TCP and never speaks SSH must not hang PiRack. */
class SilentSshPortTest {

    @Test
    void aPortThatAcceptsButNeverSpeaksFailsWithOneSentenceInsteadOfHanging(@TempDir Path home) throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());  // accepted, never answered
                    }
                } catch (Exception closed) {
                    // Test over.
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Path key = home.resolve("id_ed25519");
            Files.writeString(key, "not used: the handshake never starts");
            SshTarget target = new SshTarget("rpi4", "127.0.0.1", silent.getLocalPort(), "pi", key);
            try (SshRemoteShell shell = new SshRemoteShell(home.resolve("known_hosts"), List.of(), HostKeyPrompt.REFUSE,
                    PassphrasePrompt.NONE, Duration.ofSeconds(1))) {
                RemoteCommandException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(
                        RemoteCommandException.class, () -> shell.run(target, RemoteCommand.of("true"), Duration.ofSeconds(5))));
                assertEquals(RemoteCommandException.Kind.UNREACHABLE, e.kind());
                assertEquals(1, e.getMessage().lines().count());
                assertTrue(e.getMessage().startsWith("rpi4: no SSH answer after 1 s, on a second connection too. "),
                        e.getMessage());
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
