package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.rack.RackSpec;
import io.pirack.core.settings.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileStoreTest {

    @TempDir
    Path dir;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T09:30:00Z"), ZoneOffset.UTC);

    private JsonFileStore<Settings> settings() {
        return SettingsJson.store(dir.resolve("settings.json"), clock);
    }

    @Test
    void settingsSurviveARoundTrip() throws Exception {
        Settings changed = Settings.defaults().withCluster(Settings.Cluster.kubeconfig("/home/p/.kube/config", "booth"))
                .withLastView("timeline").withConfirmPulls(false)
                .withRehearsal(Settings.Rehearsal.defaults().withPreset(Settings.SimPreset.KUBERNETES_DEFAULTS));
        settings().save(changed);
        JsonFileStore.Loaded<Settings> loaded = settings().load();
        assertEquals(changed, loaded.value());
        assertNull(loaded.problem());
    }

    @Test
    void rackSpecWithReorderedSlotsSurvivesARoundTrip() throws Exception {
        JsonFileStore<RackSpec> store = new JsonFileStore<>(dir.resolve("rack.json"), RackSpec.class, () -> RackSpec.rehearsal(4), clock);
        RackSpec moved = RackSpec.rehearsal(4).moveSlot(3, 0);
        store.save(moved);
        assertEquals(List.of("rpi4", "rpi1", "rpi2", "rpi3"),
                store.load().value().slots().stream().map(s -> s.hostname()).toList());
    }

    @Test
    void missingFileGivesDefaultsWithoutComplaint() {
        JsonFileStore.Loaded<Settings> loaded = settings().load();
        assertEquals(Settings.defaults(), loaded.value());
        assertNull(loaded.problem());
    }

    @Test
    void aCorruptSettingsFileIsKeptAsideBeforeTheAppRewritesItAndTheUserIsTold() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"source\": \"sim\", \"simPis\": ");
        JsonFileStore.Loaded<Settings> loaded = settings().loadForRewriting();
        assertEquals(Settings.defaults(), loaded.value());
        assertTrue(loaded.problem().startsWith("settings.json line 1: is not valid JSON"), loaded.problem());
        assertTrue(loaded.problem().contains("kept as settings.json.20261126-093000.bak"), loaded.problem());
        assertTrue(Files.exists(dir.resolve("settings.json.20261126-093000.bak")), "the broken file is kept for inspection");
        assertTrue(Files.notExists(dir.resolve("settings.json")));
    }

    private JsonFileStore<RackSpec> rack() {
        return RackFiles.store(dir.resolve("rack.json"), RackSpec::empty, clock);
    }

    @Test
    void aBadRackValueIsReportedWithItsLineAndFieldAndTheFileIsLeftAlone() throws Exception {
        RackSpec good = RackSpec.rehearsal(3);
        rack().save(good);
        String text = Files.readString(dir.resolve("rack.json")).replace("\"rpi2\"", "\"rpi1;touch /tmp/x\"");
        Files.writeString(dir.resolve("rack.json"), text);
        int line = 1 + (int) text.substring(0, text.indexOf("rpi1;touch")).chars().filter(c -> c == '\n').count();
        JsonFileStore.Loaded<RackSpec> loaded = rack().load();
        assertEquals(RackSpec.empty(), loaded.value());
        assertEquals(List.of(new JsonFileStore.Problem(line, "slots[1].hostname",
                "hostname 'rpi1;touch /tmp/x' is not a valid RFC 1123 name (letters, digits and '-', not starting or ending with '-')")),
                loaded.problems());
        assertTrue(loaded.problem().startsWith("rack.json line " + line + ", slots[1].hostname: "), loaded.problem());
        assertEquals(text, Files.readString(dir.resolve("rack.json")));
        assertThrows(java.io.IOException.class, () -> rack().save(RackSpec.empty()), "a bad file is never overwritten");
        assertEquals(text, Files.readString(dir.resolve("rack.json")));
    }

    @Test
    void oneLatin1ByteIsReportedWithItsLine() throws Exception {
        byte[] latin1 = "{\n  \"name\": \"Caf\u00e9 rack\",\n  \"slots\": []\n}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("rack.json"), latin1);
        JsonFileStore.Loaded<RackSpec> loaded = rack().load();
        assertEquals("rack.json line 2: byte 0xE9 is not UTF-8; save the file as UTF-8.", loaded.problem());
        assertArrayEquals(latin1, Files.readAllBytes(dir.resolve("rack.json")));
    }

    @Test
    void aRackFileWrittenBeforeTheDeadManDelayExistedGetsTheDefault() throws Exception {
        Files.writeString(dir.resolve("rack.json"), "{\"name\": \"old\", \"slots\": [], \"subnet\": \"192.168.2.0/24\", "
                + "\"defaultPlugMethod\": \"STOP_AGENT\"}");
        JsonFileStore.Loaded<RackSpec> loaded = rack().load();
        assertTrue(loaded.ok(), loaded.problem());
        assertEquals(RackSpec.DEFAULT_DEAD_MAN_SECONDS, loaded.value().deadManSeconds());
    }

    @Test
    void aWrongTypeIsReportedWithItsField() throws Exception {
        Files.writeString(dir.resolve("rack.json"), "{\"name\": \"x\",\n \"slots\": [],\n \"deadManSeconds\": \"soon\"}");
        JsonFileStore.Loaded<RackSpec> loaded = rack().load();
        assertEquals(3, loaded.problems().get(0).line());
        assertEquals("deadManSeconds", loaded.problems().get(0).field());
    }

    @Test
    void outOfRangeValuesFromAHandEditedFileAreRepaired() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"source\": \"bogus\", \"simPis\": 99, \"simTimeScale\": -3}");
        Settings loaded = settings().load().value().normalised();
        assertEquals(Settings.Source.SIM, loaded.cluster().source());
        assertEquals(4, loaded.rehearsal().pis());
        assertEquals(1.0, loaded.rehearsal().timeScale());
    }

    @Test
    void enumsAreStoredAsTheirWords() throws Exception {
        settings().save(Settings.defaults().withCluster(Settings.Cluster.kubeconfig("/k", null)));
        String text = Files.readString(dir.resolve("settings.json"));
        assertTrue(text.contains("\"kubeconfig\""), text);
        assertTrue(text.contains("\"demo-tuned\""), text);
    }

    @Test
    void aFlatFileFromAnEarlierVersionKeepsItsValues() throws Exception {
        Files.writeString(dir.resolve("settings.json"), """
                {"source": "kubeconfig", "kubeconfig": "/home/p/.kube/config", "context": "booth",
                 "simPreset": "kubernetes-defaults", "simPis": 6, "simTimeScale": 4.0, "confirmPulls": false,
                 "lastView": "timeline", "audienceScreen": 1, "kioskPinHash": "abc", "hideSystemPods": true}
                """);
        Settings loaded = settings().load().value().normalised();
        assertEquals(new Settings(Settings.Cluster.kubeconfig("/home/p/.kube/config", "booth"),
                new Settings.Rehearsal(Settings.SimPreset.KUBERNETES_DEFAULTS, 6, 4.0),
                new Settings.Operator(false, "timeline", true), new Settings.Booth(1, "abc")), loaded);
    }

    @Test
    void fieldsMissingFromAGroupTakeTheirDefaults() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"operator\": {\"lastView\": \"booth\"}}");
        Settings loaded = settings().load().value().normalised();
        assertTrue(loaded.operator().confirmPulls(), "a missing confirmPulls keeps asking before a pull");
        assertEquals("booth", loaded.operator().lastView());
        assertEquals(Settings.defaults().rehearsal(), loaded.rehearsal());
    }

    @Test
    void saveIsAtomicAndLeavesNoTemporaryFiles() throws Exception {
        settings().save(Settings.defaults());
        settings().save(Settings.defaults().withLastView("booth"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("settings.json"), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
