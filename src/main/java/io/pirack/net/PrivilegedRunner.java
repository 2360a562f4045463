package io.pirack.net;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one argument vector as root behind a single administrator prompt. Every argument is passed
 * as its own argv item (AppleScript quotes each with {@code quoted form of}); nothing is ever
 * pasted into a shell line.
 */
public final class PrivilegedRunner {

    /** AppleScript that quotes every argument it is given and runs them as one command as root. */
    static final List<String> APPLESCRIPT = List.of(
            "on run argv",
            "set command to \"\"",
            "repeat with anArgument in argv",
            "set command to command & \" \" & quoted form of (anArgument as text)",
            "end repeat",
            "do shell script command with administrator privileges",
            "end run");

    private enum Kind { OSASCRIPT, PKEXEC, SUDO }

    private static final Pattern EXECUTION_ERROR = Pattern.compile("execution error: (.*) \\((-?[0-9]+)\\)$", Pattern.DOTALL);

    private final ProcessRunner runner;
    private final String executable;
    private final Kind kind;
    private final Duration timeout;

    private PrivilegedRunner(ProcessRunner runner, String executable, Kind kind, Duration timeout) {
        this.runner = runner;
        this.executable = executable;
        this.kind = kind;
        this.timeout = timeout;
    }

    /** macOS: {@code osascript} with the password dialog ({@code /usr/bin/osascript}, or a stand-in in tests). */
    public static PrivilegedRunner osascript(ProcessRunner runner, String osascript, Duration timeout) {
        return new PrivilegedRunner(runner, osascript, Kind.OSASCRIPT, timeout);
    }

    /** Linux desktop: polkit's {@code pkexec} dialog. */
    public static PrivilegedRunner pkexec(ProcessRunner runner, String pkexec, Duration timeout) {
        return new PrivilegedRunner(runner, pkexec, Kind.PKEXEC, timeout);
    }

    /** Linux terminal: {@code sudo} (asks on the terminal). */
    public static PrivilegedRunner sudo(ProcessRunner runner, String sudo, Duration timeout) {
        return new PrivilegedRunner(runner, sudo, Kind.SUDO, timeout);
    }

    /** The full argv this runner starts for {@code command}. */
    List<String> argvFor(List<String> command) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        if (kind == Kind.OSASCRIPT) {
            for (String line : APPLESCRIPT) {
                argv.add("-e");
                argv.add(line);
            }
        }
        argv.addAll(command);
        return argv;
    }

    /**
     * Returns how the command ended (a non-zero exit is the command's own failure).
     *
     * @throws PrivilegeCancelledException when the prompt was cancelled or authorisation refused
     * @throws IOException when the helper cannot start or times out
     */
    public ProcessResult run(List<String> command) throws IOException, PrivilegeCancelledException {
        ProcessResult result = runner.run(argvFor(command), timeout);
        if (result.timedOut()) {
            throw new IOException("the administrator step did not finish within " + timeout.toSeconds() + " s");
        }
        if (result.exitCode() == 0) {
            return result;
        }
        boolean cancelled = switch (kind) {
            case OSASCRIPT -> result.stderr().contains("(-128)");
            case PKEXEC -> result.exitCode() == 126 || result.exitCode() == 127;
            case SUDO -> result.stderr().contains("incorrect password") || result.stderr().contains("a password is required");
        };
        if (cancelled) {
            throw new PrivilegeCancelledException("the administrator password prompt was cancelled; nothing was changed");
        }
        return kind == Kind.OSASCRIPT ? commandResult(result) : result;
    }

    /**
     * osascript itself exits 1 when the shell command fails and reports
     * {@code execution error: <stderr> (<exit status>)}; this gives the command's own status back.
     */
    static ProcessResult commandResult(ProcessResult osascript) {
        Matcher m = EXECUTION_ERROR.matcher(osascript.stderr().strip());
        if (osascript.exitCode() != 1 || !m.find()) {
            return osascript;
        }
        return new ProcessResult(Integer.parseInt(m.group(2)), osascript.stdout(), m.group(1), false);
    }
}
