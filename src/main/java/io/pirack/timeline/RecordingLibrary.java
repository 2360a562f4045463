package io.pirack.timeline;

import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RecordingRetention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The recordings folder: one sub-folder per session, named by its start time (UTC) and source
 * ({@code 2026-12-06_051213Z_rehearsal-rack-demo-tuned}), holding the session's recording files and a
 * {@code session.json} (source, start, the presenter's name for it, "keep", the cached run count).
 * Recording files left flat in the folder by an older PiRack are moved into sessions of their own.
 * All methods do file I/O: call them off the FX thread.
 */
public final class RecordingLibrary {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingLibrary.class);
    static final String META = "session.json";
    static final String EARLIER = "earlier PiRack (before sessions)";
    private static final DateTimeFormatter FOLDER_STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_NAME = 80;

    private final Path root;

    public RecordingLibrary(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** One recorded session; {@code runs} is empty until counted. */
    public record Session(String id, Path folder, Instant startedAt, String source, String name, long bytes, boolean keep,
                          Optional<Integer> runs) {
        /** What the list shows: the presenter's name, else the source. */
        public String title() {
            return name == null || name.isBlank() ? source : name;
        }
    }

    /** What {@code session.json} holds. */
    record Meta(Instant startedAt, String source, String name, Boolean keep, Integer runs, Long runsCountedAtBytes) {
        Meta with(String newName, Boolean newKeep, Integer newRuns, Long countedAt) {
            return new Meta(startedAt, source, newName, newKeep, newRuns, countedAt);
        }
    }

    /** The folder a session started at {@code at} from {@code source} records into (not created yet). */
    public Path folderFor(String source, Instant at) {
        return root.resolve(FOLDER_STAMP.format(at) + "_" + slug(source));
    }

    /**
     * Creates the session's folder and {@code session.json}, moves flat files of an older PiRack into
     * sessions, then applies {@code policy} to the other sessions. Returns the ids it deleted.
     */
    public List<String> startSession(Path folder, String source, Instant at, RecordingRetention.Policy policy) {
        try {
            migrateFlatFiles();
            Files.createDirectories(folder);
            if (!Files.exists(folder.resolve(META))) {
                writeMeta(folder, new Meta(at, source, null, false, null, null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a recording in " + folder + ": " + e.getMessage(), e);
        }
        return prune(policy, at, folder.getFileName().toString());
    }

    /** Deletes what {@code policy} says may go, never {@code currentId}. Returns the deleted ids. */
    public List<String> prune(RecordingRetention.Policy policy, Instant now, String currentId) {
        List<RecordingRetention.Session> seen = sessions().stream()
                .map(s -> new RecordingRetention.Session(s.id(), s.startedAt(), s.bytes(), s.keep(), s.id().equals(currentId)))
                .toList();
        List<String> deleted = new ArrayList<>();
        for (String id : RecordingRetention.toDelete(seen, policy, now)) {
            try {
                deleteTree(root.resolve(id));
                deleted.add(id);
                LOG.info("recording session {} deleted by retention", id);
            } catch (IOException e) {
                LOG.warn("could not delete old recording session {}: {}", id, e.getMessage());
            }
        }
        return deleted;
    }

    /** Every session, newest first. */
    public List<Session> sessions() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Session> sessions = new ArrayList<>();
        try (Stream<Path> entries = Files.list(root)) {
            for (Path folder : entries.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                session(folder).ifPresent(sessions::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list recordings in " + root + ": " + e.getMessage(), e);
        }
        sessions.sort(Comparator.comparing(Session::startedAt).reversed());
        return sessions;
    }

    /** A session folder: one with a {@code session.json} or with recording files in it. */
    private Optional<Session> session(Path folder) {
        List<Path> files = RecordingFiles.list(folder);
        Path metaFile = folder.resolve(META);
        if (files.isEmpty() && !Files.isRegularFile(metaFile)) {
            return Optional.empty();
        }
        Meta meta = readMeta(folder).orElseGet(() -> new Meta(startOf(files), EARLIER, null, false, null, null));
        long bytes = files.stream().mapToLong(RecordingLibrary::size).sum();
        Optional<Integer> runs = meta.runs() != null && meta.runsCountedAtBytes() != null && meta.runsCountedAtBytes() == bytes
                ? Optional.of(meta.runs()) : Optional.empty();
        return Optional.of(new Session(folder.getFileName().toString(), folder, meta.startedAt(), meta.source(), meta.name(),
                bytes, Boolean.TRUE.equals(meta.keep()), runs));
    }

    /**
     * The failover runs in a session (recording read and analysed; the count is kept in
     * {@code session.json} until the session grows). Zero for a session with no recorded changes.
     */
    public int countRuns(String id) {
        Session session = find(id);
        if (session.runs().isPresent()) {
            return session.runs().get();
        }
        List<RecordedEntry> entries = RecordingFiles.list(session.folder()).isEmpty() ? List.of()
                : RecordingReader.readFolder(session.folder(), warning -> { });
        int runs = entries.isEmpty() ? 0 : RecordingAnalysis.analyse(entries, FailoverSettings.kubernetesDefaults())
                .runs(RecordingAnalysis.end(entries)).size();
        updateMeta(session, m -> m.with(m.name(), m.keep(), runs, session.bytes()));
        return runs;
    }

    /** Gives the session a name of the presenter's choosing (the folder keeps its name). */
    public void rename(String id, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("A session's name cannot be empty.");
        }
        if (trimmed.length() > MAX_NAME) {
            throw new IllegalArgumentException("A session's name can be at most " + MAX_NAME + " characters, not " + trimmed.length() + ".");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A session's name cannot hold control characters such as line breaks.");
        }
        updateMeta(find(id), m -> m.with(trimmed, m.keep(), m.runs(), m.runsCountedAtBytes()));
    }

    /** Marks a session so retention never deletes it (or lifts the mark). */
    public void setKeep(String id, boolean keep) {
        updateMeta(find(id), m -> m.with(m.name(), keep, m.runs(), m.runsCountedAtBytes()));
    }

    /** Deletes a session's folder and everything in it. */
    public void delete(String id) {
        Session session = find(id);
        try {
            deleteTree(session.folder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + session.folder() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves recording files an older PiRack wrote straight into the recordings folder into one session
     * folder per run of the app (each run's first file is numbered 0001).
     */
    public void migrateFlatFiles() throws IOException {
        List<Path> flat = RecordingFiles.list(root);
        List<List<Path>> groups = new ArrayList<>();
        for (Path file : flat) {
            if (groups.isEmpty() || file.getFileName().toString().endsWith("-0001" + RecordingFiles.SUFFIX)) {
                groups.add(new ArrayList<>());
            }
            groups.get(groups.size() - 1).add(file);
        }
        for (List<Path> group : groups) {
            Instant start = startOf(group);
            Path folder = folderFor(EARLIER, start);
            Files.createDirectories(folder);
            for (Path file : group) {
                Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            }
            if (!Files.exists(folder.resolve(META))) {
                writeMeta(folder, new Meta(start, EARLIER, null, false, null, null));
            }
            LOG.info("moved {} recording file(s) of an earlier PiRack into {}", group.size(), folder.getFileName());
        }
    }

    private Session find(String id) {
        Path folder = root.resolve(id).normalize();
        if (!folder.getParent().equals(root.normalize()) || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("There is no recorded session " + id + " any more.");
        }
        return session(folder).orElseThrow(() -> new IllegalArgumentException("There is no recorded session " + id + " any more."));
    }

    private void updateMeta(Session session, java.util.function.UnaryOperator<Meta> change) {
        Meta meta = readMeta(session.folder()).orElseGet(() -> new Meta(session.startedAt(), session.source(), null, false, null, null));
        try {
            writeMeta(session.folder(), change.apply(meta));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + session.folder().resolve(META) + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Meta> readMeta(Path folder) {
        Path file = folder.resolve(META);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Meta meta = TimelineJson.MAPPER.readValue(Files.readString(file), Meta.class);
            return meta.startedAt() == null || meta.source() == null ? Optional.empty() : Optional.of(meta);
        } catch (IOException | JacksonException e) {
            LOG.warn("{} is unreadable ({}); the session is listed from its files", file, e.getMessage());
            return Optional.empty();
        }
    }

    /** Written beside and moved over, so a crash never leaves half a {@code session.json}. */
    private static void writeMeta(Path folder, Meta meta) throws IOException {
        Path temp = folder.resolve(META + ".tmp");
        Files.writeString(temp, TimelineJson.MAPPER.writeValueAsString(meta));
        Files.move(temp, folder.resolve(META), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The first file's header time, else its modification time. */
    private static Instant startOf(List<Path> files) {
        if (files.isEmpty()) {
            return Instant.EPOCH;
        }
        Path first = files.get(0);
        try (Stream<String> lines = Files.lines(first)) {
            String header = lines.findFirst().orElse("");
            RecordingWriter.Header h = TimelineJson.MAPPER.readValue(header, RecordingWriter.Header.class);
            if (h.startedAt() != null) {
                return h.startedAt();
            }
        } catch (IOException | JacksonException | UncheckedIOException e) {
            LOG.debug("no header time in {}: {}", first, e.getMessage());
        }
        try {
            return Files.getLastModifiedTime(first).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    static String slug(String source) {
        String slug = source.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "session" : slug;
    }

    /** Deletes a folder tree without following links out of it. */
    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
