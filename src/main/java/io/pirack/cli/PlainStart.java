package io.pirack.cli;

import io.pirack.app.LaunchOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The common starts — a double-click (no arguments) and the app's value-less flags ({@code --sim},
 * {@code --kiosk}, {@code --visitor}) — read without picocli (issue 20). picocli's classes are compiled
 * for Java 5, which an AppCDS archive cannot hold, so building even the app's own command model cost
 * the main thread 175 classes loaded and verified from the jar before JavaFX could start. Anything else
 * (a value, a command, help, a repeated or unknown flag) is picocli's, exactly as before.
 */
public final class PlainStart {

    private static final List<String> FLAGS = List.of("--sim", "--kiosk", "--visitor");

    private PlainStart() {
    }

    /** What {@code args} ask the app to do, or null when they are not only the value-less flags, each once. */
    public static LaunchOptions options(String... args) {
        Set<String> given = new HashSet<>();
        for (String arg : args) {
            if (!FLAGS.contains(arg) || !given.add(arg)) {
                return null;
            }
        }
        return new LaunchOptions(given.contains("--sim"), null, null, given.contains("--kiosk"), -1, given.contains("--visitor"), 0);
    }
}
