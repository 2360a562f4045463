package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One file to change on a Pi: computes the new content from the old, re-reads and checks what it
 * produced, and says what must restart. Pure: the executor does the reading and writing.
 */
public interface ConfigEditPlan {

    DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    String path();

    /** "kube-controller-manager: --node-monitor-grace-period=20s" */
    String describe();

    RestartAction restart();

    /** Whether a missing file is fine (it will be created); otherwise a missing file is an error. */
    default boolean createsMissingFile() {
        return false;
    }

    /**
     * The new content, or why the file cannot be changed safely.
     *
     * @param before the current content, or null when the file does not exist
     */
    Validation<FileEdit> edit(String before);

    /**
     * A hidden, timestamped sibling of the file. Hidden because the kubelet loads every
     * non-hidden file in the static pod directory as a pod: a visible backup of a manifest
     * would start a second controller-manager.
     */
    default String backupPath(Instant at) {
        return backupPrefix() + BACKUP_STAMP.format(at);
    }

    /** Every backup of this file starts with this; the rest is the UTC timestamp. */
    default String backupPrefix() {
        return hiddenSibling(path(), ".pirack-backup-");
    }

    /** Whether {@code candidate} is a backup name this plan could have made (guards restore-from-list). */
    default boolean isBackupPath(String candidate) {
        String prefix = backupPrefix();
        return candidate.startsWith(prefix) && candidate.substring(prefix.length()).matches("\\d{8}T\\d{6}Z");
    }

    /** Where the new content is written before it is moved over the file (same directory, so the move is atomic). */
    default String tempPath() {
        return hiddenSibling(path(), ".pirack-new");
    }

    static String hiddenSibling(String path, String suffix) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "." + path.substring(slash + 1) + suffix;
    }
}
