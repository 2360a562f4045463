package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command that reads the presenter's rack.json only reads it: a bad file is reported and left byte-identical. */
class BadRackFileTest {

    @TempDir
    Path home;

    private static final byte[] BAD_RACK = """
            {
              "name": "Booth",
              "slots": [
                {"hostname": "rpi1", "role": "CONTROL_PLANE"},
                {"hostname": "rpi2", "role": "WORKER"},
                {"hostname": "rpi2", "role": "WORKER"}
              ],
              "subnet": "192.168.2.0/24",
              "defaultPlugMethod": "STOP_AGENT",
              "deadManSeconds": 0
            }
            """.getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void useTemporaryHome() throws Exception {
        System.setProperty("pirack.home", home.toString());
        Files.write(home.resolve("rack.json"), BAD_RACK);
        Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
    }

    @AfterEach
    void clearHome() {
        System.clearProperty("pirack.home");
    }

    @ParameterizedTest
    @ValueSource(strings = {"preflight", "snapshot --out never-written.png", "drill --node rpi2"})
    void aBadRackFileStopsTheCommandWithItsLineAndFieldAndStaysByteIdentical(String command) throws Exception {
        List<String> args = Stream.concat(Stream.of(command.split(" ")),
                Stream.of("--kubeconfig", home.resolve("kubeconfig").toString(), "--context", "booth")).toList();
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("rack.json line 10, deadManSeconds: the dead-man delay must be 10 to 3600 seconds, not 0"
                + " (and 1 more)."), run.err());
        assertTrue(run.err().contains("PiRack left it unchanged"), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertArrayEquals(BAD_RACK, Files.readAllBytes(home.resolve("rack.json")));
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".bak")).toList());
        }
    }
}
