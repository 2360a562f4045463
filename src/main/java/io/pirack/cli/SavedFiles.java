package io.pirack.cli;

import io.pirack.app.AppPaths;
import io.pirack.app.JsonFileStore;
import io.pirack.app.RackFiles;
import io.pirack.core.rack.RackSpec;
import java.time.Clock;

/**
 * What the CLI reads from the app's folder. Read-only: a file with problems is never moved, fixed or
 * rewritten; the command stops with the problem and exit code {@link #UNUSABLE_FILE}.
 */
final class SavedFiles {

    /** Exit code when a saved file cannot be used (same as a usage error: the input is wrong). */
    static final int UNUSABLE_FILE = 2;

    /** A saved file the command needs has problems; picocli prints the message and exits with {@link #UNUSABLE_FILE}. */
    static final class UnusableFileException extends RuntimeException {
        UnusableFileException(String message) {
            super(message);
        }
    }

    private SavedFiles() {
    }

    /** The presenter's rack ({@code rack.json}); an empty rack when there is none yet. */
    static RackSpec rack() {
        JsonFileStore.Loaded<RackSpec> loaded = RackFiles.store(AppPaths.detect().rackFile(), RackSpec::empty,
                Clock.systemUTC()).load();
        if (!loaded.ok()) {
            throw new UnusableFileException(loaded.problem() + " Fix it in " + AppPaths.detect().rackFile()
                    + " (PiRack left it unchanged).");
        }
        return loaded.value();
    }
}
