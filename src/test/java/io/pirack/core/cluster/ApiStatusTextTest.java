package io.pirack.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.ApiStatusText.Look;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A normal start and a watch re-sync are calm; only an outage or a slow start raise the alarm. */
class ApiStatusTextTest {

    private static final Instant NOW = Instant.parse("2026-12-06T02:00:30Z");

    @Test
    void aNormalStartIsCalmForTenSecondsThenAnAlarmThatSaysWhy() {
        ApiStatus starting = new ApiStatus.Connecting(NOW.minusSeconds(3), "Connection refused");
        assertEquals(Look.CONNECTING, ApiStatusText.look(starting, NOW));
        assertNull(ApiStatusText.banner(starting, NOW));
        assertEquals("… connecting to the API since " + TimeText.clock(NOW.minusSeconds(3)), ApiStatusText.statusBar(starting, NOW),
                "a clock time stays true while nothing re-draws the line");

        ApiStatus slow = new ApiStatus.Connecting(NOW.minusSeconds(10), "Connection refused");
        assertEquals(Look.UNREACHABLE, ApiStatusText.look(slow, NOW));
        assertEquals("Still connecting to the Kubernetes API after 10 s, Connection refused. Cluster LEDs show “?” (unknown)"
                + " until it answers.", ApiStatusText.banner(slow, NOW));
    }

    @Test
    void aReSyncIsADiscreetWordInTheStatusBarAndNoBanner() {
        ApiStatus resync = new ApiStatus.Reconnecting(NOW.minusMillis(400), "watch closed");
        assertEquals(Look.RESYNCING, ApiStatusText.look(resync, NOW));
        assertNull(ApiStatusText.banner(resync, NOW));
        assertEquals("✔ API connected · re-syncing", ApiStatusText.statusBar(resync, NOW));
    }

    @Test
    void anOutageIsAnAlarmWithItsStartDurationAndReason() {
        ApiStatus down = new ApiStatus.Unreachable(NOW.minusSeconds(4), "Connection refused");
        assertEquals(Look.UNREACHABLE, ApiStatusText.look(down, NOW));
        String banner = ApiStatusText.banner(down, NOW);
        assertTrue(banner.startsWith("Kubernetes API unreachable since " + TimeText.clock(down.since()) + " (4.0 s, Connection refused)"),
                banner);
        assertTrue(ApiStatusText.statusBar(down, NOW).startsWith("✖"));
    }
}
