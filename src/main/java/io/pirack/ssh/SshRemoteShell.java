package io.pirack.ssh;

import io.pirack.concurrent.Background;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.keepalive.KeepAliveRunner;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RemoteShell} over sshj. One authenticated connection per Pi is kept and reused; every
 * command gets its own {@link Session}. Each command line is
 * {@code timeout -k <grace> <seconds> [sudo -n] argv…}, every word single-quoted, so a hung
 * command is killed on the Pi; the client also stops waiting after the same deadline plus the grace,
 * in case the Pi's {@code timeout} itself never returns.
 *
 * <p>Connecting — TCP, the server's banner, key exchange and login — has a <b>no-progress</b> deadline
 * (default {@link #DEFAULT_CONNECT_DEADLINE}): a Pi whose port accepts but never speaks fails after it
 * instead of blocking a thread forever. A Pi on a lossy link is slow, not dead: while its handshake keeps
 * receiving bytes it gets a fresh deadline, and when it answered and then stalled (TCP's retransmission
 * back-off) a fresh connection is tried and the presenter is told ({@link #onSlowConnect}); all of it within
 * {@link #CONNECT_DEADLINE_RENEWALS} extra deadlines. Time spent in the presenter's own prompts (new host
 * key, passphrase) does not count. Keep-alives run while the connection is open, so a Pi that vanishes
 * during a long command is noticed.
 *
 * <p>Passphrases are kept in memory for this shell's lifetime only and are never logged.
 */
public final class SshRemoteShell implements RemoteShell, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SshRemoteShell.class);

    /** Seconds between {@code timeout}'s TERM and KILL on the Pi. */
    static final int KILL_GRACE_SECONDS = 2;
    /** Extra client-side wait beyond the remote kill, for the network round trip. */
    private static final long CLIENT_SLACK_MILLIS = 1000;
    /** Exit status of GNU {@code timeout} when it stopped the command. */
    private static final int TIMEOUT_EXIT = 124;
    private static final int PASSPHRASE_ATTEMPTS = 3;
    private static final long PROTOCOL_TIMEOUT_MILLIS = 10_000;
    /** The whole connect: TCP + banner + key exchange + login. */
    public static final Duration DEFAULT_CONNECT_DEADLINE = Duration.ofSeconds(8);
    /**
     * How many more deadlines one connect may use after its first, for a handshake that is still receiving
     * bytes (renewed) or for a fresh connection after one that stalled: a lossy link (the lab's 30 % loss) can
     * spread a healthy handshake over more than 8 s, and a pull must not fail for it; a silent port never renews.
     */
    static final int CONNECT_DEADLINE_RENEWALS = 4;
    /** A keep-alive every 5 s; 3 unanswered in a row end the connection (a dead Pi is noticed within ~15 s). */
    static final int KEEP_ALIVE_SECONDS = 5;
    static final int KEEP_ALIVE_MAX_MISSED = 3;

    private final Path knownHosts;
    private final List<Path> defaultIdentityFiles;
    private final HostKeyPrompt hostKeyPrompt;
    private final PassphrasePrompt passphrasePrompt;
    private final Duration connectTimeout;
    private final DeadlineTimer deadlineTimer;
    private final Map<Path, char[]> passphrases = new ConcurrentHashMap<>();
    private final Map<SshTarget, SSHClient> clients = new ConcurrentHashMap<>();
    private final Map<SshTarget, Object> connectLocks = new ConcurrentHashMap<>();
    private volatile Consumer<String> slowConnect = message -> { };

    /**
     * @param knownHosts           OpenSSH known_hosts file (normally {@code ~/.ssh/known_hosts})
     * @param defaultIdentityFiles keys tried, if they exist, for a target without its own identity file
     */
    public SshRemoteShell(Path knownHosts, List<Path> defaultIdentityFiles, HostKeyPrompt hostKeyPrompt,
                          PassphrasePrompt passphrasePrompt, Duration connectTimeout) {
        this(knownHosts, defaultIdentityFiles, hostKeyPrompt, passphrasePrompt, connectTimeout, DeadlineTimer.REAL_TIME);
    }

    /**
     * @param connectTimeout the deadline for TCP + banner + key exchange + login
     * @param deadlineTimer  runs out the connect deadline (tests fire it by hand)
     */
    public SshRemoteShell(Path knownHosts, List<Path> defaultIdentityFiles, HostKeyPrompt hostKeyPrompt,
                          PassphrasePrompt passphrasePrompt, Duration connectTimeout, DeadlineTimer deadlineTimer) {
        this.deadlineTimer = Objects.requireNonNull(deadlineTimer);
        this.knownHosts = Objects.requireNonNull(knownHosts);
        this.defaultIdentityFiles = List.copyOf(defaultIdentityFiles);
        this.hostKeyPrompt = Objects.requireNonNull(hostKeyPrompt);
        this.passphrasePrompt = Objects.requireNonNull(passphrasePrompt);
        this.connectTimeout = Objects.requireNonNull(connectTimeout);
    }

    /** The presenter's own SSH setup: {@code <home>/.ssh/known_hosts} and the usual default keys. */
    public static SshRemoteShell forHome(Path home, HostKeyPrompt hostKeyPrompt, PassphrasePrompt passphrasePrompt) {
        Path ssh = home.resolve(".ssh");
        return new SshRemoteShell(ssh.resolve("known_hosts"),
                List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_ecdsa"), ssh.resolve("id_rsa")),
                hostKeyPrompt, passphrasePrompt, DEFAULT_CONNECT_DEADLINE);
    }

    /**
     * Told, in one sentence, when a Pi's handshake stalled and a fresh connection is tried (any thread):
     * the pull is slow, not stuck.
     */
    public SshRemoteShell onSlowConnect(Consumer<String> listener) {
        this.slowConnect = Objects.requireNonNull(listener);
        return this;
    }

    @Override
    public CommandResult run(SshTarget target, RemoteCommand command, Duration timeout) throws RemoteCommandException {
        String line = commandLine(command, timeout);
        LOG.debug("{}: {}", target.alias(), line);
        Session session = openSession(target);
        try {
            return execute(target, session, line, command, timeout);
        } catch (IOException e) {
            discard(target);
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                    "The SSH connection to " + target.alias() + " broke while running "
                            + String.join(" ", command.argv()) + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(session);
        }
    }

    /** A failure to close a finished session must not turn a command's result into an error. */
    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException ignored) {
            // The channel is gone either way; the connection is checked before its next use.
        }
    }

    /** The exact line sent to the Pi's shell. */
    static String commandLine(RemoteCommand command, Duration timeout) throws RemoteCommandException {
        List<String> argv = new ArrayList<>();
        argv.add("timeout");
        argv.add("-k");
        argv.add(Integer.toString(KILL_GRACE_SECONDS));
        argv.add(Long.toString(remoteSeconds(timeout)));
        if (command.sudo()) {
            argv.add("sudo");
            argv.add("-n");
        }
        argv.addAll(command.argv());
        try {
            return ShellQuote.join(argv);
        } catch (IllegalArgumentException e) {
            throw new RemoteCommandException(RemoteCommandException.Kind.INVALID_ARGUMENT, e.getMessage(), e);
        }
    }

    private static long remoteSeconds(Duration timeout) {
        long millis = timeout.toMillis();
        if (millis <= 0) {
            throw new IllegalArgumentException("command timeout must be positive");
        }
        return (millis + 999) / 1000;
    }

    private CommandResult execute(SshTarget target, Session session, String line, RemoteCommand command, Duration timeout)
            throws IOException, RemoteCommandException {
        Session.Command running = session.exec(line);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Thread outDrain = drain(running.getInputStream(), stdout, target.alias() + "-out");
        Thread errDrain = drain(running.getErrorStream(), stderr, target.alias() + "-err");
        long waitMillis = remoteSeconds(timeout) * 1000 + KILL_GRACE_SECONDS * 1000L + CLIENT_SLACK_MILLIS;
        if (!awaitClose(running, waitMillis)) {
            killQuietly(running);
            throw timedOut(target, command, timeout);
        }
        joinQuietly(outDrain);
        joinQuietly(errDrain);
        Integer exit = running.getExitStatus();
        String err = stderr.toString(StandardCharsets.UTF_8);
        if (exit == null && !connectionAlive(target)) {
            discard(target);
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE, target.alias()
                    + ": the SSH connection was lost while running " + String.join(" ", command.argv())
                    + " (no answer to " + KEEP_ALIVE_MAX_MISSED + " keep-alives). Check the Pi's power and network.");
        }
        if (exit == null) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, String.join(" ", command.argv())
                    + " on " + target.alias() + " ended without an exit status"
                    + (running.getExitSignal() != null ? " (signal " + running.getExitSignal() + ")" : ""));
        }
        if (exit == TIMEOUT_EXIT || exit == 128 + 9) {
            throw timedOut(target, command, timeout);
        }
        if (command.sudo() && exit != 0 && sudoWantsPassword(err)) {
            throw new RemoteCommandException(RemoteCommandException.Kind.SUDO_PASSWORD_REQUIRED,
                    "sudo on " + target.alias() + " wants a password for user " + target.user()
                            + ". PiRack never types passwords: allow exactly PiRack's commands without one "
                            + "(see the sudoers snippet).");
        }
        return new CommandResult(exit, stdout.toString(StandardCharsets.UTF_8), err);
    }

    private boolean connectionAlive(SshTarget target) {
        SSHClient client = clients.get(target);
        return client != null && client.isConnected();
    }

    /** Whether {@code sudo -n} refused because it would have asked for a password. */
    public static boolean sudoWantsPassword(String stderr) {
        return stderr.contains("a password is required") || stderr.contains("a terminal is required");
    }

    private static RemoteCommandException timedOut(SshTarget target, RemoteCommand command, Duration timeout) {
        return new RemoteCommandException(RemoteCommandException.Kind.TIMEOUT,
                String.join(" ", command.argv()) + " on " + target.alias() + " did not finish within "
                        + remoteSeconds(timeout) + " s and was stopped.");
    }

    private static boolean awaitClose(Session.Command running, long millis) {
        try {
            running.join(millis, TimeUnit.MILLISECONDS);
        } catch (ConnectionException timeoutOrClosed) {
            // join() reports its own timeout as an exception; whether the channel is still open decides.
            return !running.isOpen();
        }
        return true;
    }

    private static void killQuietly(Session.Command running) {
        try {
            running.signal(Signal.KILL);
        } catch (TransportException ignored) {
            // The connection is already gone; the Pi's own timeout still ends the command.
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream sink, String name) {
        Thread thread = Background.daemon("pirack-ssh-" + name).newThread(() -> {
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (sink) {
                        sink.write(buffer, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The channel closed under us: what was read so far is all there is.
            }
        });
        thread.start();
        return thread;
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Session openSession(SshTarget target) throws RemoteCommandException {
        SSHClient client = connected(target);
        try {
            return client.startSession();
        } catch (IOException stale) {
            // A reused connection may have died (Pi rebooted, laptop slept): reconnect once. No
            // command has run yet, so this retry cannot repeat anything on the Pi.
            discard(target);
            try {
                return connected(target).startSession();
            } catch (IOException e) {
                discard(target);
                throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                        "Could not open an SSH session on " + target.alias() + ": " + e.getMessage(), e);
            }
        }
    }

    private SSHClient connected(SshTarget target) throws RemoteCommandException {
        Object lock = connectLocks.computeIfAbsent(target, t -> new Object());
        synchronized (lock) {
            SSHClient existing = clients.get(target);
            if (existing != null && existing.isConnected() && existing.isAuthenticated()) {
                return existing;
            }
            discard(target);
            SSHClient fresh = connect(target);
            clients.put(target, fresh);
            return fresh;
        }
    }

    private SSHClient connect(SshTarget target) throws RemoteCommandException {
        ConnectBudget budget = new ConnectBudget(deadlineTimer, connectTimeout.multipliedBy(CONNECT_DEADLINE_RENEWALS + 1L));
        while (true) {
            ConnectDeadline deadline = new ConnectDeadline(deadlineTimer, connectTimeout, budget);
            RemoteCommandException failure = null;
            try {
                SSHClient client = connectAndLogIn(target, deadline);
                if (!deadline.expired()) {
                    return client;
                }
                closeQuietly(client);
            } catch (RemoteCommandException e) {
                // A handshake the Pi answered and the link then broke (the lab's lossy Pi: "Connection reset") is
                // tried again like a stalled one; a refused key or host key is not.
                if (!deadline.expired() && !(e.kind() == RemoteCommandException.Kind.UNREACHABLE && deadline.answered())) {
                    throw e;
                }
                failure = e;
            } finally {
                deadline.cancel();
            }
            boolean broken = !deadline.expired();
            if (!deadline.retry()) {
                throw broken ? failure : connectFailed(target, budget, failure);
            }
            String why = broken ? ": the SSH handshake broke off (" + rootMessage(failure) + ")"
                    : deadline.answered() ? ": its SSH server answered, then sent nothing for " + seconds(connectTimeout) + " s"
                    : ": no SSH answer after " + seconds(connectTimeout) + " s";
            String message = target.alias() + why + " (a lossy link?): trying a fresh connection ("
                    + ordinal(budget.stalls() + budget.unanswered() + 1) + ")";
            LOG.info(message);
            slowConnect.accept(message);
        }
    }

    private static String rootMessage(Throwable e) {
        return e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, duration.toSeconds());
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "1st";
            case 2 -> "2nd";
            case 3 -> "3rd";
            default -> n + "th";
        };
    }

    /** The connect ran out of deadlines: a Pi that never spoke SSH, or one whose handshake stalled every time. */
    private RemoteCommandException connectFailed(SshTarget target, ConnectBudget budget, Throwable cause) {
        if (budget.stalls() == 0) {
            return noAnswer(target, budget.unanswered() > 1 ? ", on a second connection too" : "", cause);
        }
        return new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE, target.alias() + " answers, but its SSH handshake"
                + " stalled " + budget.stalls() + " times for " + seconds(connectTimeout) + " s, on fresh connections too: its link loses"
                + " too much (check its cable or switch port); nothing was run on it.", cause);
    }

    private RemoteCommandException noAnswer(SshTarget target, String again, Throwable cause) {
        return new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE, target.alias() + ": no SSH answer after "
                + seconds(connectTimeout) + " s" + again + ". Check that it is powered and on the booth network, that " + target.host() + ":" + target.port()
                + " is its address, and that its SSH server runs (try ssh " + target.alias() + ").", cause);
    }

    private SSHClient connectAndLogIn(SshTarget target, ConnectDeadline deadline) throws RemoteCommandException {
        TrustOnFirstUseVerifier verifier;
        try {
            verifier = new TrustOnFirstUseVerifier(knownHosts, target.alias(), deadline.pausedDuring(hostKeyPrompt));
        } catch (IOException e) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                    "Cannot read " + knownHosts + ": " + e.getMessage(), e);
        }
        DefaultConfig config = new DefaultConfig();
        config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        SSHClient client = new SSHClient(config);
        client.setSocketFactory(deadline.socketFactory());
        client.setConnectTimeout((int) connectTimeout.toMillis());
        // Bounds channel opening, so a Pi that vanished without closing TCP (power cut) fails fast.
        // No socket read timeout: a quiet long command must not kill the link; keep-alives watch it.
        int protocolTimeout = (int) Math.max(connectTimeout.toMillis(), PROTOCOL_TIMEOUT_MILLIS);
        // Until the login is done the connect deadline decides (it renews while the Pi keeps answering, up to
        // CONNECT_DEADLINE_RENEWALS times): sshj's own 10 s would end a healthy key exchange on a lossy link
        // first (the lab's silent-and-lossy scenario: "Timeout expired: 10000 MILLISECONDS" at 30 % loss).
        int handshakeTimeout = (int) Math.max(protocolTimeout, connectTimeout.toMillis() * (CONNECT_DEADLINE_RENEWALS + 1));
        client.getTransport().setTimeoutMs(handshakeTimeout);
        client.getConnection().setTimeoutMs(handshakeTimeout);
        client.getConnection().getKeepAlive().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
        if (client.getConnection().getKeepAlive() instanceof KeepAliveRunner runner) {
            runner.setMaxAliveCount(KEEP_ALIVE_MAX_MISSED);
        }
        client.addHostKeyVerifier(verifier);
        String where = target.alias() + " (" + target.host() + ":" + target.port() + ")";
        deadline.start();
        try {
            client.connect(target.host(), target.port());
        } catch (TransportException e) {
            closeQuietly(client);
            throw hostKeyFailure(target, verifier, e);
        } catch (UnknownHostException e) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                    "Cannot resolve " + target.host() + " for " + target.alias() + ".", e);
        } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                    "Cannot reach " + where + ": " + e.getMessage(), e);
        } catch (IOException e) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                    "SSH connection to " + where + " failed: " + e.getMessage(), e);
        }
        authenticate(client, target, deadline.pausedDuring(passphrasePrompt));
        client.getTransport().setTimeoutMs(protocolTimeout);
        client.getConnection().setTimeoutMs(protocolTimeout);
        return client;
    }

    /** How long one connect may take over all its attempts, and how often its handshake stalled; shared by its attempts. */
    private static final class ConnectBudget {
        private final DeadlineTimer clock;
        private final long started;
        private final long totalNanos;
        private int stalls;
        private int unanswered;

        ConnectBudget(DeadlineTimer clock, Duration total) {
            this.clock = clock;
            this.started = clock.nanoTime();
            this.totalNanos = total.toNanos();
        }

        boolean timeLeft() {
            return clock.nanoTime() - started < totalNanos;
        }

        synchronized void stalled() {
            stalls++;
        }

        /**
         * A connection on which the Pi's SSH server sent nothing gets one more try: on a lossy link the banner
         * itself can be lost long enough (1 in 20 connects at the lab's 30 %); a hung Pi is silent twice.
         */
        synchronized boolean unansweredAgain() {
            unanswered++;
            return unanswered == 1 && timeLeft();
        }

        synchronized int unanswered() {
            return unanswered;
        }

        synchronized int stalls() {
            return stalls;
        }
    }

    /**
     * One connect attempt's deadline, set again when the TCP connect completes. At expiry it closes the
     * socket, which ends whatever blocking read or connect the handshake is in — unless bytes from the Pi
     * arrived since the deadline was set, in which case it runs on, {@code limit} from the last byte, while
     * the {@link ConnectBudget} lasts. A prompt waiting for the presenter stops the clock; the Pi gets a fresh deadline once the
     * prompt is answered.
     *
     * <p>Silence means two different things. A Pi whose SSH server never sent a byte is not answering: the
     * connect fails. A Pi that answered and then went quiet is usually on a lossy link, where one lost
     * segment can stall a TCP connection for tens of seconds (its retransmission timer doubles with each
     * loss: the lab's 30 % loss stalled handshakes for 28–106 s while a fresh connection finished in about
     * a second): that attempt is abandoned — nothing has run on the Pi yet — and a fresh connection, whose
     * timer starts short again, is tried while the budget lasts ({@link #retry}).
     */
    private static final class ConnectDeadline {
        private final DeadlineTimer timer;
        private final Duration limit;
        private final ConnectBudget budget;
        private final AtomicReference<Socket> socket = new AtomicReference<>();
        private final AtomicLong progress = new AtomicLong();
        private final AtomicLong lastProgressNanos = new AtomicLong();
        private long progressAtStart;
        private Runnable cancel = () -> { };
        private boolean expired;
        private boolean done;

        ConnectDeadline(DeadlineTimer timer, Duration limit, ConnectBudget budget) {
            this.timer = timer;
            this.limit = limit;
            this.budget = budget;
        }

        synchronized void start() {
            arm(limit);
        }

        private synchronized void arm(Duration delay) {
            if (!done) {
                progressAtStart = progress.get();
                cancel = timer.start(delay, this::expire);
            }
        }

        boolean answered() {
            return progress.get() > 0;
        }

        /** Bytes from the Pi (any thread). */
        void progressed() {
            lastProgressNanos.set(timer.nanoTime());
            progress.incrementAndGet();
        }

        /** The TCP connect is bounded by the socket's own timeout; the Pi's silence is counted from here. */
        private synchronized void restart() {
            cancel.run();
            start();
        }

        private void expire() {
            synchronized (this) {
                if (done) {
                    return;
                }
                if (progress.get() != progressAtStart && budget.timeLeft()) {
                    // Silence is counted from the last byte, not from when this deadline was set.
                    long quiet = Math.max(0, timer.nanoTime() - lastProgressNanos.get());
                    arm(Duration.ofNanos(Math.max(Duration.ofMillis(1).toNanos(), limit.toNanos() - quiet)));
                    return;
                }
                expired = true;
            }
            Socket open = socket.get();
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // Closing is all that is wanted; the blocked call fails either way.
                }
            }
        }

        /**
         * After expiry: whether a fresh connection should be tried — the Pi's SSH server answered on this
         * attempt and the connect's time is not used up. Counts the stall.
         */
        boolean retry() {
            if (progress.get() == 0) {
                return budget.unansweredAgain();
            }
            budget.stalled();
            return budget.timeLeft();
        }

        synchronized boolean expired() {
            return expired;
        }

        synchronized void cancel() {
            done = true;
            cancel.run();
        }

        private synchronized void pause() {
            cancel.run();
        }

        HostKeyPrompt pausedDuring(HostKeyPrompt prompt) {
            return (alias, host, keyType, fingerprint) -> paused(() -> prompt.trust(alias, host, keyType, fingerprint));
        }

        PassphrasePrompt pausedDuring(PassphrasePrompt prompt) {
            return (keyFile, retry) -> paused(() -> prompt.passphrase(keyFile, retry));
        }

        private <T> T paused(java.util.function.Supplier<T> presenter) {
            pause();
            try {
                return presenter.get();
            } finally {
                start();
            }
        }

        /** Sockets that count the Pi's progress, each remembered so expiry can close it. */
        SocketFactory socketFactory() {
            return new SocketFactory() {
                @Override
                public Socket createSocket() {
                    return remember(new ProgressSocket(ConnectDeadline.this::progressed, ConnectDeadline.this::restart));
                }

                @Override
                public Socket createSocket(String host, int port) throws IOException {
                    return connected(new InetSocketAddress(host, port), null);
                }

                @Override
                public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                    return connected(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
                }

                @Override
                public Socket createSocket(InetAddress host, int port) throws IOException {
                    return connected(new InetSocketAddress(host, port), null);
                }

                @Override
                public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                    return connected(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
                }

                private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
                    Socket created = createSocket();
                    if (from != null) {
                        created.bind(from);
                    }
                    created.connect(to);
                    return created;
                }
            };
        }

        private Socket remember(Socket created) {
            socket.set(created);
            return created;
        }
    }

    /** A plain socket that reports its completed connect and counts every read that returned bytes as progress. */
    private static final class ProgressSocket extends Socket {
        private final Runnable progress;
        private final Runnable connected;
        private InputStream counting;

        ProgressSocket(Runnable progress, Runnable connected) {
            this.progress = progress;
            this.connected = connected;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(endpoint, timeout);
            connected.run();
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (counting == null) {
                counting = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        if (b >= 0) {
                            progress.run();
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        if (n > 0) {
                            progress.run();
                        }
                        return n;
                    }
                };
            }
            return counting;
        }
    }

    private RemoteCommandException hostKeyFailure(SshTarget target, TrustOnFirstUseVerifier verifier, TransportException e) {
        String fingerprint = verifier.presentedFingerprint();
        switch (verifier.outcome()) {
            case CHANGED:
                return new RemoteCommandException(RemoteCommandException.Kind.HOST_KEY_CHANGED,
                        "The SSH host key of " + target.alias() + " (" + target.host() + ") has CHANGED (it now shows "
                                + fingerprint + "). PiRack refuses to connect: this is what an attacker in the middle "
                                + "looks like. If the Pi was reinstalled, run: ssh-keygen -R " + knownHostsName(target)
                                + " and connect again to trust the new key.", e);
            case REFUSED_UNKNOWN:
                return new RemoteCommandException(RemoteCommandException.Kind.HOST_KEY_UNKNOWN,
                        "The host key of " + target.alias() + " (" + fingerprint + ") was not trusted, so PiRack did not connect.", e);
            default:
                return new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                        "SSH handshake with " + target.alias() + " failed: " + e.getMessage(), e);
        }
    }

    private static String knownHostsName(SshTarget target) {
        return target.port() == 22 ? target.host() : "'[" + target.host() + "]:" + target.port() + "'";
    }

    private void authenticate(SSHClient client, SshTarget target, PassphrasePrompt prompt) throws RemoteCommandException {
        List<Path> keyFiles = target.identityFile() != null
                ? List.of(target.identityFile())
                : defaultIdentityFiles.stream().filter(Files::isRegularFile).toList();
        if (keyFiles.isEmpty()) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION,
                    "No SSH key for " + target.alias() + ": set IdentityFile in ~/.ssh/config or the rack spec.");
        }
        List<KeyProvider> keys = new ArrayList<>();
        for (Path keyFile : keyFiles) {
            keys.add(loadKey(client, target, keyFile, prompt));
        }
        try {
            client.authPublickey(target.user(), keys);
        } catch (UserAuthException e) {
            closeQuietly(client);
            if (timedOut(e)) {
                // sshj reports a login that ran out of time as "exhausted methods" too: on a lossy link that is
                // not a rejected key, and telling the presenter to run ssh-copy-id would send them the wrong way.
                throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                        target.alias() + " did not finish the SSH login in time (a slow or lossy link?): "
                                + "the key was not refused. Try again, or check the Pi's cable.", e);
            }
            throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION,
                    target.alias() + " did not accept the key " + keyFiles + " for user " + target.user()
                            + ". Copy it there with ssh-copy-id.", e);
        } catch (TransportException e) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                    "SSH connection to " + target.alias() + " broke during login: " + e.getMessage(), e);
        }
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t.getMessage() != null && t.getMessage().startsWith("Timeout expired")) {
                return true;
            }
        }
        return false;
    }

    /** Loads and decrypts one key now, so a wrong or cancelled passphrase is reported as such. */
    private KeyProvider loadKey(SSHClient client, SshTarget target, Path keyFile, PassphrasePrompt prompt)
            throws RemoteCommandException {
        if (!Files.isReadable(keyFile)) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION,
                    "The SSH key " + keyFile + " for " + target.alias() + " does not exist or cannot be read.");
        }
        CachingPasswordFinder finder = new CachingPasswordFinder(keyFile, prompt);
        try {
            KeyProvider provider = client.loadKeys(keyFile.toString(), finder);
            provider.getPrivate();
            return provider;
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            passphrases.remove(keyFile);
            String reason = finder.cancelled ? "the passphrase prompt was cancelled"
                    : finder.asked ? "the passphrase is wrong" : "it could not be read (" + e.getMessage() + ")";
            throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION,
                    "Could not use the SSH key " + keyFile + " for " + target.alias() + ": " + reason + ".", e);
        }
    }

    /** Answers sshj's passphrase requests from the session cache first, then from the prompt. */
    private final class CachingPasswordFinder implements PasswordFinder {
        private final Path keyFile;
        private final PassphrasePrompt prompt;
        private int attempts;
        private boolean asked;
        private boolean cancelled;

        CachingPasswordFinder(Path keyFile, PassphrasePrompt prompt) {
            this.keyFile = keyFile;
            this.prompt = prompt;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            char[] cached = passphrases.get(keyFile);
            if (cached == null) {
                asked = true;
                Optional<char[]> answer = prompt.passphrase(keyFile, attempts > 0);
                if (answer.isEmpty()) {
                    cancelled = true;
                    return null;
                }
                cached = answer.get().clone();
                passphrases.put(keyFile, cached);
            }
            // sshj may blank the array it is given; the cache keeps its own copy.
            return cached.clone();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            char[] wrong = passphrases.remove(keyFile);
            if (wrong != null) {
                Arrays.fill(wrong, '\0');
            }
            attempts++;
            return !cancelled && attempts < PASSPHRASE_ATTEMPTS;
        }
    }

    /** Forgets every cached passphrase (e.g. when the presenter locks the app). */
    public void forgetPassphrases() {
        passphrases.values().forEach(p -> Arrays.fill(p, '\0'));
        passphrases.clear();
    }

    private void discard(SshTarget target) {
        SSHClient old = clients.remove(target);
        if (old != null) {
            closeQuietly(old);
        }
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // Closing a broken connection can fail; there is nothing left to release.
        }
    }

    @Override
    public void close() {
        clients.keySet().forEach(this::discard);
        forgetPassphrases();
    }
}
