package io.pirack.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import tools.jackson.core.JacksonException;

/**
 * Reads recordings written by {@link RecordingWriter}. A folder is read oldest file first; only the
 * oldest file's checkpoint is kept (the later ones repeat what the stream already said). The last line
 * of any file may be cut short by a crash (a crashed session followed by the next one) and is then
 * skipped with a warning naming the file and line; any other bad line, and bytes that are not UTF-8,
 * are an error naming the file and line.
 */
public final class RecordingReader {

    private RecordingReader() {
    }

    /** Every entry of every recording file in {@code folder}, in recording order. */
    public static List<RecordedEntry> readFolder(Path folder) {
        return readFolder(folder, warning -> { });
    }

    /** As {@link #readFolder(Path)}; each skipped cut-off line is told to {@code warnings} in one sentence. */
    public static List<RecordedEntry> readFolder(Path folder, Consumer<String> warnings) {
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
            read(files.get(i), warnings).stream()
                    .filter(e -> first || !e.isCheckpoint())
                    .forEach(entries::add);
        }
        return entries;
    }

    /** The entries of one recording file; a truncated last line is skipped. */
    public static List<RecordedEntry> readFile(Path file) {
        return read(file, warning -> { });
    }

    private static List<RecordedEntry> read(Path file, Consumer<String> warnings) {
        List<String> lines = lines(file);
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
                if (i == lines.size() - 1) {
                    // The app stopped in the middle of writing this line (a crash ends a session's last file).
                    warnings.accept(file.getFileName() + " line " + (i + 1) + " was cut off (PiRack stopped while writing it)"
                            + " and was skipped.");
                    break;
                }
                throw new RecordingFormatException(file.getFileName() + " line " + (i + 1)
                        + ": not a recording entry (" + e.getOriginalMessage() + ")");
            }
        }
        return entries;
    }

    /** The file's lines, decoded strictly: a byte that is not UTF-8 is reported with its line. */
    private static List<String> lines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recording " + file + ": " + e.getMessage(), e);
        }
        CharBuffer chars = CharBuffer.allocate(bytes.length);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in, chars, true);
        if (result.isError()) {
            int at = in.position();
            long line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new RecordingFormatException(file.getFileName() + " line " + line + ": byte "
                    + String.format("0x%02X", bytes[at] & 0xff) + " is not UTF-8, so this is not a PiRack recording");
        }
        return chars.flip().toString().lines().toList();
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
