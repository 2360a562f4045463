package io.pirack.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The virtual Pi lab ({@code lab/lab.sh}) driven from a test: the same script a person runs by hand,
 * so the tests exercise exactly what the docs describe. Every call waits for the script to finish.
 */
final class VirtualLab implements AutoCloseable {

    static final String BRIDGE = "pirack-lab0";
    static final String GATEWAY = "10.77.0.1";
    static final Path DIR = Path.of("/run/pirack-lab");
    /** Where the Pis' logs are kept when the lab goes down. */
    static final Path LOGS = Path.of("target", "lab", "logs");

    private final Path script;
    private final int pis;

    private VirtualLab(Path script, int pis) {
        this.script = script;
        this.pis = pis;
    }

    /** Why the lab cannot run on this machine, or empty when it can (root, network namespaces, the tools). */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("not root (network namespaces, a bridge and dnsmasq need root)");
        }
        if (!Files.isDirectory(Path.of("/proc/self/ns")) || !Files.exists(Path.of("/proc/self/ns/net"))) {
            return Optional.of("this kernel has no network namespaces");
        }
        try {
            Process p = new ProcessBuilder("ip", "netns", "list").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.of("'ip netns' does not work here");
            }
        } catch (IOException e) {
            return Optional.of("iproute2 ('ip') is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
        return Optional.empty();
    }

    /** Brings the lab up (a previous run's leftovers are removed first). */
    static VirtualLab up(int pis, String pirackCommand, List<String> options) throws IOException, InterruptedException {
        VirtualLab lab = new VirtualLab(Path.of("lab/lab.sh").toAbsolutePath(), pis);
        List<String> args = new ArrayList<>(List.of("up", "--pis", Integer.toString(pis)));
        args.addAll(options);
        lab.run(pirackCommand, args);
        return lab;
    }

    /** How the lab's Pis run {@code pirack}: this JVM's class path, small and quick to start. */
    static String pirackCommand() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return java + " -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dpirack.logdir=/tmp -cp "
                + System.getProperty("java.class.path") + " io.pirack.Main";
    }

    int pis() {
        return pis;
    }

    String ip(String pi) {
        return "10.77.0." + (10 + Integer.parseInt(pi.substring(3)));
    }

    String mac(String pi) {
        return String.format("b8:27:eb:77:00:%02x", Integer.parseInt(pi.substring(3)));
    }

    /** The presenter's home as PiRack sees it: ~/.ssh/config, known_hosts and the key the Pis trust. */
    Path home() {
        return DIR.resolve("home");
    }

    Path piDir(String pi) {
        return DIR.resolve("pis").resolve(pi);
    }

    /** Moves the cable; returns when the link really changed (the script's clock, right after {@code ip link}). */
    Instant cable(String pi, boolean in) throws IOException, InterruptedException {
        String stamp = run(null, List.of("cable", pi, in ? "in" : "out")).strip();
        String[] parts = stamp.substring(stamp.lastIndexOf('\n') + 1).split("\\.");
        return Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    void power(String pi, boolean on) throws IOException, InterruptedException {
        run(null, List.of("power", pi, on ? "on" : "off"));
    }

    void silent(String pi, boolean on) throws IOException, InterruptedException {
        run(null, List.of("silent", pi, on ? "on" : "off"));
    }

    void netem(String pi, String spec) throws IOException, InterruptedException {
        run(null, List.of("netem", pi, spec));
    }

    /** Removes the lab's own {@code dhcp-host} entries (PiRack's file stays) and restarts its dnsmasq. */
    void clearStaticEntries() throws IOException, InterruptedException {
        run(null, List.of("dhcp-static", "clear"));
    }

    /** What NetworkManager's "connection up" does to the shared dnsmasq, for the lab's: restart it, leases kept. */
    List<String> dhcpReloadCommand() {
        return List.of(script.toString(), "dhcp-reload");
    }

    /** Restarts a Pi's DHCP client sending a DUID client identifier ({@code true}) or none. */
    void duidClientId(String pi, boolean duid) throws IOException, InterruptedException {
        run(null, List.of("client-id", pi, duid ? "duid" : "mac"));
    }

    /** The processes running in a Pi, one pid a line ("" when its power is off). */
    String pids(String pi) throws IOException, InterruptedException {
        return exec(List.of("ip", "netns", "pids", "pirack-" + pi), Duration.ofSeconds(20)).strip();
    }

    /** Runs a command inside a Pi (its namespaces), as root: what the Pi itself would see. */
    String inPi(String pi, String... argv) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", "pirack-" + pi));
        command.addAll(List.of(argv));
        return exec(command, Duration.ofSeconds(20));
    }

    /** "clean", or what the lab left behind. */
    String cleanCheck() throws IOException, InterruptedException {
        return execAllowingFailure(List.of(script.toString(), "clean-check")).strip();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(null, List.of("down"));
    }

    static void downQuietly() {
        try {
            ProcessBuilder pb = new ProcessBuilder(Path.of("lab/lab.sh").toAbsolutePath().toString(), "down");
            pb.environment().put("PIRACK_LAB_LOGS", LOGS.toAbsolutePath().toString());
            finish(pb.redirectErrorStream(true), pb.command(), Duration.ofSeconds(60), false);
        } catch (IOException | InterruptedException e) {
            // Best effort: the next "up" cleans first anyway.
        }
    }

    private String run(String pirackCommand, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (pirackCommand != null) {
            pb.environment().put("PIRACK_CMD", pirackCommand);
        }
        pb.environment().put("PIRACK_LAB_LOGS", LOGS.toAbsolutePath().toString());
        return finish(pb, command, Duration.ofSeconds(60), true);
    }

    static String exec(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return finish(new ProcessBuilder(command).redirectErrorStream(true), command, timeout, true);
    }

    private static String execAllowingFailure(List<String> command) throws IOException, InterruptedException {
        return finish(new ProcessBuilder(command).redirectErrorStream(true), command, Duration.ofSeconds(30), false);
    }

    private static String finish(ProcessBuilder pb, List<String> command, Duration timeout, boolean mustSucceed)
            throws IOException, InterruptedException {
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile("lab", ".out");
        try {
            pb.redirectOutput(out.toFile());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (mustSucceed && p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.strip());
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
