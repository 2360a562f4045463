package io.pirack.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/** Names of recording files: sortable by name in the order they were written. */
final class RecordingFiles {

    static final String PREFIX = "pirack-recording-";
    static final String SUFFIX = ".jsonl";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);

    private RecordingFiles() {
    }

    static String name(Instant startedAt, long sequence) {
        return PREFIX + STAMP.format(startedAt) + "-" + String.format("%04d", sequence) + SUFFIX;
    }

    static boolean isRecording(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX) && Files.isRegularFile(file);
    }

    /** The recording files in a folder, oldest first. */
    static List<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(RecordingFiles::isRecording).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list recordings in " + folder + ": " + e.getMessage(), e);
        }
    }
}
