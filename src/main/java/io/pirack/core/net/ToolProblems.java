package io.pirack.core.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the JDK says when a host command cannot start into a sentence for the presenter, so
 * "Cannot run program "nmcli": error=2, No such file or directory" never reaches a screen.
 */
public final class ToolProblems {

    private static final Pattern CANNOT_RUN = Pattern.compile("Cannot run program \"([^\"]+)\"[^:]*: (.*)", Pattern.DOTALL);

    private ToolProblems() {
    }

    /** Why {@code program} could not start, from the launcher's message: not installed, not allowed, or the reason. */
    public static String cannotRun(String program, String launcherMessage) {
        String text = String.valueOf(launcherMessage);
        String name = program.contains("/") ? program.substring(program.lastIndexOf('/') + 1) : program;
        if (text.contains("error=2,") || text.contains("No such file")) {
            return name + " is not installed on this computer";
        }
        if (text.contains("error=13,") || text.contains("Permission denied")) {
            return name + " is not allowed to run for this user (permission denied)";
        }
        int reason = text.lastIndexOf(", ");
        return name + " could not be started" + (reason < 0 ? "" : ": " + text.substring(reason + 2).strip());
    }

    /** Any failure message, with a launcher's "Cannot run program …" rewritten as {@link #cannotRun}. */
    public static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "something went wrong";
        }
        Matcher m = CANNOT_RUN.matcher(message);
        if (m.find()) {
            return message.substring(0, m.start()) + cannotRun(m.group(1), m.group(2));
        }
        return message.strip();
    }
}
