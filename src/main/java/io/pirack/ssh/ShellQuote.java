package io.pirack.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns an argument vector into one POSIX shell line where every argument is single-quoted, so the
 * remote shell never interprets any of it ({@code $}, {@code ;}, backticks and globs stay literal).
 * NUL and line breaks are refused outright: no command PiRack runs needs them, and a newline is the
 * classic way to smuggle a second command past a careless quoter.
 */
public final class ShellQuote {

    private ShellQuote() {
    }

    public static String quote(String argument) {
        if (argument == null) {
            throw new IllegalArgumentException("a command argument is missing");
        }
        for (int i = 0; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (c == '\0' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("command argument contains a NUL or line break and was refused");
            }
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    public static String join(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }
}
