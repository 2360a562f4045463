package io.pirack.net;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Runs a local program as an argument vector (never through a shell line), with a deadline. The one
 * process runner of PiRack: host networking and the USB-hub plug strategy use it alike. A program that
 * overruns is killed and reported as {@link ProcessResult#timedOut()}, never thrown, so each caller
 * words the timeout for its own context.
 */
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
