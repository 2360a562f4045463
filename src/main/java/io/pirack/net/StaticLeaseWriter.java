package io.pirack.net;

import io.pirack.core.net.BootptabFile;
import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.DnsmasqHostsFile;
import io.pirack.core.net.RenderedFile;
import io.pirack.core.net.StaticLease;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the laptop's static DHCP leases with one administrator prompt: render, stage in a private
 * temp file, then as root: timestamped backup, copy next to the target, chmod 0644, atomic rename,
 * and reload the DHCP server. A cancelled prompt or any failure before the rename leaves the old
 * file exactly as it was.
 */
public final class StaticLeaseWriter {

    /** Which file PiRack owns its entries in. */
    public enum Target {
        /** macOS: PiRack's block in /etc/bootptab, every other line kept. */
        BOOTPTAB("etc/bootptab"),
        /** Linux: PiRack's own dhcp-host file in NetworkManager's dnsmasq-shared.d. */
        DNSMASQ_HOSTS(HostSnapshotCollector.DNSMASQ_SHARED_PATH + "/" + DnsmasqHostsFile.FILE_NAME);

        private final String relativePath;

        Target(String relativePath) {
            this.relativePath = relativePath;
        }
    }

    /** bootpd re-reads bootptab only at start: restart the on-demand job. */
    public static final List<String> RELOAD_BOOTPD = List.of("/bin/launchctl", "kickstart", "-kp", "system/com.apple.bootpd");

    /** Linux: re-activating the shared connection restarts its dnsmasq, which reads conf-dir again. */
    public static List<String> reloadSharedConnection(String connectionUuid) {
        if (!connectionUuid.matches("[0-9a-fA-F-]{36}")) {
            throw new IllegalArgumentException("not a NetworkManager connection UUID: " + connectionUuid);
        }
        return List.of("nmcli", "connection", "up", connectionUuid);
    }

    /**
     * Runs as root. $1 staged file, $2 target, $3 backup, $4 temp name beside the target, then the
     * reload command. Exit 3: the file is in place but the reload failed.
     */
    static final String INSTALL_SCRIPT = String.join("\n",
            "set -eu",
            "staged=$1; target=$2; backup=$3; tmp=$4; shift 4",
            "trap 'rm -f \"$tmp\"' EXIT",
            "mkdir -p \"$(dirname \"$target\")\"",
            "if [ -e \"$target\" ]; then cp -p \"$target\" \"$backup\"; fi",
            "cp \"$staged\" \"$tmp\"",
            "chmod 0644 \"$tmp\"",
            "mv -f \"$tmp\" \"$target\"",
            "if [ \"$#\" -gt 0 ]; then \"$@\" || exit 3; fi");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path root;
    private final Target target;
    private final PrivilegedRunner privileged;
    private final Clock clock;
    private final List<String> reloadCommand;
    private final AtomicBoolean reloadOwed;

    /**
     * @param root          filesystem root ("/" in the app, a temp folder in tests)
     * @param reloadCommand argv that makes the DHCP server re-read the file (empty: none)
     */
    public StaticLeaseWriter(Path root, Target target, PrivilegedRunner privileged, Clock clock, List<String> reloadCommand) {
        this(root, target, privileged, clock, reloadCommand, new AtomicBoolean());
    }

    /**
     * @param reloadOwed set when the file was written but the reload did not finish; the next write
     *                   then reloads even if the file is already up to date (share it between writers)
     */
    public StaticLeaseWriter(Path root, Target target, PrivilegedRunner privileged, Clock clock, List<String> reloadCommand,
                             AtomicBoolean reloadOwed) {
        this.root = root;
        this.target = target;
        this.privileged = privileged;
        this.clock = clock;
        this.reloadCommand = List.copyOf(reloadCommand);
        this.reloadOwed = reloadOwed;
    }

    public Path targetPath() {
        return root.resolve(target.relativePath);
    }

    /** What would be written, without writing it. */
    public RenderedFile render(List<StaticLease> leases, ConflictPolicy policy) throws IOException {
        if (target == Target.DNSMASQ_HOSTS) {
            return new RenderedFile(DnsmasqHostsFile.render(leases), List.of());
        }
        Path file = targetPath();
        BootptabFile current = Files.exists(file) ? BootptabFile.of(Files.readAllBytes(file)) : BootptabFile.empty();
        return current.render(leases, policy);
    }

