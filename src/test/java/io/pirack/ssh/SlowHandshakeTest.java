package io.pirack.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.testing.OpenSshServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by the virtual Pi lab (a Pi at 30 % packet loss): its handshake is slow but keeps receiving
 * bytes, and a fixed 8 s deadline for the whole connect failed its pull. The deadline now counts only
 * silence: a Pi that made progress gets a fresh one, a Pi that stopped talking still fails.
 * A loopback proxy in front of the real OpenSSH server holds the server's bytes after its banner, so
 * the test decides when the handshake is "slow"; the deadline is fired by hand.
 */
class SlowHandshakeTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @TempDir
    Path home;

    private ServerSocket proxy;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Counted down once the client has read the banner and answered with its key exchange. */
    private final CountDownLatch bannerRead = new CountDownLatch(1);
    /** Opened by the test: the server's bytes after the banner flow again. */
    private final CountDownLatch release = new CountDownLatch(1);

    /** Deadlines that expire only when the test says so. */
    private static final class ManualTimer implements DeadlineTimer {
        private final List<Runnable> pending = new CopyOnWriteArrayList<>();

        @Override
        public Runnable start(Duration delay, Runnable onExpiry) {
            pending.add(onExpiry);
            return () -> pending.remove(onExpiry);
        }

        void expireAll() {
            List<Runnable> due = List.copyOf(pending);
            pending.removeAll(due);
            due.forEach(Runnable::run);
        }
    }

    @BeforeEach
    void startProxy() throws IOException {
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                Socket client = proxy.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), PI.port());
                sockets.add(client);
                sockets.add(server);
                pump(server.getInputStream(), client.getOutputStream(), true);
                pump(client.getInputStream(), server.getOutputStream(), false);
            } catch (IOException closed) {
                // The test is over.
            }
        }, "slow-pi-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Copies bytes; server→client stops after the banner line until {@link #release}. */
    private void pump(InputStream in, OutputStream out, boolean fromServer) {
        Thread thread = new Thread(() -> {
            try {
                if (fromServer) {
                    int b;
                    while ((b = in.read()) >= 0) {
                        out.write(b);
                        if (b == '\n') {
                            break;
                        }
                    }
                    out.flush();
                    release.await();
                } else {
                    // The client's identification line, then its first binary packet: it has read the banner.
                    int b;
                    while ((b = in.read()) >= 0) {
                        out.write(b);
                        if (b == '\n') {
                            break;
                        }
                    }
                    out.flush();
                    int first = in.read();
                    if (first >= 0) {
                        out.write(first);
                        out.flush();
                        bannerRead.countDown();
                    }
                }
                in.transferTo(out);
            } catch (IOException | InterruptedException closed) {
                // The connection ended.
            }
        }, "slow-pi-" + (fromServer ? "down" : "up"));
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stopProxy() throws IOException {
        release.countDown();
        proxy.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private SshRemoteShell shell(ManualTimer timer) throws IOException {
        Path knownHosts = home.resolve("known_hosts");
        String line = PI.knownHostsLine().replace("]:" + PI.port() + " ", "]:" + proxy.getLocalPort() + " ");
        Files.writeString(knownHosts, line + "\n");
        return new SshRemoteShell(knownHosts, List.of(), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, Duration.ofSeconds(8), timer);
    }

    private SshTarget slowPi() {
        return new SshTarget("rpi3", "127.0.0.1", proxy.getLocalPort(), "root", PI.userKey());
    }

    /** Starts {@code echo hello} on the slow Pi and returns once the client has read the server's banner. */
    private CompletableFuture<CommandResult> echoOnceTheBannerIsRead(SshRemoteShell shell) throws InterruptedException {
        CompletableFuture<CommandResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return shell.run(slowPi(), RemoteCommand.of("echo", "hello"), Duration.ofSeconds(10));
            } catch (RemoteCommandException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        assertTrue(bannerRead.await(30, TimeUnit.SECONDS), "the client read the banner");
        return run;
    }

    @Test
    void aPiThatKeepsTalkingGetsAFreshDeadlineAndItsCommandRuns() throws Exception {
        ManualTimer timer = new ManualTimer();
        try (SshRemoteShell shell = shell(timer)) {
            CompletableFuture<CommandResult> run = echoOnceTheBannerIsRead(shell);
            timer.expireAll();  // 8 s are up, but the banner came in since: a fresh deadline, the socket stays open
            release.countDown();
            CommandResult result = run.get(30, TimeUnit.SECONDS);
            assertEquals("hello", result.stdout().strip());
        }
    }

    @Test
    void aPiThatSpokeAndThenFellSilentStillFailsInOneSentence() throws Exception {
        ManualTimer timer = new ManualTimer();
        try (SshRemoteShell shell = shell(timer)) {
            CompletableFuture<CommandResult> run = echoOnceTheBannerIsRead(shell);
            timer.expireAll();  // progress since the deadline was set: renewed
            timer.expireAll();  // nothing since: the Pi is silent
            ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
            assertEquals("rpi3: no SSH answer after 8 s. Check that it is powered and on the booth network, that 127.0.0.1:"
                    + proxy.getLocalPort() + " is its address, and that its SSH server runs (try ssh rpi3).",
                    failed.getCause().getMessage());
        }
    }
}
