package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Bad input to {@code pirack rehearse} is one clear line and exit 2, before anything starts. */
class RehearseCommandTest {

    private static void assertUsage(CliRun run, String expected) {
        assertEquals(RehearseCommand.USAGE, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("pirack rehearse: ") && run.err().contains(expected), run.err());
    }

    @Test
    void anUnknownKubernetesVersionIsRefusedWithTheChoices() {
        assertUsage(CliRun.of("rehearse", "--k8s-version", "1.27"), "--k8s-version must be one of 1.29 … 1.34, not '1.27'");
    }

    @Test
    void anAddressThatIsNotThisMachinesIsRefused() {
        // TEST-NET-3 (RFC 5737): never configured on a real interface.
        assertUsage(CliRun.of("rehearse", "--address", "203.0.113.7"), "--address must be an IP address of this machine");
        assertUsage(CliRun.of("rehearse", "--address", "0.0.0.0"), "--address must be an IP address of this machine");
        assertUsage(CliRun.of("rehearse", "--address", "example.org"), "--address must be an IP address of this machine");
    }

    @Test
    void aPortInUseIsRefused() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertUsage(CliRun.of("rehearse", "--port", String.valueOf(taken.getLocalPort())),
                    "port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void badScaleTuningAndPisAreRefused() {
        assertUsage(CliRun.of("rehearse", "--time-scale", "0.5"), "--time-scale must be between 1 and 200");
        assertUsage(CliRun.of("rehearse", "--tuning", "fast"), "--tuning must be demo or defaults");
        assertUsage(CliRun.of("rehearse", "--pis", "0"), "--pis must be 1–100");
    }
}
