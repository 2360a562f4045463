package io.pirack.net;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a local program as an argument vector (never through a shell line), with a deadline. */
public interface ProcessRunner {

    /**
     * @param stdin bytes for the program's standard input (empty: none)
     * @throws IOException when the program cannot be started (not installed, not executable)
     */
    ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) throws IOException;

    default ProcessResult run(List<String> argv, Duration timeout) throws IOException {
        return run(argv, new byte[0], timeout);
    }
}
