package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.net.BoothSnapshots;
import io.pirack.core.net.SnapshotFiles;
import io.pirack.net.RackJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DoctorCommandTest {

    @TempDir
    Path dir;

    private void captureBooth() throws IOException {
        for (Map.Entry<String, String> file : BoothSnapshots.macOsFiles().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.ISO_8859_1);
        }
        Files.writeString(dir.resolve(SnapshotFiles.RACK), RackJson.toJson(BoothSnapshots.rack()));
    }

    @Test
    void doctorFromACapturedBoothPrintsOneLinePerCheckAndFailsOnTheDynamicPi() throws IOException {
        captureBooth();
        CliRun run = CliRun.of("doctor", "--from", dir.toString());
        assertEquals(String.join("\n",
                "This computer: macOS · Internet Sharing · 192.168.2.0/24",
                "PASS internet-sharing Internet Sharing is on for en12 and its service is running",
                "PASS sharing-bridge bridge100 has 192.168.2.1/24 with member en12",
                "PASS rack-subnet the rack plans 192.168.2.0/24, the subnet this computer shares",
                "PASS vm-network no virtual machine network on this computer",
                "PASS bootptab 2 entries load, one per rack Pi",
                "PASS pi-address:rpi1 rpi1 is at its planned address 192.168.2.101",
                "FAIL pi-address:rpi2 rpi2 is at 192.168.2.7, not at its planned 192.168.2.102",
                "     fix: Release and rebind its DHCP lease (a renew keeps the old address)",
                "PASS client-id no lease uses a non-MAC client identifier",
                "SKIP pi-ssh offline (--from): the SSH checks need the live Pis",
                "SKIP api-server offline (--from): the SSH checks need the live Pis",
                "SKIP pi-internet offline (--from): the SSH checks need the live Pis",
                "1 failure, 0 warnings: work down the fixes above, then run pirack doctor again.") + "\n", run.out());
        assertEquals(1, run.exitCode());
    }

    @Test
    void doctorExitsZeroWhenNothingFails() throws IOException {
        captureBooth();
        Files.writeString(dir.resolve(SnapshotFiles.ARP), BoothSnapshots.ARP_WITH_PIS.replace("192.168.2.7", "192.168.2.102"));
        CliRun run = CliRun.of("doctor", "--from", dir.toString());
        assertEquals(0, run.exitCode(), run.out());
    }

    @Test
    void missingFilesInTheFolderSkipTheirChecks() throws IOException {
        captureBooth();
        Files.delete(dir.resolve(SnapshotFiles.BOOTPTAB));
        Files.delete(dir.resolve(SnapshotFiles.RACK));
        CliRun run = CliRun.of("doctor", "--from", dir.toString());
        assertTrue(run.out().contains("SKIP bootptab bootptab is not in " + dir + "\n"), run.out());
        assertTrue(run.out().contains("SKIP pi-address rack.json is not in " + dir + ", so the per-Pi checks cannot run\n"), run.out());
        assertEquals(0, run.exitCode());
    }

    @Test
    void jsonOutputCarriesEvidenceFixAndAction() throws IOException {
        captureBooth();
        CliRun run = CliRun.of("doctor", "--from", dir.toString(), "--json");
        JsonNode root = JsonMapper.builder().build().readTree(run.out());
        assertTrue(root.get("failed").asBoolean());
        assertEquals("macOS · Internet Sharing · 192.168.2.0/24", root.get("host").asString());
        JsonNode rpi2 = root.get("checks").get(6);
        assertEquals("pi-address:rpi2", rpi2.get("id").asString());
        assertEquals("FAIL", rpi2.get("status").asString());
        assertEquals("release-rebind:rpi2", rpi2.get("actionId").asString());
        assertEquals("ARP: b8:27:eb:a1:5f:5a at 192.168.2.7", rpi2.get("evidence").get(0).asString());
        assertEquals(1, run.exitCode());
    }

    @Test
    void unreadableFolderIsAPlainMessage() {
        CliRun run = CliRun.of("doctor", "--from", dir.resolve("missing").toString());
        assertEquals(2, run.exitCode());
        assertEquals("pirack doctor: " + dir.resolve("missing") + " is not a folder\n", run.err());
    }

    @Test
    void collectedFolderGivesTheSameOfflineVerdicts() throws IOException {
        Path capture = dir.resolve("capture");
        Path emptyRoot = Files.createDirectories(dir.resolve("root"));
        CliRun live = CliRun.of("doctor", "--root", emptyRoot.toString(), "--collect", capture.toString(),
                "--settings-dir", dir.resolve("settings").toString());
        CliRun offline = CliRun.of("doctor", "--from", capture.toString());
        List<String> liveLines = live.out().lines().filter(l -> !l.matches("\\S+ (pi-ssh|api-server|pi-internet|pi-address).*")).toList();
        List<String> offlineLines = offline.out().lines().filter(l -> !l.matches("\\S+ (pi-ssh|api-server|pi-internet|pi-address).*")).toList();
        assertEquals(liveLines, offlineLines);
        assertTrue(live.err().startsWith("Captured into " + capture), live.err());
        assertTrue(live.out().lines().allMatch(l -> l.matches("(PASS|WARN|FAIL|SKIP) \\S+ .+|This computer: .+|     fix: .+|\\d+ failures?, .+")),
                live.out());
    }

    @Test
    void collectAndFromTogetherAreRefused() {
        CliRun run = CliRun.of("doctor", "--from", dir.toString(), "--collect", dir.toString());
        assertEquals(2, run.exitCode());
    }
}
