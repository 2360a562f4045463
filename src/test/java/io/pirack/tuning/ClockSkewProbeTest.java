package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.preflight.PreflightInputs.ClockSample;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClockSkewProbeTest {

    private static final SshTarget PI = new SshTarget("pi1", "192.168.2.101", 22, "pi", null);
    private static final Instant T = Instant.parse("2026-11-26T07:30:00Z");

    /** A laptop clock that returns the given instants in turn. */
    private static Clock ticking(Instant... instants) {
        Deque<Instant> queue = new ArrayDeque<>(List.of(instants));
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return queue.removeFirst();
            }
        };
    }

    private static RemoteShell answering(CommandResult result) {
        return (target, command, timeout) -> result;
    }

    @Test
    void skewIsPiTimeMinusTheMidpointOfTheRoundTrip() {
        // Laptop: 07:30:00.000 before, 07:30:00.200 after → midpoint .100; Pi says 07:29:57.850.
        long piEpoch = T.getEpochSecond() - 3;
        ClockSkewProbe probe = new ClockSkewProbe(answering(new CommandResult(0, piEpoch + ".850000000\n", "")),
                ticking(T, T.plusMillis(200)), Duration.ofSeconds(5));
        ClockSample sample = probe.measure(PI);
        assertEquals(Optional.of(Duration.ofMillis(-2250)), sample.skew());
    }

    @Test
    void slowRoundTripIsNotTrusted() {
        ClockSkewProbe probe = new ClockSkewProbe(answering(new CommandResult(0, T.getEpochSecond() + ".0\n", "")),
                ticking(T, T.plusSeconds(3)), Duration.ofSeconds(5));
        ClockSample sample = probe.measure(PI);
        assertTrue(sample.skew().isEmpty());
        assertEquals("SSH round trip took 3000 ms", sample.error());
    }

    @Test
    void busyboxDateWithoutNanosecondsStillParses() {
        assertEquals(Optional.of(Instant.ofEpochSecond(1764142200)), ClockSkewProbe.parseEpoch("1764142200.%N\n"));
        assertTrue(ClockSkewProbe.parseEpoch("Thu Nov 26").isEmpty());
    }

    @Test
    void unreachablePiIsReportedNotThrown() {
        RemoteShell down = (target, command, timeout) -> {
            throw new RemoteCommandException(RemoteCommandException.Kind.UNREACHABLE, "pi1 does not answer on port 22");
        };
        ClockSample sample = new ClockSkewProbe(down, ticking(T, T), Duration.ofSeconds(5)).measure(PI);
        assertEquals("pi1 does not answer on port 22", sample.error());
    }
}
