package io.pirack.tuning;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link RemoteShell} that runs the argument vector on this machine (without sudo: the test owns
 * its temporary files), so the editor's scripts run against real files with real sh, cp, mv and
 * base64. Only {@code sh} scripts run; anything else (service restarts) is recorded and reported as
 * done, so no test restarts a real service. Commands matching {@code fail} exit 1 without running.
 */
final class LocalShell implements RemoteShell {

    final List<RemoteCommand> commands = new ArrayList<>();
    Predicate<List<String>> fail = argv -> false;

    @Override
    public CommandResult run(SshTarget target, RemoteCommand command, Duration timeout) throws RemoteCommandException {
        commands.add(command);
        if (fail.test(command.argv())) {
            return new CommandResult(1, "", command.argv().get(0) + ": simulated failure\n");
        }
        if (!command.argv().get(0).equals("sh")) {
            return new CommandResult(0, "", "");
        }
        try {
            Path err = Files.createTempFile("localshell", ".err");
            try {
                Process process = new ProcessBuilder(command.argv()).redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new RemoteCommandException(RemoteCommandException.Kind.TIMEOUT, "timed out");
                }
                return new CommandResult(process.exitValue(), out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER, "interrupted", e);
        }
    }
}
