package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void corruptFileIsMovedAsideAndDefaultsAreUsedAndTheUserIsTold() throws Exception {
        Files.writeString(dir.resolve("settings.json"), "{\"source\": \"sim\", \"simPis\": ");
        JsonFileStore.Loaded<Settings> loaded = settings().load();
        assertEquals(Settings.defaults(), loaded.value());
        assertNotNull(loaded.problem());
        assertTrue(loaded.problem().contains("settings.json could not be read"), loaded.problem());
        assertTrue(Files.exists(dir.resolve("settings.json.20261126-093000.bak")), "the broken file is kept for inspection");
        assertTrue(Files.notExists(dir.resolve("settings.json")));
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
