package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPathsTest {

    private final Path home = Path.of("/Users/presenter");

    @Test
    void macOsUsesApplicationSupportAndLibraryLogs() {
        AppPaths paths = AppPaths.detect("Mac OS X", home, Map.of(), null);
        assertEquals(home.resolve("Library/Application Support/PiRack"), paths.dataDir());
        assertEquals(home.resolve("Library/Logs/PiRack"), paths.logDir());
    }

    @Test
    void linuxFollowsXdgAndIgnoresRelativeValues() {
        AppPaths paths = AppPaths.detect("Linux", home, Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_STATE_HOME", "relative/state"), null);
        assertEquals(Path.of("/cfg/pirack"), paths.dataDir());
        assertEquals(home.resolve(".local/state/pirack"), paths.logDir());
    }

    @Test
    void anExplicitHomePutsEverythingInOneFolder() {
        AppPaths paths = AppPaths.detect("Linux", home, Map.of(), "/tmp/booth");
        assertEquals(Path.of("/tmp/booth"), paths.dataDir());
        assertEquals(Path.of("/tmp/booth/logs"), paths.logDir());
    }
}
