package io.pirack.app;

import io.pirack.core.validate.FieldProblem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes one JSON document (settings, rack spec). Writes are atomic (temp file + move),
 * so a crash never leaves half a file.
 *
 * <p>Reading never changes the file. A file that is not UTF-8, not JSON, or whose values fail the
 * validator gives the defaults plus {@link Loaded#problems()}, each with its line and field, for the
 * caller to show. While the file on disk has problems {@link #save} refuses to overwrite it: the
 * caller either leaves it for the user to fix or calls {@link #moveAside()} first (the app's
 * "Start with an empty rack"; the settings file, which the app rewrites on every change).
 */
public final class JsonFileStore<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonFileStore.class);

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /**
     * One thing wrong with the file.
     *
     * @param line  1-based line in the file, or 0 when no line applies (empty file)
     * @param field the field as written in the file ({@code slots[1].hostname}), or null for the file as a whole
     */
    public record Problem(int line, String field, String message) {
        public String describe() {
            String where = (line > 0 ? "line " + line : "") + (field == null ? "" : (line > 0 ? ", " : "") + field);
            return where.isEmpty() ? message : where + ": " + message;
        }
    }

    /** What was loaded (the defaults when the file has problems), and what is wrong with the file. */
    public record Loaded<T>(T value, String fileName, List<Problem> problems) {
        public Loaded {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }

        /** One sentence for the presenter, or null when the file was fine. */
        public String problem() {
            if (ok()) {
                return null;
            }
            String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
            return fileName + " " + problems.get(0).describe() + more + ".";
        }
    }

    private final Path file;
    private final Class<T> type;
    private final Supplier<T> defaults;
    private final Clock clock;
    private final JsonMapper mapper;
    private final UnaryOperator<JsonNode> upgrade;
    private final Function<T, List<FieldProblem>> validator;

    public JsonFileStore(Path file, Class<T> type, Supplier<T> defaults, Clock clock) {
        this(file, type, defaults, clock, MAPPER, UnaryOperator.identity(), value -> List.of());
    }

    /**
     * @param upgrade   turns a document written by an older PiRack into the current shape before it is bound
     * @param validator the problems of a bound value, by field; a value with problems is not used
     */
    public JsonFileStore(Path file, Class<T> type, Supplier<T> defaults, Clock clock, JsonMapper mapper,
                         UnaryOperator<JsonNode> upgrade, Function<T, List<FieldProblem>> validator) {
        this.file = file;
        this.type = type;
        this.defaults = defaults;
        this.clock = clock;
        this.mapper = mapper;
        this.upgrade = upgrade;
        this.validator = validator;
    }

    public Path file() {
        return file;
    }

    /** Reads the file without changing it; a missing file gives the defaults without complaint. */
    public Loaded<T> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return loaded(defaults.get(), List.of());
        } catch (IOException e) {
            return loaded(defaults.get(), List.of(new Problem(0, null, "cannot be read: " + e.getMessage())));
        }
        return parse(bytes);
    }

    private Loaded<T> parse(byte[] bytes) {
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CoderResult result = utf8.decode(in, chars, true);
        if (result.isError()) {
            int at = in.position();
            return failed(new Problem(lineAt(bytes, at), null, String.format("byte 0x%02X is not UTF-8; save the file as UTF-8",
                    bytes[at] & 0xff)));
        }
        String text = chars.flip().toString();
        Map<String, Integer> lines;
        JsonNode tree;
        try {
            lines = lines(text);
            tree = mapper.readTree(text);
        } catch (JacksonException e) {
            return failed(new Problem(line(e.getLocation()), null, "is not valid JSON: " + e.getOriginalMessage()));
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return failed(new Problem(0, null, "is empty"));
        }
        T value;
        try {
            value = mapper.treeToValue(upgrade.apply(tree), type);
        } catch (JacksonException e) {
            String field = field(e.getPath());
            return failed(new Problem(lineOf(lines, field), field, e.getOriginalMessage()));
        } catch (IllegalArgumentException | NullPointerException e) {
            return failed(new Problem(0, null, "cannot be used: " + e.getMessage()));
        }
        List<Problem> problems = validator.apply(value).stream()
                .map(p -> new Problem(lineOf(lines, p.field()), p.field(), p.message()))
                .toList();
        return problems.isEmpty() ? loaded(value, List.of()) : failed(problems.toArray(Problem[]::new));
    }

    private Loaded<T> loaded(T value, List<Problem> problems) {
        return new Loaded<>(value, file.getFileName().toString(), problems);
    }

    private Loaded<T> failed(Problem... problems) {
        return loaded(defaults.get(), List.of(problems));
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int line(TokenStreamLocation location) {
        return location == null ? 0 : Math.max(0, location.getLineNr());
    }

    /** The line of every property and array element, by JSON pointer ({@code /slots/1/hostname}). */
    private Map<String, Integer> lines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = mapper.createParser(text)) {
            while (parser.nextToken() != null) {
                lines.putIfAbsent(parser.streamReadContext().pathAsPointer().toString(), line(parser.currentTokenLocation()));
            }
        }
        return lines;
    }

    /** {@code slots[1].hostname} → the line of {@code /slots/1/hostname}, or of the nearest enclosing field. */
    private static int lineOf(Map<String, Integer> lines, String field) {
        if (field == null) {
            return 0;
        }
        String pointer = "/" + field.replace("[", "/").replace("]", "").replace('.', '/');
        while (!pointer.isEmpty()) {
            Integer line = lines.get(pointer);
            if (line != null) {
                return line;
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return 0;
    }

    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }

    /**
     * Keeps the file as {@code <name>.<time>.bak} so the next save starts fresh.
     *
     * @return the backup, or null when there was no file
     */
    public Path moveAside() throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant());
        Path backup = file.resolveSibling(file.getFileName() + "." + stamp + ".bak");
        return Files.move(file, backup, StandardCopyOption.REPLACE_EXISTING);
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

    /**
     * Loads the file the app is about to rewrite on every change (settings): a file with problems is
     * kept as {@code .bak} first, and the problem says where it went.
     */
    public Loaded<T> loadForRewriting() {
        Loaded<T> loaded = load();
        if (loaded.ok()) {
            return loaded;
        }
        String kept;
        try {
            Path backup = moveAside();
            kept = backup == null ? "" : " It was kept as " + backup.getFileName();
        } catch (IOException e) {
            kept = " It could not be kept aside (" + e.getMessage() + ")";
        }
        Problem first = loaded.problems().get(0);
        List<Problem> problems = new java.util.ArrayList<>(loaded.problems());
        problems.set(0, new Problem(first.line(), first.field(), first.message() + "; PiRack started with defaults." + kept));
        return new Loaded<>(loaded.value(), loaded.fileName(), problems);
    }

    /** @throws IOException also when the file on disk has problems: it is the user's to fix, or to {@link #moveAside()} */
    public void save(T value) throws IOException {
        if (Files.exists(file)) {
            Loaded<T> onDisk = load();
            if (!onDisk.ok()) {
                throw new IOException(onDisk.problem() + " PiRack does not overwrite it; fix it or start with an empty one");
            }
        }
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, mapper.writeValueAsString(value));
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
