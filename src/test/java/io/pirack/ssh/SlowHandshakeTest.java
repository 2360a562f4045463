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
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * silence: a Pi that made progress gets a fresh one. A Pi that answered and then stalled (TCP's
 * retransmission back-off stalled the lab's handshakes for 28–106 s) gets a fresh connection, and the
 * presenter is told; one that stalls every time fails in one sentence once the connect's time is up.
 * A loopback proxy in front of the real OpenSSH server holds the server's bytes after its banner on the
 * first {@link #stalling} connections, so the test decides when the handshake is "slow"; the deadline is
 * fired by hand on a clock the test moves.
 */
class SlowHandshakeTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @TempDir
    Path home;

    private ServerSocket proxy;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Released once per connection, when the client has read the banner and answered with its key exchange. */
    private final Semaphore bannerRead = new Semaphore(0);
    /** Opened by the test: the server's bytes after the banner flow again. */
    private final CountDownLatch release = new CountDownLatch(1);
    /** How many connections, from the first, stall after the banner until {@link #release}. */
    private volatile int stalling = 1;
    /** Whether the first connection is reset by the "Pi" once the client answered its banner, instead of stalling. */
    private volatile boolean firstResets;
    private final AtomicInteger accepted = new AtomicInteger();

    /** Deadlines that expire only when the test says so; each expiry moves the clock on by the 8 s deadline. */
    private static final class ManualTimer implements DeadlineTimer {
        private final List<Runnable> pending = new CopyOnWriteArrayList<>();
        private final AtomicLong now = new AtomicLong();

        @Override
        public Runnable start(Duration delay, Runnable onExpiry) {
            pending.add(onExpiry);
            return () -> pending.remove(onExpiry);
        }

        @Override
        public long nanoTime() {
            return now.get();
        }

        void expireAll() {
            now.addAndGet(Duration.ofSeconds(8).toNanos());
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
                while (true) {
                    Socket client = proxy.accept();
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), PI.port());
                    sockets.add(client);
                    sockets.add(server);
                    int n = accepted.incrementAndGet();
                    boolean stalls = n <= stalling;
                    pump(server.getInputStream(), client.getOutputStream(), true, stalls);
                    pump(client.getInputStream(), server.getOutputStream(), false, stalls);
                    if (n == 1 && firstResets) {
                        resetOnceAnswered(client);
                    }
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }, "slow-pi-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Copies bytes; on a stalling connection server→client stops after the banner line until {@link #release}. */
    private void pump(InputStream in, OutputStream out, boolean fromServer, boolean stalls) {
        Thread thread = new Thread(() -> {
            try {
                copyLine(in, out);  // the identification line: the server's banner, or the client's answer to it
                if (fromServer) {
                    if (stalls) {
                        release.await();
                    }
                } else {
                    // After its identification line, the client's first binary packet: it has read the banner.
                    int first = in.read();
                    if (first >= 0) {
                        out.write(first);
                        out.flush();
                        bannerRead.release();
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

    private static void copyLine(InputStream in, OutputStream out) throws IOException {
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            if (b == '\n') {
                break;
            }
        }
        out.flush();
    }

    /** Sends a TCP reset to the client once it has answered the banner (a lossy link breaking the connection). */
    private void resetOnceAnswered(Socket client) {
        Thread thread = new Thread(() -> {
            try {
                awaitBannerRead();
                client.setSoLinger(true, 0);
                client.close();
            } catch (IOException | InterruptedException closed) {
                // Gone already.
            }
        }, "slow-pi-reset");
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

    private final List<String> told = new CopyOnWriteArrayList<>();

    private SshRemoteShell shell(ManualTimer timer) throws IOException {
        Path knownHosts = home.resolve("known_hosts");
        String line = PI.knownHostsLine().replace("]:" + PI.port() + " ", "]:" + proxy.getLocalPort() + " ");
        Files.writeString(knownHosts, line + "\n");
        return new SshRemoteShell(knownHosts, List.of(), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, Duration.ofSeconds(8), timer)
                .onSlowConnect(told::add);
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
        awaitBannerRead();
        return run;
    }

    private void awaitBannerRead() throws InterruptedException {
        assertTrue(bannerRead.tryAcquire(30, TimeUnit.SECONDS), "the client read the banner");
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
    void aPiThatAnsweredAndThenStalledGetsAFreshConnectionThePresenterIsToldAndItsCommandRuns() throws Exception {
        ManualTimer timer = new ManualTimer();
        try (SshRemoteShell shell = shell(timer)) {
            CompletableFuture<CommandResult> run = echoOnceTheBannerIsRead(shell);
            timer.expireAll();  // progress since the deadline was set: it runs on
            timer.expireAll();  // nothing for 8 s since the banner: this connection is given up, a fresh one flows
            assertEquals("hello", run.get(30, TimeUnit.SECONDS).stdout().strip());
            assertEquals(2, accepted.get(), "a second connection");
            assertEquals(List.of("rpi3: its SSH server answered, then sent nothing for 8 s (a lossy link?): trying a fresh"
                    + " connection (2nd)"), told);
        }
    }

    @Test
    void aHandshakeTheLinkBreaksAfterThePiAnsweredIsTriedOnAFreshConnection() throws Exception {
        firstResets = true;
        ManualTimer timer = new ManualTimer();
        try (SshRemoteShell shell = shell(timer)) {
            CommandResult result = shell.run(slowPi(), RemoteCommand.of("echo", "hello"), Duration.ofSeconds(10));
            assertEquals("hello", result.stdout().strip());
            assertEquals(2, accepted.get(), "a second connection");
            assertEquals(1, told.size(), told.toString());
            assertTrue(told.get(0).startsWith("rpi3: the SSH handshake broke off ("), told.get(0));
            assertTrue(told.get(0).endsWith("(a lossy link?): trying a fresh connection (2nd)"), told.get(0));
        }
    }

    @Test
    void aPiWhoseHandshakeStallsOnEveryConnectionFailsInOneSentenceOnceTheConnectsTimeIsUp() throws Exception {
        stalling = Integer.MAX_VALUE;
        ManualTimer timer = new ManualTimer();
        try (SshRemoteShell shell = shell(timer)) {
            CompletableFuture<CommandResult> run = echoOnceTheBannerIsRead(shell);
            timer.expireAll();  // 8 s: the banner came in since, runs on
            timer.expireAll();  // 16 s: stalled, a 2nd connection
            awaitBannerRead();
            timer.expireAll();  // 24 s
            timer.expireAll();  // 32 s: stalled, a 3rd connection
            awaitBannerRead();
            timer.expireAll();  // 40 s: the connect's time (5 deadlines) is up
            ExecutionException failed = assertThrows(ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
            assertEquals("rpi3 answers, but its SSH handshake stalled 3 times for 8 s, on fresh connections too: its link loses"
                    + " too much (check its cable or switch port); nothing was run on it.", failed.getCause().getMessage());
            assertEquals(2, told.size(), told.toString());
        }
    }
}
