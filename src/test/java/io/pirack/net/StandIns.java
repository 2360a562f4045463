package io.pirack.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

/** Stand-in privileged helpers (osascript, pkexec) as real executables, and a clock tests move by hand. */
final class StandIns {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StandIns() {
    }

    static Path script(Path dir, String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /**
     * osascript that logs its argv (one per line), skips the -e script lines and runs the rest as the
     * command, failing the way osascript does: exit 1 and "execution error: <stderr> (<status>)".
     */
    static Path osascript(Path dir, Path log) throws IOException {
        return script(dir, "osascript", "printf '%s\\n' \"$@\" > '" + log + "'\n"
                + "while [ \"$1\" = -e ]; do shift 2; done\n"
                + "err=$(\"$@\" 2>&1 >/dev/null); status=$?\n"
                + "if [ $status -ne 0 ]; then echo \"0:312: execution error: $err ($status)\" >&2; exit 1; fi\n");
    }

    /** osascript whose password dialog the presenter cancels. */
    static Path cancellingOsascript(Path dir, Path log) throws IOException {
        return script(dir, "osascript-cancel", "printf '%s\\n' \"$@\" > '" + log + "'\n"
                + "echo '0:212: execution error: User canceled. (-128)' >&2\nexit 1\n");
    }

    /** pkexec that logs its argv and runs it. */
    static Path pkexec(Path dir, Path log) throws IOException {
        return script(dir, "pkexec", "printf '%s\\n' \"$@\" > '" + log + "'\nexec \"$@\"\n");
    }

    /** pkexec whose polkit dialog is dismissed (exit 126). */
    static Path dismissedPkexec(Path dir) throws IOException {
        return script(dir, "pkexec-dismissed", "echo 'Error executing command as another user: Request dismissed' >&2\nexit 126\n");
    }

    static List<String> logged(Path log) throws IOException {
        return Files.readAllLines(log);
    }

}
