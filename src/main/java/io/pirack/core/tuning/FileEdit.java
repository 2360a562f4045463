package io.pirack.core.tuning;

import java.util.List;

/**
 * The planned new content of one file, next to the old one, with a line per change in words.
 *
 * @param before null when the file does not exist yet
 */
public record FileEdit(String path, String before, String after, List<String> changes) {

    public FileEdit {
        changes = List.copyOf(changes);
    }

    public boolean unchanged() {
        return after.equals(before);
    }

    public boolean createsFile() {
        return before == null;
    }

    /** A unified diff for the confirmation dialog. */
    public String diff() {
        return LineDiff.unified(path, before == null ? "" : before, after);
    }
}
