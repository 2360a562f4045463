package io.pirack.app;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes one JSON document (settings, rack spec). Writes are atomic (temp file + move),
 * so a crash never leaves half a file. A file that cannot be read is moved aside as {@code .bak}
 * and the defaults are used; {@link Loaded#problem()} says so, for the UI to tell the user.
 */
public final class JsonFileStore<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonFileStore.class);

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** What was loaded, and the problem with the file if the defaults had to be used. */
    public record Loaded<T>(T value, String problem) {
    }

    private final Path file;
    private final Class<T> type;
    private final Supplier<T> defaults;
    private final Clock clock;

    public JsonFileStore(Path file, Class<T> type, Supplier<T> defaults, Clock clock) {
        this.file = file;
        this.type = type;
        this.defaults = defaults;
        this.clock = clock;
    }

    public Path file() {
        return file;
    }

    public Loaded<T> load() {
        if (!Files.exists(file)) {
            return new Loaded<>(defaults.get(), null);
        }
        try {
            T value = MAPPER.readValue(Files.readString(file), type);
            if (value == null) {
                throw new IOException("the file is empty");
            }
            return new Loaded<>(value, null);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            String reason = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            Path backup = moveAside();
            String where = backup == null ? "" : " It was moved to " + backup.getFileName() + ".";
            return new Loaded<>(defaults.get(), file.getFileName() + " could not be read (" + reason
                    + "); PiRack started with defaults." + where);
        }
    }

    private Path moveAside() {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        Path backup = file.resolveSibling(file.getFileName() + "." + stamp + ".bak");
        try {
            return Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Saves off the calling thread; a failure is logged and handed to {@code onFailure} (on the
     * background thread) as one sentence.
     */
    public void saveInBackground(T value, Executor background, String what, Consumer<String> onFailure) {
        background.execute(() -> {
            try {
                save(value);
            } catch (IOException e) {
                LOG.warn("could not save {} to {}: {}", what, file, e.getMessage());
                onFailure.accept("Could not save " + what + ": " + e.getMessage());
            }
        });
    }

    public void save(T value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, MAPPER.writeValueAsString(value));
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
