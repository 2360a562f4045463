package io.pirack.net;

import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.HostSnapshot.Platform;
import io.pirack.core.net.DnsmasqProcess;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.core.rack.RackSpec;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Captures what the doctor reads: runs the real commands and reads the real files on this machine
 * (under an injectable root, so tests never touch /etc), or reads/writes a capture folder
 * ({@code pirack doctor --from DIR} / {@code --collect DIR}) with the names in {@link SnapshotFiles}.
 */
public final class HostSnapshotCollector {

    static final String NAT_PLIST_PATH = "Library/Preferences/SystemConfiguration/com.apple.nat.plist";
    static final String BOOTPTAB_PATH = "etc/bootptab";
    static final String DHCPD_LEASES_PATH = "var/db/dhcpd_leases";
    static final String NM_LEASES_DIR = "var/lib/NetworkManager";
    static final String DNSMASQ_SHARED_PATH = "etc/NetworkManager/dnsmasq-shared.d";

    private final ProcessRunner runner;
    private final Path root;
    private final Duration timeout;

    public HostSnapshotCollector(ProcessRunner runner, Path root, Duration timeout) {
        this.runner = runner;
        this.root = root;
        this.timeout = timeout;
    }

    public static Platform currentPlatform() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac") ? Platform.MACOS : Platform.LINUX;
    }

    /** Captures this machine. */
    public HostSnapshot collect(Platform platform, Optional<RackSpec> rack) {
        Capture capture = new Capture();
        if (platform == Platform.MACOS) {
            capture.command(SnapshotFiles.IFCONFIG, List.of("ifconfig", "-a"), false);
            capture.command(SnapshotFiles.ARP, List.of("arp", "-an"), false);
            Path plist = root.resolve(NAT_PLIST_PATH);
            if (Files.exists(plist)) {
                capture.command(SnapshotFiles.NAT_PLIST, List.of("plutil", "-convert", "xml1", "-o", "-", plist.toString()), false);
            } else {
                capture.absent(SnapshotFiles.NAT_PLIST, plist);
            }
            capture.file(SnapshotFiles.BOOTPTAB, root.resolve(BOOTPTAB_PATH));
            capture.file(SnapshotFiles.DHCPD_LEASES, root.resolve(DHCPD_LEASES_PATH));
            // launchctl exits non-zero when the job is not loaded; its message is the evidence.
            capture.command(SnapshotFiles.LAUNCHCTL_SHARING, List.of("launchctl", "print", "system/com.apple.NetworkSharing"), true);
            capture.command(SnapshotFiles.SW_VERS, List.of("sw_vers"), false);
        } else {
            capture.command(SnapshotFiles.IP_ADDR, List.of("ip", "addr"), false);
            capture.command(SnapshotFiles.NMCLI_CONNECTIONS,
                    List.of("nmcli", "-t", "-f", "NAME,UUID,TYPE,DEVICE", "connection", "show", "--active"), false);
            if (capture.missing.containsKey(SnapshotFiles.NMCLI_CONNECTIONS)) {
                // No nmcli, or "Error: NetworkManager is not running.": either way there is no NetworkManager to share with.
                capture.absent.add(SnapshotFiles.NMCLI_CONNECTIONS);
            }
            // pgrep exits 1 when nothing matches; an empty listing is the answer then.
            capture.command(SnapshotFiles.DNSMASQ_PROCESSES, List.of("pgrep", "-a", "dnsmasq"), true);
            capture.command(SnapshotFiles.ARP, List.of("arp", "-an"), false);
            capture.dnsmasqLeases(root.resolve(NM_LEASES_DIR));
            capture.sharedDir(root.resolve(DNSMASQ_SHARED_PATH));
            capture.byHand();
        }
        if (rack.isEmpty()) {
            capture.missing.put(SnapshotFiles.RACK, "no rack spec given (--rack FILE)");
        }
        return new HostSnapshot(platform, capture.files, capture.missing, capture.absent, rack);
    }

    /** Only the interface listing ({@code ifconfig -a} / {@code ip addr}): enough for the host's fingerprint. */
    public HostSnapshot interfaces(Platform platform) {
        Capture capture = new Capture();
        if (platform == Platform.MACOS) {
            capture.command(SnapshotFiles.IFCONFIG, List.of("ifconfig", "-a"), false);
        } else {
            capture.command(SnapshotFiles.IP_ADDR, List.of("ip", "addr"), false);
        }
        return new HostSnapshot(platform, capture.files, capture.missing, capture.absent, Optional.empty());
    }

    private final class Capture {
        final Map<String, String> files = new LinkedHashMap<>();
        final Map<String, String> missing = new LinkedHashMap<>();
        final Set<String> absent = new TreeSet<>();

        void command(String name, List<String> argv, boolean keepFailureOutput) {
            String shown = String.join(" ", argv);
            try {
                ProcessResult result = runner.run(argv, timeout);
                if (result.timedOut()) {
                    missing.put(name, "'" + shown + "' did not finish within " + timeout.toSeconds() + " s");
                } else if (result.exitCode() != 0 && !keepFailureOutput) {
                    missing.put(name, "'" + shown + "' failed (exit " + result.exitCode() + "): " + firstLine(result.stderr()));
                } else {
                    files.put(name, result.stdout() + (result.exitCode() != 0 ? result.stderr() : ""));
                }
            } catch (IOException e) {
                missing.put(name, io.pirack.core.net.ToolProblems.cannotRun(argv.get(0), e.getMessage()));
            }
        }

        void file(String name, Path path) {
            if (!Files.exists(path)) {
                absent(name, path);
                return;
            }
            try {
                files.put(name, Files.readString(path, StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                missing.put(name, path + " cannot be read: " + e.getMessage());
            }
        }

        void absent(String name, Path path) {
            absent.add(name);
            missing.put(name, path + " does not exist");
        }

        void dnsmasqLeases(Path dir) {
            List<Path> leaseFiles = list(dir, "dnsmasq-*.leases");
            if (leaseFiles.isEmpty()) {
                absent(SnapshotFiles.DNSMASQ_LEASES, dir.resolve("dnsmasq-*.leases"));
                return;
            }
            StringBuilder all = new StringBuilder();
            for (Path leaseFile : leaseFiles) {
                try {
                    all.append(Files.readString(leaseFile, StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                    missing.put(SnapshotFiles.DNSMASQ_LEASES, leaseFile + " cannot be read: " + e.getMessage());
                    return;
                }
            }
            files.put(SnapshotFiles.DNSMASQ_LEASES, all.toString());
        }

        /**
         * A dnsmasq started by hand: its {@code --conf-dir} (where its dhcp-host lines are) and, when
         * NetworkManager has no lease file, its own lease file.
         */
        void byHand() {
            Optional<DnsmasqProcess> process = Optional.ofNullable(files.get(SnapshotFiles.DNSMASQ_PROCESSES)).flatMap(DnsmasqProcess::byHand);
            if (process.isEmpty()) {
                return;
            }
            process.get().confDir().map(HostSnapshotCollector.this::onHost).ifPresent(dir -> {
                for (Path file : list(dir, "*")) {
                    file(SnapshotFiles.DNSMASQ_CONF_DIR + "/" + file.getFileName(), file);
                }
            });
            if (absent.contains(SnapshotFiles.DNSMASQ_LEASES)) {
                Path leases = onHost(process.get().leaseFile().orElse(DnsmasqProcess.DEFAULT_LEASE_FILE));
                if (Files.exists(leases)) {
                    absent.remove(SnapshotFiles.DNSMASQ_LEASES);
                    missing.remove(SnapshotFiles.DNSMASQ_LEASES);
                    file(SnapshotFiles.DNSMASQ_LEASES, leases);
                }
            }
        }

        void sharedDir(Path dir) {
            if (!Files.isDirectory(dir)) {
                absent(SnapshotFiles.DNSMASQ_SHARED_DIR, dir);
                return;
            }
            for (Path file : list(dir, "*")) {
                file(SnapshotFiles.DNSMASQ_SHARED_DIR + "/" + file.getFileName(), file);
            }
        }
    }

    /** An absolute path on the captured host, under {@code root}. */
    private Path onHost(String absolute) {
        return root.resolve(absolute.replaceFirst("^/+", ""));
    }

    private static List<Path> list(Path dir, String glob) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> result = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(p -> {
                if (Files.isRegularFile(p)) {
                    result.add(p);
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        Collections.sort(result);
        return result;
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }

    /** Files copied from disk keep their bytes (ISO-8859-1); command output is UTF-8. */
    private static Charset charsetOf(String name) {
        boolean fromDisk = name.equals(SnapshotFiles.BOOTPTAB) || name.equals(SnapshotFiles.DHCPD_LEASES)
                || name.equals(SnapshotFiles.DNSMASQ_LEASES) || name.startsWith(SnapshotFiles.DNSMASQ_SHARED_DIR + "/")
                || name.startsWith(SnapshotFiles.DNSMASQ_CONF_DIR + "/");
        return fromDisk ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
    }

    /** Writes a capture folder that {@link #readFolder} reads back to the same snapshot. */
    public static void writeFolder(HostSnapshot snapshot, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : snapshot.files().entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), charsetOf(file.getKey()));
        }
        if (!snapshot.absentOnHost().isEmpty()) {
            Files.writeString(dir.resolve(SnapshotFiles.ABSENT), String.join("\n", new TreeSet<>(snapshot.absentOnHost())) + "\n");
        }
        StringBuilder missing = new StringBuilder();
        new java.util.TreeMap<>(snapshot.missingReasons()).forEach((name, reason) -> {
            if (!name.equals(SnapshotFiles.RACK)) {
                missing.append(name).append('\t').append(reason.replace('\n', ' ')).append('\n');
            }
        });
        if (missing.length() > 0) {
            Files.writeString(dir.resolve(SnapshotFiles.MISSING), missing.toString());
        }
        if (snapshot.rack().isPresent()) {
            Files.writeString(dir.resolve(SnapshotFiles.RACK), RackJson.toJson(snapshot.rack().get()));
        }
    }

    /** Reads a capture folder; every expected file that is not there gets a SKIP reason. */
    public static HostSnapshot readFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        boolean linux = Stream.of(SnapshotFiles.IP_ADDR, SnapshotFiles.NMCLI_CONNECTIONS, SnapshotFiles.DNSMASQ_LEASES,
                SnapshotFiles.DNSMASQ_SHARED_DIR).anyMatch(n -> Files.exists(dir.resolve(n)))
                && Stream.of(SnapshotFiles.IFCONFIG, SnapshotFiles.NAT_PLIST, SnapshotFiles.BOOTPTAB).noneMatch(n -> Files.exists(dir.resolve(n)));
        Platform platform = linux ? Platform.LINUX : Platform.MACOS;
        Map<String, String> files = new LinkedHashMap<>();
        Map<String, String> missing = new LinkedHashMap<>();
        Set<String> absent = new TreeSet<>();
        Path absentList = dir.resolve(SnapshotFiles.ABSENT);
        if (Files.exists(absentList)) {
            Files.readAllLines(absentList).stream().map(String::strip).filter(s -> !s.isEmpty()).forEach(absent::add);
        }
        Map<String, String> captureReasons = new LinkedHashMap<>();
        Path missingList = dir.resolve(SnapshotFiles.MISSING);
        if (Files.exists(missingList)) {
            for (String line : Files.readAllLines(missingList)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    captureReasons.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        for (String name : linux ? SnapshotFiles.LINUX : SnapshotFiles.MACOS) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                files.put(name, Files.readString(file, charsetOf(name)));
            } else {
                String fallback = absent.contains(name) ? name + " does not exist on the captured machine" : name + " is not in " + dir;
                missing.put(name, captureReasons.getOrDefault(name, fallback));
            }
        }
        if (linux) {
            Path shared = dir.resolve(SnapshotFiles.DNSMASQ_SHARED_DIR);
            List<Path> sharedFiles = list(shared, "*");
            for (Path file : sharedFiles) {
                String name = SnapshotFiles.DNSMASQ_SHARED_DIR + "/" + file.getFileName();
                files.put(name, Files.readString(file, charsetOf(name)));
            }
            if (!Files.isDirectory(shared)) {
                missing.put(SnapshotFiles.DNSMASQ_SHARED_DIR, SnapshotFiles.DNSMASQ_SHARED_DIR + "/ is not in " + dir);
            }
            for (Path file : list(dir.resolve(SnapshotFiles.DNSMASQ_CONF_DIR), "*")) {
                String name = SnapshotFiles.DNSMASQ_CONF_DIR + "/" + file.getFileName();
                files.put(name, Files.readString(file, charsetOf(name)));
            }
        }
        Optional<RackSpec> rack = Optional.empty();
        Path rackFile = dir.resolve(SnapshotFiles.RACK);
        if (Files.isRegularFile(rackFile)) {
            rack = Optional.of(RackJson.read(rackFile));
        } else {
            missing.put(SnapshotFiles.RACK, SnapshotFiles.RACK + " is not in " + dir + ", so the per-Pi checks cannot run");
        }
        return new HostSnapshot(platform, files, missing, absent, rack);
    }
}
