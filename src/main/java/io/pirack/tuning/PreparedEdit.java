package io.pirack.tuning;

import io.pirack.core.tuning.ConfigEditPlan;
import io.pirack.core.tuning.FileEdit;
import io.pirack.ssh.SshTarget;

/**
 * An edit read from a Pi and computed, ready to show as a diff and to apply.
 *
 * @param backupPath where the current file will be copied before it is replaced
 */
public record PreparedEdit(SshTarget target, ConfigEditPlan plan, FileEdit edit, String backupPath) {
}
