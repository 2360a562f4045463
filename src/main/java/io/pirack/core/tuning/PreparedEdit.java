package io.pirack.core.tuning;

/**
 * An edit read from a Pi and computed, ready to show as a diff and to apply.
 *
 * @param pi         the Pi the file is on, by the name the presenter knows it (its rack hostname)
 * @param backupPath where the current file will be copied before it is replaced
 */
public record PreparedEdit(String pi, ConfigEditPlan plan, FileEdit edit, String backupPath) {
}
