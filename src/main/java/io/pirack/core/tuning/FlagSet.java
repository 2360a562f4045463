package io.pirack.core.tuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line flags of a Kubernetes component, by name without dashes. Accepts the shapes found in
 * the wild: {@code --flag=value}, {@code --flag value}, a bare boolean {@code --flag}. As in
 * Kubernetes' own flag parsing, a repeated flag's last value wins.
 */
public final class FlagSet {

    private final Map<String, String> values;

    private FlagSet(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static FlagSet empty() {
        return new FlagSet(new LinkedHashMap<>());
    }

    /**
     * From a container command or argument list such as a static pod's
     * {@code [kube-controller-manager, --node-monitor-grace-period=40s, ...]}. Words that are not
     * flags (the program name) are skipped.
     */
    public static FlagSet fromArgs(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg == null || !arg.startsWith("-")) {
                continue;
            }
            String body = stripDashes(arg);
            int eq = body.indexOf('=');
            if (eq >= 0) {
                values.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (i + 1 < args.size() && args.get(i + 1) != null && !args.get(i + 1).startsWith("-")) {
                values.put(body, args.get(++i));
            } else {
                values.put(body, "true");
            }
        }
        return new FlagSet(values);
    }

    /**
     * From k3s-style component args, each {@code name=value} with or without leading dashes
     * ({@code node-monitor-grace-period=20s}).
     */
    public static FlagSet fromComponentArgs(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            String body = stripDashes(arg.strip());
            int eq = body.indexOf('=');
            if (eq > 0) {
                values.put(body.substring(0, eq), body.substring(eq + 1));
            } else if (!body.isEmpty()) {
                values.put(body, "true");
            }
        }
        return new FlagSet(values);
    }

    /**
     * From a MicroK8s args file: one flag per line, {@code --flag=value} or {@code --flag value};
     * blank lines and {@code #} comments skipped; a value in matching quotes is unquoted, as the
     * snap's launcher does when it reads the file.
     */
    public static FlagSet fromArgsFile(String content) {
        List<String> words = new ArrayList<>();
        for (String line : content.split("\n", -1)) {
            ArgsLine parsed = ArgsLine.parse(line);
            if (parsed != null) {
                words.add("--" + parsed.name() + "=" + parsed.value());
            }
        }
        return fromArgs(words);
    }

    static String stripDashes(String arg) {
        int start = 0;
        while (start < arg.length() && start < 2 && arg.charAt(start) == '-') {
            start++;
        }
        return arg.substring(start);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Map<String, String> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlagSet f && f.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    /** One meaningful line of an args file, or null for blank lines and comments. */
    record ArgsLine(String name, String value) {

        static ArgsLine parse(String line) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || !s.startsWith("-")) {
                return null;
            }
            String body = stripDashes(s);
            int split = indexOfSeparator(body);
            if (split < 0) {
                return new ArgsLine(body, "true");
            }
            return new ArgsLine(body.substring(0, split), unquote(body.substring(split + 1).strip()));
        }

        private static int indexOfSeparator(String body) {
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '=' || c == ' ' || c == '\t') {
                    return i;
                }
            }
            return -1;
        }

        private static String unquote(String value) {
            if (value.length() >= 2) {
                char first = value.charAt(0);
                char last = value.charAt(value.length() - 1);
                if ((first == '"' || first == '\'') && first == last) {
                    return value.substring(1, value.length() - 1);
                }
            }
            return value;
        }
    }
}
