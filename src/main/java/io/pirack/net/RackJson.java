package io.pirack.net;

import io.pirack.core.rack.RackSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@code rack.json} (the rack spec) with Jackson 3. */
public final class RackJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private RackJson() {
    }

    public static RackSpec parse(String json) throws IOException {
        try {
            return MAPPER.readValue(json, RackSpec.class);
        } catch (JacksonException e) {
            throw new IOException("rack.json is not a valid rack spec: " + e.getOriginalMessage(), e);
        }
    }

    public static RackSpec read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static String toJson(RackSpec rack) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rack) + "\n";
    }
}
