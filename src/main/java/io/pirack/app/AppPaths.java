package io.pirack.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where PiRack keeps its files, per platform conventions: macOS {@code ~/Library/Application
 * Support/PiRack} and {@code ~/Library/Logs/PiRack}; elsewhere {@code $XDG_CONFIG_HOME/pirack} and
 * {@code $XDG_STATE_HOME/pirack}. {@code -Dpirack.home=DIR} puts everything under one folder
 * (tests, portable installs).
 */
public record AppPaths(Path dataDir, Path logDir) {

    public static AppPaths detect() {
        return detect(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")), System.getenv(),
                System.getProperty("pirack.home"));
    }

    static AppPaths detect(String osName, Path home, Map<String, String> env, String override) {
        if (override != null && !override.isBlank()) {
            Path root = Path.of(override);
            return new AppPaths(root, root.resolve("logs"));
        }
        if (osName.toLowerCase(Locale.ROOT).contains("mac")) {
            return new AppPaths(home.resolve("Library/Application Support/PiRack"), home.resolve("Library/Logs/PiRack"));
        }
        Path config = xdg(env, "XDG_CONFIG_HOME", home.resolve(".config"));
        Path state = xdg(env, "XDG_STATE_HOME", home.resolve(".local/state"));
        return new AppPaths(config.resolve("pirack"), state.resolve("pirack"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String value = env.get(name);
        // The XDG spec says relative paths are invalid and must be ignored.
        return value != null && !value.isBlank() && Path.of(value).isAbsolute() ? Path.of(value) : fallback;
    }

    public Path settingsFile() {
        return dataDir.resolve("settings.json");
    }

    public Path rackFile() {
        return dataDir.resolve("rack.json");
    }

    public Path recordingsDir() {
        return dataDir.resolve("recordings");
    }

    public Path knownHostsFile() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }
}
