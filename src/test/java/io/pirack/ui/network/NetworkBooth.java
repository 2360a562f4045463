package io.pirack.ui.network;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.Fixtures;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.app.SessionNetworkBackend;
import io.pirack.core.rack.RackSpec;
import io.pirack.net.BoothNetwork;
import io.pirack.net.SnapshotSource;
import io.pirack.net.HostSnapshotCollector;
import io.pirack.net.ProcessRunner;
import io.pirack.net.SystemProcessRunner;
import io.pirack.core.rack.PiSlot;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fixture booth for the Network screen: a capture folder built from the shared fixtures (rpi1 at
 * its fixed address, rpi2 still dynamic and missing from bootptab), the same bootptab under a temp
 * root, and a stand-in {@code osascript} run as a real process in place of {@code /usr/bin/osascript}.
 */
final class NetworkBooth {

    /** The seed bootptab without rpi2's line, so check 3 fails and Apply has something to write. */
    static final String BOOTPTAB = Fixtures.text("macos/bootptab.seed-article").replace("rpi2 1 b8:27:eb:a1:5f:5a 192.168.2.102 boot\n", "");

    final Path folder;
    final Path root;
    final Path bootptab;
    final Path osascriptLog;
    private final Path bin;
    final List<String> commands = new ArrayList<>();
    private HostSnapshot.Platform platform = HostSnapshot.Platform.MACOS;

    NetworkBooth(Path dir) throws IOException {
        folder = Files.createDirectories(dir.resolve("capture"));
        root = Files.createDirectories(dir.resolve("root"));
        bin = Files.createDirectories(dir.resolve("bin"));
        osascriptLog = dir.resolve("osascript.log");
        Map<String, String> files = BoothSnapshots.macOsFiles();
        files.put(SnapshotFiles.BOOTPTAB, BOOTPTAB);
        HostSnapshot snapshot = new HostSnapshot(HostSnapshot.Platform.MACOS, files, Map.of(), java.util.Set.of(), Optional.empty());
        HostSnapshotCollector.writeFolder(snapshot, folder);
        bootptab = Files.createDirectories(root.resolve("etc")).resolve("bootptab");
        Files.write(bootptab, BOOTPTAB.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The presenter cancels the password dialog: osascript's own error and exit status. */
    void cancelPrompt() throws IOException {
        osascript("printf '%s\\n' \"$@\" > '" + osascriptLog + "'\n"
                + "echo '0:212: execution error: User canceled. (-128)' >&2\nexit 1\n");
    }

    /**
     * The presenter types the password: runs the command as given, with bootpd's kickstart replaced
     * by {@code true} (there is no launchd here); fails like osascript does.
     */
    void acceptPrompt() throws IOException {
        osascript("printf '%s\\n' \"$@\" > '" + osascriptLog + "'\n"
                + "while [ \"$1\" = -e ]; do shift 2; done\n"
                + "args=(); for a in \"$@\"; do [ \"$a\" = /bin/launchctl ] && a=/bin/true; args+=(\"$a\"); done\n"
                + "err=$(\"${args[@]}\" 2>&1 >/dev/null); status=$?\n"
                + "if [ $status -ne 0 ]; then echo \"0:312: execution error: $err ($status)\" >&2; exit 1; fi\n");
    }

    /** Linux: the polkit dialog is dismissed (pkexec exits 126). */
    void dismissPkexec() throws IOException {
        standIn("pkexec", "printf '%s\\n' \"$@\" > '" + osascriptLog + "'\n"
                + "echo 'Error executing command as another user: Request dismissed' >&2\nexit 126\n");
    }

    /** A Linux laptop sharing eth0 through NetworkManager, with no PiRack dhcp-host file yet. */
    void captureLinux() throws IOException {
        Map<String, String> files = Map.of(
                SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt"),
                SnapshotFiles.NMCLI_CONNECTIONS, Fixtures.text("written/nmcli-connections.txt"),
                SnapshotFiles.DNSMASQ_LEASES, Fixtures.text("linux/dnsmasq-eth0.leases"));
        HostSnapshot snapshot = new HostSnapshot(HostSnapshot.Platform.LINUX, files, Map.of(), java.util.Set.of(SnapshotFiles.DNSMASQ_SHARED_DIR),
                Optional.empty());
        for (String name : SnapshotFiles.MACOS) {
            Files.deleteIfExists(folder.resolve(name));
        }
        HostSnapshotCollector.writeFolder(snapshot, folder);
        platform = HostSnapshot.Platform.LINUX;
    }

    private void osascript(String body) throws IOException {
        standIn("osascript", body);
    }

    private void standIn(String name, String body) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Real processes, with the stand-in osascript in place of /usr/bin/osascript; other commands are recorded. */
    ProcessRunner runner() {
        SystemProcessRunner system = new SystemProcessRunner();
        return (argv, stdin, timeout) -> {
            if (argv.get(0).equals("/usr/bin/osascript") || argv.get(0).equals("pkexec")) {
                List<String> swapped = new ArrayList<>(argv);
                swapped.set(0, bin.resolve(argv.get(0).equals("pkexec") ? "pkexec" : "osascript").toString());
                return system.run(swapped, stdin, timeout);
            }
            commands.add(String.join(" ", argv));
            return new io.pirack.net.ProcessResult(0, "", "", false);
        };
    }

    BoothNetwork network(RemoteShell shell) {
        return network(shell, BoothNetwork::defaultTarget);
    }

    /** Every Pi answers the reachability probe; SSH goes wherever {@code targets} says. */
    BoothNetwork network(RemoteShell shell, BiFunction<PiSlot, String, SshTarget> targets) {
        return new BoothNetwork(runner(), root, platform, Optional.of(shell), (host, port, timeout) -> true,
                Clock.systemUTC(), duration -> { }, targets);
    }

    /** The screen's model over the real backend, reading the capture folder (not remembered, not the rehearsal rack). */
    NetworkViewModel model(BoothNetwork network, Supplier<RackSpec> rack, Consumer<RackSpec> save) {
        return new NetworkViewModel(new SessionNetworkBackend(network, SnapshotSource.folder(folder), rack, save, () -> false, Map::of,
                Optional.empty()), Runnable::run, Runnable::run);
    }

    byte[] bootptabBytes() throws IOException {
        return Files.readAllBytes(bootptab);
    }
}
