package io.pirack.tuning;

import io.pirack.core.tuning.RestartAction;
import io.pirack.ssh.SshTarget;
import java.util.Optional;

/**
 * A file PiRack changed on a Pi, with what is needed to put it back.
 *
 * @param backupPath     the byte-for-byte copy of the old file; empty when PiRack created the file
 * @param restartProblem why restarting after the write failed, if it did (the file is changed either way)
 */
public record AppliedEdit(SshTarget target, String path, Optional<String> backupPath, String tempPath,
                          RestartAction restart, boolean changed, Optional<String> restartProblem) {
}
