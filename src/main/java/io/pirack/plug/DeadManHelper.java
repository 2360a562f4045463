package io.pirack.plug;

import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.SudoersSnippet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one program PiRack runs on a Pi for its dead-man switch: {@code /usr/local/sbin/pirack-deadman}
 * (the script ships in PiRack's jar; {@link #script()}). It checks its own arguments, so the sudoers
 * rule allows {@code pirack-deadman arm NODE *} once instead of one line per delay and action, and the
 * preflight, the strategies and the status poll all run exactly this program.
 */
public final class DeadManHelper {

    /** The name sudo resolves through its secure_path to {@link #INSTALLED_AT}. */
    public static final String PROGRAM = "pirack-deadman";
    public static final String INSTALLED_AT = "/usr/local/sbin/" + PROGRAM;

    private static final Pattern STATUS = Pattern.compile("^(armed|idle) now=(\\d+)(?: until=(\\d+|unknown))?$");

    /** What the Pi says about its timer. {@code left} is empty when idle or when the Pi lost the time. */
    public record Status(boolean armed, Optional<Duration> left) {
    }

    private DeadManHelper() {
    }

    /** The script as installed on the Pi. */
    public static String script() {
        return resource(PROGRAM);
    }

    /** A helper script shipped in this package's resources. */
    static String resource(String program) {
        try (InputStream in = DeadManHelper.class.getResourceAsStream(program)) {
            if (in == null) {
                throw new IllegalStateException("the " + program + " script is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param action {@code start-agent UNIT} or {@code unblock-api IP PORT} */
    static RemoteCommand arm(String node, int seconds, List<String> action) {
        List<String> argv = new ArrayList<>(List.of(PROGRAM, "arm", node, Integer.toString(seconds)));
        argv.addAll(action);
        return new RemoteCommand(argv, true);
    }

    /** The sudoers form of {@link #arm}: any delay and action for this node (the helper checks them). */
    static RemoteCommand armAny(String node) {
        return RemoteCommand.sudo(PROGRAM, "arm", node, SudoersSnippet.ANY_ARGUMENTS);
    }

    static RemoteCommand cancel(String node) {
        return RemoteCommand.sudo(PROGRAM, "cancel", node);
    }

    public static RemoteCommand status(String node) {
        return RemoteCommand.sudo(PROGRAM, "status", node);
    }

    /** Reads {@code status} output; empty when the output is not the helper's. */
    public static Optional<Status> parseStatus(String stdout) {
        Matcher m = STATUS.matcher(stdout.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        boolean armed = m.group(1).equals("armed");
        Optional<Duration> left = Optional.empty();
        if (armed && m.group(3) != null && !m.group(3).equals("unknown")) {
            long seconds = Long.parseLong(m.group(3)) - Long.parseLong(m.group(2));
            left = Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        }
        return Optional.of(new Status(armed, left));
    }

    /** Whether a failed helper call means the helper is not installed (sudo or the shell could not find it). */
    static boolean missing(String stderr) {
        return stderr.contains(PROGRAM + ": command not found") || stderr.contains(PROGRAM + ": not found");
    }
}
