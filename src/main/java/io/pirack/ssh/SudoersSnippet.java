package io.pirack.ssh;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A least-privilege sudoers drop-in that lets one user run exactly the given commands (and no
 * others) without a password. Commands are matched by sudo word for word, so every argument is
 * written out; only the programs PiRack runs are allowed, by absolute path.
 */
public final class SudoersSnippet {

    /** Where the programs live on Raspberry Pi OS / Debian (merged /usr). */
    static final Map<String, String> PROGRAM_PATHS = Map.of(
            "pirack-deadman", "/usr/local/sbin/pirack-deadman",
            "pirack-rebind", "/usr/local/sbin/pirack-rebind",
            "systemctl", "/usr/bin/systemctl",
            "systemd-run", "/usr/bin/systemd-run",
            "iptables", "/usr/sbin/iptables",
            "tee", "/usr/bin/tee");

    private static final String USER = "[a-z_][a-z0-9_-]{0,31}";

    /**
     * As the last argument of a command: any further arguments (sudoers' {@code *}). Only for a
     * program that checks its own arguments ({@link #SELF_CHECKING}).
     */
    public static final String ANY_ARGUMENTS = "*";

    /** PiRack's own helpers on the Pi, which check every argument themselves. */
    static final java.util.Set<String> SELF_CHECKING = java.util.Set.of("pirack-deadman", "pirack-rebind");

    private SudoersSnippet() {
    }

    /** The drop-in text for {@code /etc/sudoers.d/pirack}. */
    public static String render(String user, List<RemoteCommand> commands) {
        if (user == null || !user.matches(USER)) {
            throw new IllegalArgumentException("'" + user + "' is not a valid Linux user name");
        }
        List<String> lines = commands.stream().filter(RemoteCommand::sudo).map(SudoersSnippet::sudoersCommand)
                .distinct().toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no sudo commands to allow");
        }
        return "# PiRack: let " + user + " run exactly these commands as root without a password.\n"
                + "# Install on the Pi with: sudo visudo -f /etc/sudoers.d/pirack\n"
                + user + " ALL=(root) NOPASSWD: " + lines.stream().collect(Collectors.joining(", \\\n    ")) + "\n";
    }

    private static String sudoersCommand(RemoteCommand command) {
        String program = command.argv().get(0);
        String path = PROGRAM_PATHS.get(program);
        if (path == null) {
            throw new IllegalArgumentException("PiRack never runs '" + program + "' with sudo");
        }
        StringBuilder line = new StringBuilder(path);
        List<String> args = command.argv().subList(1, command.argv().size());
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (i == args.size() - 1 && arg.equals(ANY_ARGUMENTS)) {
                if (!SELF_CHECKING.contains(program)) {
                    throw new IllegalArgumentException("only PiRack's helpers check their own arguments; '" + program
                            + "' must be allowed word for word");
                }
                line.append(" *");
                continue;
            }
            if (arg.isEmpty() || arg.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException("argument '" + arg + "' cannot be written into sudoers");
            }
            line.append(' ').append(escape(arg));
        }
        return line.toString();
    }

    /** Characters with a meaning in a sudoers command specification. */
    private static String escape(String arg) {
        StringBuilder escaped = new StringBuilder();
        for (char c : arg.toCharArray()) {
            if (c == '\\' || c == ',' || c == ':' || c == '=' || c == '*' || c == '?' || c == '[' || c == ']' || c == '!') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
