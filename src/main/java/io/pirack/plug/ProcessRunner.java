package io.pirack.plug;

import io.pirack.ssh.CommandResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a program on the presenter's machine (argv, never a shell line), bounded by a timeout. */
@FunctionalInterface
public interface ProcessRunner {

    /** @throws IOException when the program cannot be started or does not end within {@code timeout} */
    CommandResult run(List<String> argv, Duration timeout) throws IOException;
}
