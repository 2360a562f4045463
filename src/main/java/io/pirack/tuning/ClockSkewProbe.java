package io.pirack.tuning;

import io.pirack.core.preflight.PreflightInputs.ClockSample;
import io.pirack.ssh.CommandResult;
import io.pirack.ssh.RemoteCommand;
import io.pirack.ssh.RemoteCommandException;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTarget;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Measures a Pi's clock against the laptop's: asks for the Pi's time over SSH and compares it with
 * the midpoint of the laptop's clock before and after. The round trip bounds the error; a slow
 * round trip is reported rather than trusted.
 */
public final class ClockSkewProbe {

    /** Beyond this round trip the midpoint is too vague to judge half-second skews. */
    static final Duration MAX_ROUND_TRIP = Duration.ofSeconds(2);

    private final RemoteShell shell;
    private final Clock laptopClock;
    private final Duration timeout;

    public ClockSkewProbe(RemoteShell shell, Clock laptopClock, Duration timeout) {
        this.shell = shell;
        this.laptopClock = laptopClock;
        this.timeout = timeout;
    }

    public ClockSample measure(SshTarget pi) {
        try {
            Instant before = laptopClock.instant();
            CommandResult result = shell.run(pi, RemoteCommand.of("date", "+%s.%N"), timeout);
            Instant after = laptopClock.instant();
            if (!result.ok()) {
                return new ClockSample(pi.alias(), Optional.empty(), "date failed: " + result.stderr().strip());
            }
            Duration roundTrip = Duration.between(before, after);
            if (roundTrip.compareTo(MAX_ROUND_TRIP) > 0) {
                return new ClockSample(pi.alias(), Optional.empty(), "SSH round trip took " + roundTrip.toMillis() + " ms");
            }
            Optional<Instant> piTime = parseEpoch(result.stdout());
            if (piTime.isEmpty()) {
                return new ClockSample(pi.alias(), Optional.empty(), "unexpected date output \"" + result.stdout().strip() + "\"");
            }
            Instant midpoint = before.plus(roundTrip.dividedBy(2));
            return new ClockSample(pi.alias(), Optional.of(Duration.between(midpoint, piTime.get())), "");
        } catch (RemoteCommandException e) {
            return new ClockSample(pi.alias(), Optional.empty(), e.getMessage());
        }
    }

    /** "1764142200.250000000" (GNU date) → instant; busybox prints a literal "%N", which is cut off. */
    static Optional<Instant> parseEpoch(String output) {
        String text = output.strip();
        int percent = text.indexOf('%');
        if (percent >= 0) {
            text = text.substring(0, percent);
        }
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Optional.of(Instant.ofEpochSecond(whole, nanos));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
