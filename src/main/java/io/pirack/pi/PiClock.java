package io.pirack.pi;

import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Measures how far a Pi's clock is from the laptop's (Pis without a real-time clock boot with the
 * wrong time until NTP catches up, which garbles timelines that mix Pi and laptop times). Reads
 * {@code date +%s%N} and compares it with the midpoint of the local send and receive times.
 */
public final class PiClock {

    private final RemoteShell shell;
    private final Clock clock;
    private final Duration timeout;

    public PiClock(RemoteShell shell, Clock clock, Duration timeout) {
        this.shell = Objects.requireNonNull(shell);
        this.clock = Objects.requireNonNull(clock);
        this.timeout = Objects.requireNonNull(timeout);
    }

    /**
     * @param offset    Pi time minus laptop time (positive: the Pi is ahead)
     * @param roundTrip how long the reading took; the offset is accurate to about half of it
     */
    public record Skew(Instant piTime, Duration offset, Duration roundTrip) {}

    public Skew measure(SshTarget target) throws RemoteCommandException {
        Instant sent = clock.instant();
        CommandResult result = shell.run(target, RemoteCommand.of("date", "+%s%N"), timeout);
        Instant received = clock.instant();
        String text = result.stdout().strip();
        if (!result.ok() || !text.matches("[0-9]{10,20}")) {
            throw new RemoteCommandException(RemoteCommandException.Kind.OTHER,
                    "Could not read the clock of " + target.alias() + " (got '" + text + "').");
        }
        long nanos = Long.parseLong(text);
        Instant piTime = Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        Duration roundTrip = Duration.between(sent, received);
        Instant midpoint = sent.plus(roundTrip.dividedBy(2));
        return new Skew(piTime, Duration.between(midpoint, piTime), roundTrip);
    }
}
