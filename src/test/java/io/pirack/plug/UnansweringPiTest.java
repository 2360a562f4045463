package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Validation;
import io.pirack.ssh.DeadlineTimer;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.testing.OpenSshServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi whose SSH port accepts but never speaks (a silent TCP listener on loopback) next to a healthy
 * Pi (the real OpenSSH server): the silent one fails at the connect deadline with a sentence that
 * says what to check, and the healthy one's pull goes through while the silent one still hangs.
 */
class UnansweringPiTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    @TempDir
    Path home;

    private ServerSocket silent;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    /** Released once for every connection the silent port accepted. */
    private final Semaphore accepted = new Semaphore(0);

    /** Deadlines that expire only when the test says so. */
    private static final class ManualTimer implements DeadlineTimer {
        private final List<Runnable> pending = new CopyOnWriteArrayList<>();

        @Override
        public Runnable start(Duration delay, Runnable onExpiry) {
            Runnable once = new Runnable() {
                private boolean done;

                @Override
                public synchronized void run() {
                    if (!done) {
                        done = true;
                        onExpiry.run();
                    }
                }
            };
            pending.add(once);
            return () -> pending.remove(once);
        }

        void expireAll() {
            List.copyOf(pending).forEach(Runnable::run);
        }
    }

    @BeforeEach
    void listenSilently() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    held.add(silent.accept());
                    accepted.release();
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }, "silent-pi");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stopListening() throws IOException {
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private SshRemoteShell shell(Duration deadline, DeadlineTimer timer) throws IOException {
        Path knownHosts = home.resolve("known_hosts");
        Files.writeString(knownHosts, PI.knownHostsLine() + "\n");
        return new SshRemoteShell(knownHosts, List.of(), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE, deadline, timer);
    }

    /** rpi2 is the silent listener; every other Pi is the real OpenSSH server. */
    private SshTargetResolver targets() {
        return slot -> Validation.valid(slot.hostname().equals("rpi2")
                ? new SshTarget("rpi2", "127.0.0.1", silent.getLocalPort(), "root", PI.userKey())
                : PI.target(slot.hostname()));
    }

    /** Lets every armed deadline pass, again and again, until {@code pull} ends (30 s at most). */
    private static void awaitWhileDeadlinesPass(ManualTimer timer, CompletableFuture<?> pull) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            timer.expireAll();
            try {
                pull.get(50, TimeUnit.MILLISECONDS);
                return;
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (System.nanoTime() > giveUp) {
                    throw notYet;
                }
            }
        }
    }

    @Test
    void aSilentPiFailsAtTheDeadlineWhileAnotherPisPullGoesThrough() throws Exception {
        PI.installUnit("k3s-agent", true);
        ManualTimer timer = new ManualTimer();
        RackSpec rack = new RackSpec("booth", List.of(PiSlot.of("rpi2", NodeRole.WORKER), PiSlot.of("rpi3", NodeRole.WORKER)),
                "192.168.2.0/24", PlugMethod.STOP_AGENT, null, 180);
        try (SshRemoteShell shell = shell(Duration.ofSeconds(3), timer);
             PiExecutors.PerPi lanes = PiExecutors.threadPerPi("test-plug")) {
            PlugController controller = new PlugController(() -> rack,
                    List.of(new StopAgentStrategy(shell, targets(), () -> 180, Duration.ofSeconds(10))),
                    lanes, Clock.systemUTC(), PlugListener.NONE);

            CompletableFuture<PlugState> silentPull = controller.pull("rpi2");
            assertTrue(accepted.tryAcquire(30, TimeUnit.SECONDS), "rpi2's SSH port was connected to");
            PlugState healthy = controller.pull("rpi3").get(60, TimeUnit.SECONDS);

            assertInstanceOf(PlugState.Unplugged.class, healthy);
            assertFalse(PI.unitActive("k3s-agent"), "rpi3's agent was stopped");
            assertFalse(silentPull.isDone(), "rpi2 still waits for its banner, and that held nobody else up");
            assertInstanceOf(PlugState.Pulling.class, controller.state("rpi2"));

            timer.expireAll();
            // Silent once: a lossy link can lose the banner itself, so a second connection is tried.
            assertTrue(accepted.tryAcquire(30, TimeUnit.SECONDS), "rpi2's SSH port was connected to again");
            // The second connection arms its deadline again once TCP is up, which may be after the accept seen above
            // (CI once expired the earlier one and then waited 30 s on the new one): let the armed deadlines pass until
            // the pull ends, instead of guessing which one is armed at this moment.
            ExecutionException failed = assertThrows(ExecutionException.class, () -> awaitWhileDeadlinesPass(timer, silentPull));
            String expected = "rpi2: no SSH answer after 3 s, on a second connection too. Check that it is powered and on the booth network, that 127.0.0.1:"
                    + silent.getLocalPort() + " is its address, and that its SSH server runs (try ssh rpi2).";
            assertEquals(expected, failed.getCause().getMessage());
            assertEquals(expected, ((PlugState.Failed) controller.state("rpi2")).reason());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aSilentPiEndsAtARealThreeSecondDeadlineInsteadOfHanging() throws Exception {
        try (SshRemoteShell shell = shell(Duration.ofSeconds(3), DeadlineTimer.REAL_TIME)) {
            RemoteCommandException e = assertThrows(RemoteCommandException.class, () -> shell.run(
                    new SshTarget("rpi2", "127.0.0.1", silent.getLocalPort(), "root", PI.userKey()),
                    RemoteCommand.of("true"), Duration.ofSeconds(5)));
            assertEquals(RemoteCommandException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().startsWith("rpi2: no SSH answer after 3 s, on a second connection too."), e.getMessage());
        }
    }
}
