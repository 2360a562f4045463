package io.pirack.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.ConflictPolicy;
import io.pirack.core.net.Fixtures;
import io.pirack.core.net.StaticLease;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticLeaseWriterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T07:15:00Z"), ZoneOffset.UTC);
    private static final List<StaticLease> LEASES = List.of(
            new StaticLease("rpi1", MacAddress.parse("dc:a6:32:00:00:01").orThrow(), Ipv4Address.of("192.168.2.101")),
            new StaticLease("rpi2", MacAddress.parse("dc:a6:32:00:00:02").orThrow(), Ipv4Address.of("192.168.2.102")));

    @TempDir
    Path tmp;
    Path root;
    Path bin;
    Path log;
    Path bootptab;
    byte[] original;

    @BeforeEach
    void booth() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        bin = Files.createDirectories(tmp.resolve("bin"));
        log = tmp.resolve("argv.log");
        bootptab = Files.createDirectories(root.resolve("etc")).resolve("bootptab");
        original = Fixtures.text("macos/bootptab.seed-article").replace("rpi", "lab").replace("192.168.2.10", "192.168.2.5").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(bootptab, original);
    }

    private StaticLeaseWriter macWriter(Path osascript, List<String> reload) {
        return macWriter(osascript, reload, new java.util.concurrent.atomic.AtomicBoolean());
    }

    private StaticLeaseWriter macWriter(Path osascript, List<String> reload, java.util.concurrent.atomic.AtomicBoolean reloadOwed) {
        return new StaticLeaseWriter(root, StaticLeaseWriter.Target.BOOTPTAB,
                PrivilegedRunner.osascript(new SystemProcessRunner(), osascript.toString(), StandIns.TIMEOUT), CLOCK, reload, reloadOwed);
    }

    private List<String> etcListing() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("etc"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void oneAdministratorPromptBacksUpWritesAtomicallyAndReloads() throws Exception {
        Path reloaded = tmp.resolve("reloaded");
        Path reload = StandIns.script(bin, "launchctl", "printf '%s\\n' \"$@\" > '" + reloaded + "'\n");
        StaticLeaseWriter writer = macWriter(StandIns.osascript(bin, log), List.of(reload.toString(), "kickstart", "-kp", "system/com.apple.bootpd"));

        StaticLeaseWriter.Outcome outcome = writer.write(LEASES, ConflictPolicy.REFUSE);

        String expected = new String(original, StandardCharsets.ISO_8859_1)
                + "# BEGIN PiRack entries (managed by PiRack; edits inside this block are replaced)\n"
                + "rpi1\t1\tdc:a6:32:00:00:01\t192.168.2.101\nrpi2\t1\tdc:a6:32:00:00:02\t192.168.2.102\n# END PiRack entries\n";
        assertEquals(expected, Files.readString(bootptab, StandardCharsets.ISO_8859_1));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(bootptab)));
        Path backup = root.resolve("etc/.bootptab.pirack-backup-20261126-071500");
        assertEquals(java.util.Optional.of(backup), outcome.backup());
        assertArrayEquals(original, Files.readAllBytes(backup));
        assertEquals(List.of(".bootptab.pirack-backup-20261126-071500", "bootptab"), etcListing());
        assertEquals(List.of("kickstart", "-kp", "system/com.apple.bootpd"), Files.readAllLines(reloaded));

        List<String> argv = StandIns.logged(log);
        assertEquals(List.of("-e", "on run argv"), argv.subList(0, 2));
        assertTrue(argv.contains("set command to command & \" \" & quoted form of (anArgument as text)"), argv.toString());
        int command = argv.indexOf("/bin/sh");
        assertEquals(List.of("-c"), argv.subList(command + 1, command + 2));
        assertTrue(argv.contains(bootptab.toString()), argv.toString());
    }

    @Test
    void cancelledPasswordPromptChangesNothing() throws Exception {
        StaticLeaseWriter writer = macWriter(StandIns.cancellingOsascript(bin, log), List.of());
        PrivilegeCancelledException e = assertThrows(PrivilegeCancelledException.class, () -> writer.write(LEASES, ConflictPolicy.REFUSE));
        assertEquals("the administrator password prompt was cancelled; nothing was changed", e.getMessage());
        assertArrayEquals(original, Files.readAllBytes(bootptab));
        assertEquals(List.of("bootptab"), etcListing());
    }

    @Test
    void invalidPlanNeverPromptsAndWritesNothing() throws Exception {
        Files.writeString(bootptab, "%%\nmine 1 dc:a6:32:0:0:1 192.168.2.9\n");
        StaticLeaseWriter writer = macWriter(StandIns.osascript(bin, log), List.of());
        ApplyException e = assertThrows(ApplyException.class, () -> writer.write(LEASES, ConflictPolicy.REFUSE));
        assertTrue(e.getMessage().startsWith("nothing was written: " + bootptab + ":2: error: entry 'mine dc:a6:32:00:00:01 192.168.2.9'"),
                e.getMessage());
        assertFalse(Files.exists(log));
        assertEquals("%%\nmine 1 dc:a6:32:0:0:1 192.168.2.9\n", Files.readString(bootptab));
    }

    @Test
    void unchangedFileNeedsNoPrompt() throws Exception {
        StaticLeaseWriter writer = macWriter(StandIns.osascript(bin, log), List.of());
        writer.write(LEASES, ConflictPolicy.REFUSE);
        Files.delete(log);
        StaticLeaseWriter.Outcome again = writer.write(LEASES, ConflictPolicy.REFUSE);
        assertFalse(again.changed());
        assertFalse(Files.exists(log));
    }

    @Test
    void missingBootptabIsCreatedWithoutBackup() throws Exception {
        Files.delete(bootptab);
        StaticLeaseWriter.Outcome outcome = macWriter(StandIns.osascript(bin, log), List.of()).write(LEASES, ConflictPolicy.REFUSE);
        assertTrue(Files.readString(bootptab).startsWith("%%\n# BEGIN PiRack"));
        assertEquals(java.util.Optional.empty(), outcome.backup());
    }

    @Test
    void failedReloadSaysTheFileWasWritten() throws Exception {
        Path failing = StandIns.script(bin, "launchctl-fails", "echo 'Could not kickstart service' >&2\nexit 5\n");
        StaticLeaseWriter writer = macWriter(StandIns.osascript(bin, log), List.of(failing.toString()));
        ApplyException e = assertThrows(ApplyException.class, () -> writer.write(LEASES, ConflictPolicy.REFUSE));
        assertTrue(e.getMessage().contains("was written (old copy in .bootptab.pirack-backup-20261126-071500) but the DHCP server could not "
                + "be reloaded: Could not kickstart service"), e.getMessage());
    }

    @Test
    void aHungReloadSaysWhatWasWrittenAndTheNextApplyRetriesTheReload() throws Exception {
        Path hangs = StandIns.script(bin, "launchctl-hangs", "exec sleep 600\n");
        Path reloaded = tmp.resolve("reloaded");
        Path works = StandIns.script(bin, "launchctl-works", "echo again > '" + reloaded + "'\n");
        java.util.concurrent.atomic.AtomicBoolean owed = new java.util.concurrent.atomic.AtomicBoolean();
        StaticLeaseWriter first = new StaticLeaseWriter(root, StaticLeaseWriter.Target.BOOTPTAB,
                PrivilegedRunner.osascript(new SystemProcessRunner(), StandIns.osascript(bin, log).toString(), java.time.Duration.ofSeconds(3)),
                CLOCK, List.of(hangs.toString()), owed);
        ApplyException e = assertThrows(ApplyException.class, () -> first.write(LEASES, ConflictPolicy.REFUSE));
        assertTrue(e.getMessage().startsWith(bootptab + " was written (old copy in .bootptab.pirack-backup-20261126-071500) but the DHCP "
                + "server reload did not finish"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Apply again to retry the reload"), e.getMessage());
        assertTrue(Files.readString(bootptab).contains("dc:a6:32:00:00:02"), "the file was written");

        StaticLeaseWriter.Outcome again = macWriter(StandIns.osascript(bin, log), List.of(works.toString()), owed)
                .write(LEASES, ConflictPolicy.REFUSE);
        assertFalse(again.changed());
        assertTrue(again.reloadRetried());
        assertEquals(bootptab + " was already up to date; the DHCP server was reloaded again", again.describe());
        assertEquals(List.of("again"), Files.readAllLines(reloaded));
        assertFalse(owed.get(), "nothing is owed any more");
    }

    @Test
    void linuxWritesPiRacksDhcpHostFileThroughPkexec() throws Exception {
        StaticLeaseWriter writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.DNSMASQ_HOSTS,
                PrivilegedRunner.pkexec(new SystemProcessRunner(), StandIns.pkexec(bin, log).toString(), StandIns.TIMEOUT), CLOCK, List.of());
        writer.write(LEASES, ConflictPolicy.REFUSE);
        Path conf = root.resolve("etc/NetworkManager/dnsmasq-shared.d/pirack.conf");
        assertEquals("# Written by PiRack: fixed addresses for the rack's Pis. Edits here are replaced.\n"
                + "dhcp-host=dc:a6:32:00:00:01,id:*,192.168.2.101,rpi1\n"
                + "dhcp-host=dc:a6:32:00:00:02,id:*,192.168.2.102,rpi2\n", Files.readString(conf));
        assertEquals("/bin/sh", StandIns.logged(log).get(0));
    }

    @Test
    void dismissedPolkitDialogChangesNothing() throws Exception {
        StaticLeaseWriter writer = new StaticLeaseWriter(root, StaticLeaseWriter.Target.DNSMASQ_HOSTS,
                PrivilegedRunner.pkexec(new SystemProcessRunner(), StandIns.dismissedPkexec(bin).toString(), StandIns.TIMEOUT), CLOCK, List.of());
        assertThrows(PrivilegeCancelledException.class, () -> writer.write(LEASES, ConflictPolicy.REFUSE));
        assertFalse(Files.exists(root.resolve("etc/NetworkManager")));
    }

    @Test
    void reloadCommandForLinuxTakesOnlyAConnectionUuid() {
        assertEquals(List.of("nmcli", "connection", "up", "3c0b5a2e-8f3e-4d8b-9d0a-2f6f4b1c9e11"),
                StaticLeaseWriter.reloadSharedConnection("3c0b5a2e-8f3e-4d8b-9d0a-2f6f4b1c9e11"));
        assertThrows(IllegalArgumentException.class, () -> StaticLeaseWriter.reloadSharedConnection("x; rm -rf /"));
    }
}
