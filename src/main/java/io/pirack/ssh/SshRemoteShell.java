package io.pirack.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final ScheduledExecutorService SILENCE_GUARD = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-silence-guard");
        t.setDaemon(true);
        return t;
    });

    private final Path knownHosts;
    private final List<Path> defaultIdentityFiles;
    private final HostKeyPrompt hostKeyPrompt;
    private final PassphrasePrompt passphrasePrompt;
    private final Duration connectTimeout;
    private final Map<Path, char[]> passphrases = new ConcurrentHashMap<>();
    private final Map<SshTarget, SSHClient> clients = new ConcurrentHashMap<>();
    private final Map<SshTarget, Object> connectLocks = new ConcurrentHashMap<>();

    /**
     * @param knownHosts           OpenSSH known_hosts file (normally {@code ~/.ssh/known_hosts})
     * @param defaultIdentityFiles keys tried, if they exist, for a target without its own identity file
     */
    public SshRemoteShell(Path knownHosts, List<Path> defaultIdentityFiles, HostKeyPrompt hostKeyPrompt,
                          PassphrasePrompt passphrasePrompt, Duration connectTimeout) {
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
                hostKeyPrompt, passphrasePrompt, Duration.ofSeconds(5));
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
        Thread thread = new Thread(() -> {
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
        }, "pirack-ssh-" + name);
        thread.setDaemon(true);
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
        TrustOnFirstUseVerifier verifier;
        try {
            verifier = new TrustOnFirstUseVerifier(knownHosts, target.alias(), hostKeyPrompt);
        } catch (IOException e) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                    "Cannot read " + knownHosts + ": " + e.getMessage(), e);
        }
        SSHClient client = new SSHClient(new DefaultConfig());
        client.setConnectTimeout((int) connectTimeout.toMillis());
        // Bounds the handshake and channel opening, so a Pi that vanished without closing TCP
        // (power cut) fails fast. No socket read timeout: a quiet long command must not kill the link.
        int protocolTimeout = (int) Math.max(connectTimeout.toMillis(), PROTOCOL_TIMEOUT_MILLIS);
        client.getTransport().setTimeoutMs(protocolTimeout);
        client.getConnection().setTimeoutMs(protocolTimeout);
        client.addHostKeyVerifier(verifier);
        String where = target.alias() + " (" + target.host() + ":" + target.port() + ")";
        // sshj reads the server's identification line with no timeout of its own: a port that accepts and never
        // speaks (a hung sshd) would block here for ever. Close the socket if it stays silent that long.
        AtomicBoolean silent = new AtomicBoolean();
        ScheduledFuture<?> guard = SILENCE_GUARD.schedule(() -> {
            silent.set(true);
            closeQuietly(client);
        }, protocolTimeout, TimeUnit.MILLISECONDS);
        try {
            try {
                client.connect(target.host(), target.port());
            } catch (IOException e) {
                if (silent.get()) {
                    closeQuietly(client);
                    throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE, where + " accepted the connection"
                            + " but did not answer as an SSH server within " + protocolTimeout / 1000 + " s.", e);
                }
                throw e;
            } finally {
                guard.cancel(false);
            }
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
        authenticate(client, target);
        return client;
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

    private void authenticate(SSHClient client, SshTarget target) throws RemoteCommandException {
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
            keys.add(loadKey(client, target, keyFile));
        }
        try {
            client.authPublickey(target.user(), keys);
        } catch (UserAuthException e) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION,
                    target.alias() + " did not accept the key " + keyFiles + " for user " + target.user()
                            + ". Copy it there with ssh-copy-id.", e);
        } catch (TransportException e) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE,
                    "SSH connection to " + target.alias() + " broke during login: " + e.getMessage(), e);
        }
    }

    /** Loads and decrypts one key now, so a wrong or cancelled passphrase is reported as such. */
    private KeyProvider loadKey(SSHClient client, SshTarget target, Path keyFile) throws RemoteCommandException {
        if (!Files.isReadable(keyFile)) {
            closeQuietly(client);
            throw new RemoteCommandException(RemoteCommandException.Kind.AUTHENTICATION,
                    "The SSH key " + keyFile + " for " + target.alias() + " does not exist or cannot be read.");
        }
        CachingPasswordFinder finder = new CachingPasswordFinder(keyFile);
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
        private int attempts;
        private boolean asked;
        private boolean cancelled;

        CachingPasswordFinder(Path keyFile) {
            this.keyFile = keyFile;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            char[] cached = passphrases.get(keyFile);
            if (cached == null) {
                asked = true;
                Optional<char[]> answer = passphrasePrompt.passphrase(keyFile, attempts > 0);
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
