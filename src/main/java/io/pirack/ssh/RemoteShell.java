package io.pirack.ssh;

import java.time.Duration;

/**
 * Runs one validated command on a Pi and returns how it ended. Implementations verify host keys,
 * quote every argument, enforce the timeout (killing the remote command) and never log secrets.
 */
public interface RemoteShell {

    CommandResult run(SshTarget target, RemoteCommand command, Duration timeout) throws RemoteCommandException;
}
