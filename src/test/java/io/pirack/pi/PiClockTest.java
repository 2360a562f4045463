package io.pirack.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pirack.ssh.RemoteCommandException;
import io.pirack.testing.OpenSshServer;
import io.pirack.timeline.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PiClockTest {

    @RegisterExtension
    static final OpenSshServer PI = new OpenSshServer();

    private static final Instant LAPTOP = Instant.parse("2026-11-26T09:00:00Z");

    @BeforeEach
    void fakeDate() throws Exception {
        PI.addStandIn("date", "cat \"$STATE/date\"");
    }

    private PiClock piClock() throws Exception {
        return new PiClock(PI.trustingShell(), new SettableClock(LAPTOP, ZoneOffset.UTC), Duration.ofSeconds(5));
    }

    @Test
    void aPiBehindTheLaptopHasANegativeOffset() throws Exception {
        PI.setState("date", "1795683510250000000\n");
        PiClock.Skew skew = piClock().measure(PI.target());
        assertEquals(Instant.parse("2026-11-26T08:58:30.250Z"), skew.piTime());
        assertEquals(Duration.ofSeconds(-89, -750_000_000), skew.offset());
        assertEquals(List.of(List.of("date", "+%s%N")), PI.calls("date"));
    }

    @Test
    void somethingOtherThanEpochNanosIsRefused() throws Exception {
        PI.setState("date", "%N\n");
        assertThrows(RemoteCommandException.class, () -> piClock().measure(PI.target()));
    }
}
