package io.pirack.app;

import io.pirack.core.settings.Settings;
import java.nio.file.Path;
import java.time.Clock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How {@link Settings} is stored in {@code settings.json}: nested groups, enums as their words
 * ({@code "sim"}, {@code "demo-tuned"}); an unknown word reads as null and {@link Settings#normalised()}
 * repairs it. Files written before the groups existed (one flat object) are read into the groups.
 */
public final class SettingsJson {

    static final JsonMapper MAPPER = JsonFileStore.MAPPER.rebuild()
            .enable(EnumFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(EnumFeature.READ_ENUMS_USING_TO_STRING)
            .enable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .build();

    private SettingsJson() {
    }

    public static JsonFileStore<Settings> store(Path file, Clock clock) {
        return new JsonFileStore<>(file, Settings.class, Settings::defaults, clock, MAPPER, SettingsJson::upgrade,
                settings -> java.util.List.of());
    }

    /** Reads the flat layout into groups and fills every field the file does not have from the defaults. */
    static JsonNode upgrade(JsonNode tree) {
        if (!(tree instanceof ObjectNode file)) {
            return tree;
        }
        ObjectNode merged = MAPPER.valueToTree(Settings.defaults());
        ObjectNode grouped = isFlat(file) ? grouped(file) : file;
        for (String group : merged.propertyNames()) {
            if (grouped.get(group) instanceof ObjectNode given) {
                ((ObjectNode) merged.get(group)).setAll(given);
            }
        }
        return merged;
    }

    private static boolean isFlat(ObjectNode file) {
        return !(file.has("cluster") || file.has("rehearsal") || file.has("operator") || file.has("booth"));
    }

    /** The layout before the groups: every field at the top level. */
    private static ObjectNode grouped(ObjectNode flat) {
        ObjectNode nested = MAPPER.createObjectNode();
        move(flat, nested.putObject("cluster"), "source", "source", "kubeconfig", "kubeconfig", "context", "context");
        move(flat, nested.putObject("rehearsal"), "simPreset", "preset", "simPis", "pis", "simTimeScale", "timeScale");
        move(flat, nested.putObject("operator"), "confirmPulls", "confirmPulls", "lastView", "lastView",
                "hideSystemPods", "hideSystemPods");
        move(flat, nested.putObject("booth"), "audienceScreen", "audienceScreen", "kioskPinHash", "kioskPinHash");
        return nested;
    }

    private static void move(ObjectNode from, ObjectNode to, String... oldAndNewNames) {
        for (int i = 0; i < oldAndNewNames.length; i += 2) {
            JsonNode value = from.get(oldAndNewNames[i]);
            if (value != null) {
                to.set(oldAndNewNames[i + 1], value);
            }
        }
    }
}
