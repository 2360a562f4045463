package io.pirack.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.net.SystemProcessRunner;
import io.pirack.testing.OpenSshServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the fixture's uhubctl stand-in as a local process (no SSH involved). */
class UhubctlStrategyTest {

    @RegisterExtension
    static final OpenSshServer STAND_INS = new OpenSshServer();

    private static PiSlot onHub(String location, int port) {
        return new PiSlot("rpi4", NodeRole.WORKER, null, null, null, 0, null, null, location, port, 0);
    }

    private UhubctlStrategy strategy() {
        return new UhubctlStrategy(new SystemProcessRunner(), STAND_INS.standIn("uhubctl").toString(), Duration.ofSeconds(10));
    }

    @Test
    void pullSwitchesThePortOffAndRestoreOn() throws Exception {
        PiSlot slot = onHub("1-1.3", 2);
        UhubctlStrategy strategy = strategy();
        assertEquals(new PullResult(null, "USB hub 1-1.3 port 2 off"), strategy.pull(slot));
        assertEquals(new PlugStatus(true, false, "port 2 off"), strategy.status(slot));
        strategy.restore(slot);
        assertEquals(new PlugStatus(false, false, "port 2 powered"), strategy.status(slot));
        assertEquals(List.of(
                List.of("uhubctl", "-l", "1-1.3", "-p", "2", "-a", "off"),
                List.of("uhubctl", "-l", "1-1.3", "-p", "2"),
                List.of("uhubctl", "-l", "1-1.3", "-p", "2", "-a", "on"),
                List.of("uhubctl", "-l", "1-1.3", "-p", "2")), STAND_INS.calls());
    }

    @ParameterizedTest
    @CsvSource({"'1-1;reboot', 2", "'-a', 2", "'1-1 -a on', 2", "'', 2", "'1-1', 0", "'1-1', 99"})
    void badHubLocationsAndPortsAreRefusedBeforeUhubctlRuns(String location, int port) throws Exception {
        PiSlot slot = onHub(location, port);
        assertFalse(strategy().isAvailable(slot));
        assertThrows(PlugException.class, () -> strategy().pull(slot));
        assertEquals(List.of(), STAND_INS.calls());
    }

    @Test
    void failingUhubctlIsReportedWithItsMessage() throws Exception {
        STAND_INS.addStandIn("uhubctl-broken", "echo 'No compatible devices detected!' >&2; exit 1");
        UhubctlStrategy broken = new UhubctlStrategy(new SystemProcessRunner(),
                STAND_INS.standIn("uhubctl-broken").toString(), Duration.ofSeconds(10));
        PlugException e = assertThrows(PlugException.class, () -> broken.pull(onHub("2", 1)));
        assertEquals("uhubctl failed for rpi4 (exit 1): No compatible devices detected!", e.getMessage());
    }

    @Test
    void uhubctlThatHangsIsKilledAtTheTimeoutAndSaysSo() throws Exception {
        STAND_INS.addStandIn("uhubctl-hung", "exec sleep 30");
        UhubctlStrategy hung = new UhubctlStrategy(new SystemProcessRunner(),
                STAND_INS.standIn("uhubctl-hung").toString(), Duration.ofMillis(300));
        PlugException e = assertThrows(PlugException.class, () -> hung.pull(onHub("2", 1)));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }
}
