package io.pirack.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Opens a file or folder the way the desktop does: Finder/its app on macOS, the file manager or editor elsewhere. */
final class DesktopOpen {

    private DesktopOpen() {
    }

    /** {@code open} on macOS, {@code xdg-open} on Linux, {@code explorer} on Windows; the path is an argument, never a shell line. */
    static Consumer<Path> opener() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return path -> {
            List<String> command = os.contains("mac") ? List.of("open", path.toString())
                    : os.contains("win") ? List.of("explorer", path.toString())
                    : List.of("xdg-open", path.toString());
            try {
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot open " + path + " (" + command.get(0) + ": " + e.getMessage() + ").", e);
            }
        };
    }
}
