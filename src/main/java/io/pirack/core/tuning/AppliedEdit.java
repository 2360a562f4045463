package io.pirack.core.tuning;

import java.util.Optional;

/**
 * A file PiRack changed on a Pi, with what is needed to put it back.
 *
 * @param pi             the Pi the file is on, by the name the presenter knows it (its rack hostname)
 * @param backupPath     the byte-for-byte copy of the old file; empty when PiRack created the file
 * @param restartProblem why restarting after the write failed, if it did (the file is changed either way)
 */
public record AppliedEdit(String pi, String path, Optional<String> backupPath, String tempPath,
                          RestartAction restart, boolean changed, Optional<String> restartProblem) {
}