    /**
     * What happened: whether the file changed, where the old one was saved, and whether an
     * unchanged file's owed reload was run again.
     */
    public record Outcome(boolean changed, Optional<Path> backup, Path target, boolean reloadRetried) {

        /** One sentence for the presenter: what changed on disk. */
        public String describe() {
            if (changed) {
                return "Wrote " + target + backup.map(b -> " (old copy: " + b.getFileName() + ")").orElse("");
            }
            return target + " was already up to date" + (reloadRetried ? "; the DHCP server was reloaded again" : "");
        }
    }

    public Outcome write(List<StaticLease> leases, ConflictPolicy policy) throws ApplyException, PrivilegeCancelledException {
        Path file = targetPath();
        RenderedFile rendered;
        byte[] before;
        try {
            rendered = render(leases, policy);
            before = Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new ApplyException("cannot read " + file + ": " + e.getMessage() + "; nothing was written");
        }
        if (!rendered.ok()) {
            throw new ApplyException("nothing was written: " + rendered.problems().get(0).format(file.toString()), rendered.problems());
        }
        if (before != null && Arrays.equals(before, rendered.bytes())) {
            if (reloadOwed.get() && !reloadCommand.isEmpty()) {
                retryReload(file);
                return new Outcome(false, Optional.empty(), file, true);
            }
            return new Outcome(false, Optional.empty(), file, false);
        }
        String fileName = file.getFileName().toString();
        String stamp = STAMP.format(clock.instant());
        // Dot names: dnsmasq's conf-dir skips them, so neither copy is read as configuration.
        Path backup = file.resolveSibling("." + fileName + ".pirack-backup-" + stamp);
        Path temp = file.resolveSibling("." + fileName + ".pirack-new");
        Path staged = null;
        try {
            staged = Files.createTempFile("pirack-" + fileName, ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            Files.write(staged, rendered.bytes());
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", INSTALL_SCRIPT, "pirack-install",
                    staged.toString(), file.toString(), backup.toString(), temp.toString()));
            command.addAll(reloadCommand);
            ProcessResult result;
            try {
                result = privileged.run(command);
            } catch (IOException e) {
                if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), rendered.bytes())) {
                    // The install went through and the reload hung: say what is on disk, and owe the reload.
                    reloadOwed.set(true);
                    throw new ApplyException(file + " was written" + (before == null ? "" : " (old copy in " + backup.getFileName() + ")")
                            + " but the DHCP server reload did not finish (" + e.getMessage() + "); Apply again to retry the reload");
                }
                throw e;
            }
            boolean written = Files.exists(file) && Arrays.equals(Files.readAllBytes(file), rendered.bytes());
            if (result.exitCode() == 3 && written) {
                reloadOwed.set(true);
                throw new ApplyException(file + " was written (old copy in " + backup.getFileName()
                        + ") but the DHCP server could not be reloaded: " + detail(result) + "; Apply again to retry the reload");
            }
            if (result.exitCode() != 0 || !written) {
                throw new ApplyException("writing " + file + " failed" + (result.exitCode() != 0 ? " (exit " + result.exitCode() + "): "
                        + detail(result) : ": the file does not hold the new content") + "; the old file is unchanged");
            }
            reloadOwed.set(false);
            return new Outcome(true, before == null ? Optional.empty() : Optional.of(backup), file, false);
        } catch (IOException e) {
            throw new ApplyException("could not run the administrator step: " + e.getMessage() + "; nothing was written");
        } finally {
            deleteQuietly(staged);
        }
    }

    /** The file is right but its reload is owed: run only the reload, behind the administrator prompt. */
    private void retryReload(Path file) throws ApplyException, PrivilegeCancelledException {
        ProcessResult result;
        try {
            result = privileged.run(reloadCommand);
        } catch (IOException e) {
            throw new ApplyException(file + " is up to date but the DHCP server reload did not finish again (" + e.getMessage()
                    + "); Apply again to retry the reload");
        }
        if (result.exitCode() != 0) {
            throw new ApplyException(file + " is up to date but the DHCP server could not be reloaded: " + detail(result)
                    + "; Apply again to retry the reload");
        }
        reloadOwed.set(false);
    }

    private static String detail(ProcessResult result) {
        return (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // A leftover private temp file is harmless; the OS cleans its temp folder.
        }
    }
}
