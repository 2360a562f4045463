package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code rack.json} and {@code rehearsal-rack.json}: checked by {@link RackSpec#problems()} as they
 * are read, so a bad value is reported with its line and field when the file is loaded, not when a plug is pulled.
 */
public final class RackFiles {

    private RackFiles() {
    }

    public static JsonFileStore<RackSpec> store(Path file, Supplier<RackSpec> defaults, Clock clock) {
        return new JsonFileStore<>(file, RackSpec.class, defaults, clock, JsonFileStore.MAPPER, RackFiles::upgrade,
                RackSpec::problems);
    }

    /** Files from before the dead-man delay was stored get the default delay, not 0 (which is refused). */
    static JsonNode upgrade(JsonNode tree) {
        if (tree instanceof ObjectNode rack && !rack.has("deadManSeconds")) {
            ObjectNode upgraded = rack.deepCopy();
            upgraded.put("deadManSeconds", RackSpec.DEFAULT_DEAD_MAN_SECONDS);
            return upgraded;
        }
        return tree;
    }
}
