package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.Fixtures;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.SnapshotFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostSnapshotCollectorTest {

    @TempDir
    Path tmp;

    /** Answers each command from a table; anything else is "not installed". */
    private static ProcessRunner table(Map<String, ProcessResult> answers, List<String> ran) {
        return (argv, stdin, timeout) -> {
            String line = String.join(" ", argv);
            ran.add(line);
            ProcessResult result = answers.get(argv.get(0));
            if (result == null) {
                throw new IOException("Cannot run program \"" + argv.get(0) + "\": error=2, No such file or directory");
            }
            return result;
        };
    }

    @Test
    void liveMacOsCaptureRunsTheCommandsAndReadsFilesUnderTheRoot() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/bootptab"), Fixtures.text("macos/bootptab.seed-article"), StandardCharsets.ISO_8859_1);
        Files.createDirectories(root.resolve("Library/Preferences/SystemConfiguration"));
        Files.writeString(root.resolve(HostSnapshotCollector.NAT_PLIST_PATH), "binary plist");
        List<String> ran = new ArrayList<>();
        ProcessRunner runner = table(Map.of(
                "ifconfig", new ProcessResult(0, Fixtures.text("macos/ifconfig-bridge100.sharing-on.txt"), "", false),
                "arp", new ProcessResult(0, Fixtures.text("macos/arp-an.txt"), "", false),
                "plutil", new ProcessResult(0, Fixtures.text("macos/com.apple.nat.plist"), "", false),
                "launchctl", new ProcessResult(113, "", Fixtures.text("written/launchctl-networksharing.missing.txt"), false),
                "sw_vers", new ProcessResult(1, "", "sw_vers: boom\nmore", false)), ran);

        HostSnapshot snapshot = new HostSnapshotCollector(runner, root, Duration.ofSeconds(5))
                .collect(HostSnapshot.Platform.MACOS, Optional.of(BoothSnapshots.rack()));

        assertEquals("plutil -convert xml1 -o - " + root.resolve(HostSnapshotCollector.NAT_PLIST_PATH), ran.get(2));
        assertEquals(Fixtures.text("macos/bootptab.seed-article"), snapshot.file(SnapshotFiles.BOOTPTAB).orElseThrow());
        assertTrue(snapshot.absent(SnapshotFiles.DHCPD_LEASES));
        assertTrue(snapshot.file(SnapshotFiles.LAUNCHCTL_SHARING).orElseThrow().contains("Could not find service"));
        assertEquals("'sw_vers' failed (exit 1): sw_vers: boom", snapshot.missingReason(SnapshotFiles.SW_VERS));
    }

    @Test
    void commandsThatCannotRunAreReasonsNotCrashes() {
        HostSnapshot snapshot = new HostSnapshotCollector(table(Map.of(), new ArrayList<>()), tmp, Duration.ofSeconds(5))
                .collect(HostSnapshot.Platform.LINUX, Optional.empty());
        assertEquals("ip is not installed on this computer", snapshot.missingReason(SnapshotFiles.IP_ADDR));
        assertTrue(snapshot.absent(SnapshotFiles.NMCLI_CONNECTIONS), "no nmcli means no NetworkManager to share with");
        assertTrue(snapshot.absent(SnapshotFiles.DNSMASQ_SHARED_DIR));
        assertTrue(snapshot.absent(SnapshotFiles.DNSMASQ_LEASES));
    }

    @Test
    void linuxCaptureReadsLeaseFilesAndTheSharedDir() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve(HostSnapshotCollector.NM_LEASES_DIR));
        Files.writeString(root.resolve(HostSnapshotCollector.NM_LEASES_DIR).resolve("dnsmasq-eth0.leases"),
                Fixtures.text("linux/dnsmasq-eth0.leases"));
        Files.createDirectories(root.resolve(HostSnapshotCollector.DNSMASQ_SHARED_PATH));
        Files.writeString(root.resolve(HostSnapshotCollector.DNSMASQ_SHARED_PATH).resolve("pirack.conf"), "dhcp-host=x\n");
        HostSnapshot snapshot = new HostSnapshotCollector(table(Map.of(), new ArrayList<>()), root, Duration.ofSeconds(5))
                .collect(HostSnapshot.Platform.LINUX, Optional.empty());
        assertEquals(Fixtures.text("linux/dnsmasq-eth0.leases"), snapshot.file(SnapshotFiles.DNSMASQ_LEASES).orElseThrow());
        assertEquals("dhcp-host=x\n", snapshot.file("dnsmasq-shared.d/pirack.conf").orElseThrow());
    }

    @Test
    void aDnsmasqStartedByHandHasItsConfDirAndLeaseFileCaptured() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("run/lab/conf.d"));
        Files.writeString(root.resolve("run/lab/conf.d/pirack-hosts.conf"), "dhcp-host=b8:27:eb:77:00:01,id:*,rpi1,10.77.0.11\n");
        Files.writeString(root.resolve("run/lab/dnsmasq.leases"), "1733470000 b8:27:eb:77:00:01 10.77.0.11 rpi1 *\n");
        String pgrep = "4242 dnsmasq --keep-in-foreground --interface=pirack-lab0 --dhcp-range=10.77.0.100,10.77.0.199,60m "
                + "--dhcp-leasefile=/run/lab/dnsmasq.leases --conf-dir=/run/lab/conf.d,.conf\n";
        HostSnapshot snapshot = new HostSnapshotCollector(table(Map.of("pgrep", new ProcessResult(0, pgrep, "", false)), new ArrayList<>()),
                root, Duration.ofSeconds(5)).collect(HostSnapshot.Platform.LINUX, Optional.empty());

        assertEquals("dhcp-host=b8:27:eb:77:00:01,id:*,rpi1,10.77.0.11\n",
                snapshot.file(SnapshotFiles.DNSMASQ_CONF_DIR + "/pirack-hosts.conf").orElseThrow());
        assertEquals("1733470000 b8:27:eb:77:00:01 10.77.0.11 rpi1 *\n", snapshot.file(SnapshotFiles.DNSMASQ_LEASES).orElseThrow(),
                "NetworkManager has no lease file here, so the hand-run dnsmasq's own is read");
        Path folder = tmp.resolve("captured");
        HostSnapshotCollector.writeFolder(snapshot, folder);
        assertEquals(snapshot.file(SnapshotFiles.DNSMASQ_CONF_DIR + "/pirack-hosts.conf"),
                HostSnapshotCollector.readFolder(folder).file(SnapshotFiles.DNSMASQ_CONF_DIR + "/pirack-hosts.conf"));
    }

    @Test
    void captureFolderRoundTripsByteForByte() throws IOException {
        Map<String, String> files = BoothSnapshots.macOsFiles();
        files.put(SnapshotFiles.BOOTPTAB, files.get(SnapshotFiles.BOOTPTAB) + "# caf\u00e9 \u00ff\n");
        files.remove(SnapshotFiles.DHCPD_LEASES);
        HostSnapshot snapshot = new HostSnapshot(HostSnapshot.Platform.MACOS, files, Map.of(), Set.of(SnapshotFiles.DHCPD_LEASES),
                Optional.of(BoothSnapshots.rack()));
        Path dir = tmp.resolve("capture");
        HostSnapshotCollector.writeFolder(snapshot, dir);
        HostSnapshot back = HostSnapshotCollector.readFolder(dir);
        assertEquals(snapshot.files(), back.files());
        assertEquals(snapshot.absentOnHost(), back.absentOnHost());
        assertEquals(snapshot.rack(), back.rack());
        assertEquals(HostSnapshot.Platform.MACOS, back.platform());
        assertEquals("dhcpd_leases does not exist on the captured machine", back.missingReason(SnapshotFiles.DHCPD_LEASES));
    }

    @Test
    void linuxFolderIsRecognised() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("linux"));
        Files.writeString(dir.resolve(SnapshotFiles.IP_ADDR), Fixtures.text("written/ip-addr.txt"));
        Files.createDirectories(dir.resolve(SnapshotFiles.DNSMASQ_SHARED_DIR));
        Files.writeString(dir.resolve(SnapshotFiles.DNSMASQ_SHARED_DIR).resolve("pirack.conf"), "dhcp-host=a\n");
        HostSnapshot snapshot = HostSnapshotCollector.readFolder(dir);
        assertEquals(HostSnapshot.Platform.LINUX, snapshot.platform());
        assertEquals("dhcp-host=a\n", snapshot.file("dnsmasq-shared.d/pirack.conf").orElseThrow());
    }
}
