package io.pirack.testing;

import io.pirack.core.validate.Validation;
import io.pirack.net.SshPiDhcpRebinder;
import io.pirack.plug.DeadManHelper;
import io.pirack.plug.RebindHelper;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTarget;
import io.pirack.ssh.SshTargetResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSSH server for tests that talk to "a Pi": {@code /usr/sbin/sshd -D -e} on a free
 * loopback port, with a freshly generated host key and user key, its own AuthorizedKeysFile, and a
 * directory of <b>stand-in executables</b> placed first on the PATH of every session (sshd_config
 * {@code SetEnv PATH=…}). Nothing on the machine is changed except {@code /run/sshd}, sshd's
 * privilege-separation directory, which is created if missing. Needs root (sshd must be able to
 * switch to the login user) — the project's test machines and CI run tests as root.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * @RegisterExtension
 * static final OpenSshServer PI = new OpenSshServer();
 *
 * @Test
 * void stopsTheAgent() throws Exception {
 *     PI.installUnit("k3s-agent", true);                  // a unit file that is active
 *     shell.run(PI.target(), RemoteCommand.sudo("systemctl", "stop", "k3s-agent"), Duration.ofSeconds(5));
 *     assertEquals(List.of(List.of("systemctl", "stop", "k3s-agent")), PI.calls("systemctl"));
 *     assertFalse(PI.unitActive("k3s-agent"));
 * }
 * }</pre>
 * State and the call log are wiped before each test; the server lives for the test class.
 * {@link #knownHostsLine()} gives a line for a known_hosts file so the host key is already trusted.
 *
 * <h2>Stand-ins (all shell scripts; each appends its argv to the call log)</h2>
 * <ul>
 *   <li>{@code sudo} — accepts {@code -n} then execs the rest; with {@link #requireSudoPassword()}
 *       it prints sudo's real "a password is required" message and exits 1.</li>
 *   <li>{@code timeout} — execs the real {@code /usr/bin/timeout}; after {@link #ignoreTimeouts()} it
 *       drops its own options and runs the command unbounded (to test the client-side deadline).</li>
 *   <li>{@code systemctl} — {@code is-active}, {@code start}, {@code stop}, {@code list-unit-files}
 *       (exit 1 when nothing matches, like systemd). Units exist only once installed with
 *       {@link #installUnit}; {@code *.timer} units are created by {@code systemd-run}.</li>
 *   <li>{@code systemd-run} — records {@code --on-active}, makes {@code <unit>.timer} active and
 *       stores the command it would run; {@link #fireTimer} runs that command as systemd would.</li>
 *   <li>{@code iptables} — {@code -I}/{@code -A} add, {@code -C} checks (exit 1 when absent, with
 *       iptables' message), {@code -D} deletes one rule (exit 1 when absent); chain and rule spec are
 *       kept verbatim so tests can assert the exact rule.</li>
 *   <li>{@code uhubctl} — not used over SSH but handy for local process tests via {@link #standIn}:
 *       {@code -a off|on} sets the port state, without {@code -a} prints the hub like uhubctl.</li>
 * </ul>
 * More stand-ins (e.g. for the network or tuning features) are added with {@link #addStandIn}; source
 * {@code $PIRACK_LIB} in them for {@code log_call} and {@code $STATE}.
 */
public final class OpenSshServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** Separates arguments in the call log (arguments may contain spaces, never this byte). */
    private static final String FIELD = "\u001f";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(15);

    private Path root;
    private Path bin;
    private Path state;
    private Path log;
    private Path hostKey;
    private Path userKey;
    private int port;
    private Process sshd;
    private final List<SshRemoteShell> openShells = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/sbin/sshd")) || !"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("These tests start a real OpenSSH server: they need /usr/sbin/sshd "
                    + "(apt-get install openssh-server) and must run as root, as .ci/run does.");
        }
        root = Files.createTempDirectory("pirack-sshd");
        bin = Files.createDirectories(root.resolve("bin"));
        state = Files.createDirectories(root.resolve("state"));
        log = root.resolve("calls.log");
        hostKey = root.resolve("ssh_host_ed25519_key");
        userKey = root.resolve("id_ed25519");
        keygen(hostKey);
        keygen(userKey);
        Path authorizedKeys = root.resolve("authorized_keys");
        Files.copy(Path.of(userKey + ".pub"), authorizedKeys);
        Files.setPosixFilePermissions(authorizedKeys, PosixFilePermissions.fromString("rw-------"));
        writeStandIns();
        Files.createDirectories(Path.of("/run/sshd"));
        // A free port is only free until sshd binds it: a test process starting at the same moment may
        // take it first. sshd then exits "Cannot bind any address", and a new port is tried.
        for (int attempt = 1; ; attempt++) {
            try {
                startOnAFreePort(authorizedKeys);
                return;
            } catch (PortTaken e) {
                if (attempt >= 3) {
                    throw new IllegalStateException("sshd could not bind a free loopback port 3 times: " + e.getMessage());
                }
            }
        }
    }

    /** Thrown when sshd exited because another process bound its port first. */
    private static final class PortTaken extends Exception {
        PortTaken(String log) {
            super(log);
        }
    }

    private void startOnAFreePort(Path authorizedKeys) throws IOException, InterruptedException, PortTaken {
        port = freePort();
        Path config = root.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "PidFile " + root.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "MaxStartups 50",
                "SetEnv PATH=" + bin + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
                        + " PIRACK_LIB=" + bin.resolve("standin-lib.sh"),
                "") );
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("sshd.log").toFile())
                .start();
        try {
            awaitListening();
        } catch (IllegalStateException e) {
            String log = Files.readString(root.resolve("sshd.log"));
            if (!sshd.isAlive() && (log.contains("Cannot bind any address") || log.contains("Address already in use"))) {
                throw new PortTaken(log.strip());
            }
            throw e;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        deleteTree(state);
        Files.createDirectories(state);
        Files.deleteIfExists(log);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        openShells.forEach(SshRemoteShell::close);
        openShells.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (sshd != null) {
            sshd.destroy();
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly();
            }
        }
        deleteTree(root);
    }

    // ---- connection details ------------------------------------------------------------------

    public SshTarget target() {
        return target("test-pi");
    }

    public SshTarget target(String alias) {
        return new SshTarget(alias, "127.0.0.1", port, "root", userKey);
    }

    public int port() {
        return port;
    }

    public Path userKey() {
        return userKey;
    }

    /** The server's host key as one known_hosts line ({@code [127.0.0.1]:port ssh-ed25519 AAAA…}). */
    public String knownHostsLine() throws IOException {
        String[] pub = Files.readString(Path.of(hostKey + ".pub")).trim().split(" ");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    /**
     * A new shell that already trusts this server, refuses unknown hosts and never prompts: what most
     * feature tests need. Each call gives a separate instance (a second one plays "the app after a
     * restart"); all are closed after the test.
     */
    public SshRemoteShell trustingShell() throws IOException {
        Path knownHosts = root.resolve("known_hosts");
        Files.writeString(knownHosts, knownHostsLine() + "\n");
        SshRemoteShell shell = new SshRemoteShell(knownHosts, List.of(), HostKeyPrompt.REFUSE, PassphrasePrompt.NONE,
                Duration.ofSeconds(5));
        openShells.add(shell);
        return shell;
    }

    /** Resolves every slot to this server, keeping the slot's hostname as the alias. */
    public SshTargetResolver resolver() {
        return slot -> Validation.valid(target(slot.hostname()));
    }

    /** Stand-in calls of the given programs only (drops the timeout and sudo wrappers). */
    public List<List<String>> callsOf(String... programs) throws IOException {
        List<String> wanted = List.of(programs);
        return calls().stream().filter(c -> wanted.contains(c.get(0))).toList();
    }

    /** What {@code ssh-keygen -lf} prints for the host key, e.g. {@code SHA256:…}. */
    public String hostKeyFingerprint() throws IOException, InterruptedException {
        String out = exec(List.of("ssh-keygen", "-lf", hostKey + ".pub"));
        return out.split(" ")[1];
    }

    /** Makes a new user key protected by a passphrase and authorizes it; returns the private key. */
    public Path authorizeNewKey(String name, String passphrase) throws IOException, InterruptedException {
        Path key = root.resolve(name);
        exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-C", name, "-f", key.toString()));
        Files.writeString(root.resolve("authorized_keys"), Files.readString(Path.of(key + ".pub")),
                java.nio.file.StandardOpenOption.APPEND);
        return key;
    }

    /** How many SSH logins the server accepted so far (from its own log). */
    public long acceptedLogins() throws IOException {
        return Files.readAllLines(root.resolve("sshd.log")).stream().filter(l -> l.startsWith("Accepted publickey")).count();
    }

    // ---- stand-in state ----------------------------------------------------------------------

    /** Every stand-in invocation in order, each as its argv (program name first). */
    public List<List<String>> calls() throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        List<List<String>> calls = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            calls.add(List.of(line.split(FIELD, -1)));
        }
        return calls;
    }

    /** The invocations of one program, in order. */
    public List<List<String>> calls(String program) throws IOException {
        return calls().stream().filter(c -> c.get(0).equals(program)).toList();
    }

    public void installUnit(String unit, boolean active) throws IOException {
        Files.writeString(state.resolve("unit." + unit), active ? "active" : "inactive");
    }

    public boolean unitActive(String unit) throws IOException {
        Path file = state.resolve("unit." + unit);
        return Files.exists(file) && Files.readString(file).trim().equals("active");
    }

    /** Rules added with iptables, each as "CHAIN rule-spec…" exactly as given. */
    public List<String> iptablesRules() throws IOException {
        Path rules = state.resolve("iptables.rules");
        return Files.exists(rules) ? Files.readAllLines(rules) : List.of();
    }

    /** The command a systemd-run timer would run, or an empty list when no such timer is active. */
    public List<String> timerCommand(String unit) throws IOException {
        Path command = state.resolve("timer." + unit + ".cmd");
        if (!unitActive(unit + ".timer") || !Files.exists(command)) {
            return List.of();
        }
        return List.of(Files.readString(command).split(FIELD, -1));
    }

    /** Runs the timer's command the way systemd would when it elapses, and unloads the timer. */
    public void fireTimer(String unit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(timerCommand(unit));
        if (command.isEmpty()) {
            throw new IllegalStateException("no active timer " + unit);
        }
        Files.delete(state.resolve("unit." + unit + ".timer"));
        // Through sh so the program is looked up on the stand-ins' PATH, as on the Pi.
        command.addAll(0, List.of("/bin/sh", "-c", "exec \"$@\"", "sh"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("PIRACK_LIB", bin.resolve("standin-lib.sh").toString());
        exec(builder);
    }

    public void requireSudoPassword() throws IOException {
        Files.writeString(state.resolve("sudo-needs-password"), "yes");
    }

    public void ignoreTimeouts() throws IOException {
        Files.writeString(state.resolve("timeout-ignored"), "yes");
    }

    /** Sets a free-form state value a custom stand-in can read as {@code $STATE/<key>}. */
    public void setState(String key, String value) throws IOException {
        Files.writeString(state.resolve(key), value);
    }

    public String state(String key) throws IOException {
        Path file = state.resolve(key);
        return Files.exists(file) ? Files.readString(file) : null;
    }

    public Path stateDir() {
        return state;
    }

    /**
     * A presenter's {@code ~/.ssh} in {@code home}: {@code Host rpi*} reaches this server as root with
     * the test key, and known_hosts already trusts its host key — the Pi as found on stage.
     */
    public void writePresenterSsh(Path home) throws IOException {
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), String.join("\n",
                "Host rpi*", "  HostName 127.0.0.1", "  Port " + port(), "  User root", "  IdentityFile " + userKey(), ""));
        Files.writeString(ssh.resolve("known_hosts"), knownHostsLine() + "\n");
    }

    /** Path of a stand-in executable, for tests that run it locally (e.g. uhubctl). */
    public Path standIn(String name) {
        return bin.resolve(name);
    }

    /** Adds (or replaces) a stand-in; the body runs after {@code . "$PIRACK_LIB"; log_call}. */
    public void addStandIn(String name, String body) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n. " + bin.resolve("standin-lib.sh") + "\nlog_call " + name
                + " \"$@\"\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    // ---- internals ---------------------------------------------------------------------------

    private void writeStandIns() throws IOException {
        Files.writeString(bin.resolve("standin-lib.sh"), String.join("\n",
                "STATE=" + state,
                "LOG=" + log,
                "log_call() {",
                "  { printf '%s' \"$1\"; shift; for a in \"$@\"; do printf '\\037%s' \"$a\"; done; printf '\\n'; } >> \"$LOG\"",
                "}",
                ""));
        addStandIn("sudo", String.join("\n",
                "[ \"$1\" = -n ] && shift",
                "if [ -e \"$STATE/sudo-needs-password\" ]; then echo 'sudo: a password is required' >&2; exit 1; fi",
                "exec \"$@\""));
        addStandIn("timeout", String.join("\n",
                "if [ -e \"$STATE/timeout-ignored\" ]; then",
                "  while [ $# -gt 0 ]; do case \"$1\" in -k) shift 2;; -*) shift;; *) break;; esac; done",
                "  shift",
                "  exec \"$@\"",
                "fi",
                "exec /usr/bin/timeout \"$@\""));
        addStandIn("systemctl", String.join("\n",
                "verb=$1; shift",
                "case \"$verb\" in",
                "  is-active)",
                "    s=$(cat \"$STATE/unit.$1\" 2>/dev/null || echo inactive); echo \"$s\"; [ \"$s\" = active ];;",
                "  start)",
                "    [ -e \"$STATE/unit.$1\" ] || { echo \"Failed to start $1.service: Unit $1.service not found.\" >&2; exit 5; }",
                "    echo active > \"$STATE/unit.$1\";;",
                "  stop)",
                "    [ -e \"$STATE/unit.$1\" ] || { echo \"Failed to stop $1: Unit $1 not loaded.\" >&2; exit 5; }",
                "    case \"$1\" in *.timer) rm -f \"$STATE/unit.$1\";; *) echo inactive > \"$STATE/unit.$1\";; esac;;",
                "  list-unit-files)",
                "    found=1",
                "    for u in \"$@\"; do case \"$u\" in -*) continue;; esac",
                "      n=${u%.service}; [ -e \"$STATE/unit.$n\" ] && { echo \"$u enabled enabled\"; found=0; }",
                "    done",
                "    [ $found = 0 ] || echo '0 unit files listed.'",
                "    exit $found;;",
                "  *) echo \"stand-in systemctl: unsupported verb $verb\" >&2; exit 2;;",
                "esac"));
        addStandIn("systemd-run", String.join("\n",
                "unit=''",
                "while [ $# -gt 0 ]; do case \"$1\" in",
                "  --unit=*) unit=${1#--unit=}; shift;;",
                "  --) shift; break;;",
                "  -*) shift;;",
                "  *) break;;",
                "esac; done",
                "[ -n \"$unit\" ] || { echo 'stand-in systemd-run: --unit is required' >&2; exit 2; }",
                "[ -e \"$STATE/unit.$unit.timer\" ] && { echo \"Failed to start transient timer unit: Unit $unit.timer already exists.\" >&2; exit 1; }",
                "echo active > \"$STATE/unit.$unit.timer\"",
                "{ printf '%s' \"$1\"; shift; for a in \"$@\"; do printf '\\037%s' \"$a\"; done; } > \"$STATE/timer.$unit.cmd\"",
                "echo \"Running timer as unit: $unit.timer\" >&2"));
        addStandIn("iptables", String.join("\n",
                "op=$1; chain=$2; shift 2",
                "rule=\"$chain $*\"",
                "rules=\"$STATE/iptables.rules\"; touch \"$rules\"",
                "case \"$op\" in",
                "  -I|-A) echo \"$rule\" >> \"$rules\";;",
                "  -C) grep -qxF \"$rule\" \"$rules\" || { echo 'iptables: Bad rule (does a matching rule exist in that chain?).' >&2; exit 1; };;",
                "  -D) grep -qxF \"$rule\" \"$rules\" || { echo 'iptables: Bad rule (does a matching rule exist in that chain?).' >&2; exit 1; }",
                "      grep -vxF \"$rule\" \"$rules\" > \"$rules.new\"; mv \"$rules.new\" \"$rules\";;",
                "  *) echo \"stand-in iptables: unsupported $op\" >&2; exit 2;;",
                "esac"));
        // PiRack's real dead-man helper, as PiRack installs it on a Pi; only its run directory moves into $STATE.
        addStandIn(DeadManHelper.PROGRAM, DeadManHelper.script().replaceFirst("^#![^\n]*\n", "")
                .replace("RUN_DIR=/run/pirack-deadman", "RUN_DIR=\"$STATE/deadman-run\""));
        // PiRack's real DHCP rebind helper; the Pi's interfaces are folders under $STATE/sysfs/class/net.
        addStandIn(SshPiDhcpRebinder.PROGRAM, RebindHelper.script().replaceFirst("^#![^\n]*\n", "")
                .replace("SYS_NET=/sys/class/net", "SYS_NET=\"$STATE/sysfs/class/net\""));
        addStandIn("uhubctl", String.join("\n",
                "loc=''; port=''; action=''",
                "while [ $# -gt 0 ]; do case \"$1\" in -l) loc=$2; shift 2;; -p) port=$2; shift 2;; -a) action=$2; shift 2;; *) shift;; esac; done",
                "f=\"$STATE/usb.$loc.$port\"",
                "case \"$action\" in off) echo off > \"$f\";; on) echo on > \"$f\";; esac",
                "s=$(cat \"$f\" 2>/dev/null || echo on)",
                "echo \"Current status for hub $loc [2109:3431 USB2.0 Hub, USB 2.10, 4 ports, ppps]\"",
                "if [ \"$s\" = off ]; then echo \"  Port $port: 0000 off\"; else echo \"  Port $port: 0503 power highspeed enable connect [0424:ec00]\"; fi"));
    }

    private void keygen(Path key) throws IOException, InterruptedException {
        exec(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pirack-test", "-f", key.toString()));
    }

    private static String exec(List<String> command) throws IOException, InterruptedException {
        return exec(new ProcessBuilder(command));
    }

    private static String exec(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(builder.command() + " failed: " + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Polls the port until sshd accepts connections (bounded), failing with sshd's own log. */
    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(root.resolve("sshd.log")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                // Not listening yet: wait for the process a moment instead of spinning.
                sshd.waitFor(50, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("sshd did not listen on port " + port + " within " + STARTUP_LIMIT);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public String toString() {
        return "OpenSshServer[127.0.0.1:" + port + ", stand-ins " + Arrays.toString(bin.toFile().list()) + "]";
    }
}
