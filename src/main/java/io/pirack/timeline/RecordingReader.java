package io.pirack.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * Reads recordings written by {@link RecordingWriter}. A folder is read oldest file first; only the
 * oldest file's checkpoint is kept (the later ones repeat what the stream already said). The last line
 * of the newest file may be cut short by a crash and is then skipped; any other bad line is an error
 * naming the file and line.
 */
public final class RecordingReader {

    private RecordingReader() {
    }

    /** Every entry of every recording file in {@code folder}, in recording order. */
    public static List<RecordedEntry> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new RecordingFormatException(folder + " is not a folder");
        }
        List<Path> files = RecordingFiles.list(folder);
        if (files.isEmpty()) {
            throw new RecordingFormatException("no PiRack recordings (" + RecordingFiles.PREFIX + "*"
                    + RecordingFiles.SUFFIX + ") in " + folder);
        }
        List<RecordedEntry> entries = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            boolean first = i == 0;
            read(files.get(i), i == files.size() - 1).stream()
                    .filter(e -> first || !e.isCheckpoint())
                    .forEach(entries::add);
        }
        return entries;
    }

    /** The entries of one recording file; a truncated last line is skipped. */
    public static List<RecordedEntry> readFile(Path file) {
        return read(file, true);
    }

    private static List<RecordedEntry> read(Path file, boolean mayBeCutShort) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new RecordingFormatException(file.getFileName() + " is empty, not a PiRack recording");
        }
        checkHeader(file, lines.get(0));
        List<RecordedEntry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(TimelineJson.MAPPER.readValue(line, RecordedEntry.class));
            } catch (JacksonException e) {
                if (mayBeCutShort && i == lines.size() - 1) {
                    break; // the app stopped in the middle of writing this line
                }
                throw new RecordingFormatException(file.getFileName() + " line " + (i + 1)
                        + ": not a recording entry (" + e.getOriginalMessage() + ")");
            }
        }
        return entries;
    }

    private static void checkHeader(Path file, String line) {
        RecordingWriter.Header header;
        try {
            header = TimelineJson.MAPPER.readValue(line, RecordingWriter.Header.class);
        } catch (JacksonException e) {
            header = null;
        }
        if (header == null || !RecordingWriter.HEADER_FORMAT.equals(header.format())) {
            throw new RecordingFormatException(file.getFileName() + " line 1: not a PiRack recording header");
        }
        if (header.version() > RecordingWriter.HEADER_VERSION) {
            throw new RecordingFormatException(file.getFileName() + " is recording format version "
                    + header.version() + "; this PiRack reads up to version " + RecordingWriter.HEADER_VERSION);
        }
    }
}
