package io.pirack.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * Simulated time that runs {@code scale} times faster than the ticker it is built on, so a
 * five-minute Kubernetes story can be rehearsed or tested in seconds. With scale 1 it is just
 * the wall clock. The same clock is handed to PiRack's store on the rehearsal rack so that
 * measured durations come out in simulated seconds.
 */
public final class SimClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final double scale;
    private final LongSupplier nanoTicker;

    public SimClock(Instant origin, double scale, LongSupplier nanoTicker) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("time scale must be positive, was " + scale);
        }
        this.origin = origin;
        this.scale = scale;
        this.nanoTicker = nanoTicker;
        this.originNanos = nanoTicker.getAsLong();
    }

    public static SimClock realTime(double scale) {
        return new SimClock(Instant.now(), scale, System::nanoTime);
    }

    public double scale() {
        return scale;
    }

    /** How long the host really waits for {@code simulated} to pass. */
    public Duration toReal(Duration simulated) {
        return Duration.ofNanos(Math.max(1, (long) (simulated.toNanos() / scale)));
    }

    @Override
    public Instant instant() {
        long elapsed = nanoTicker.getAsLong() - originNanos;
        return origin.plusNanos((long) (elapsed * scale));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        // Simulated time is compared as instants only; a zone would change nothing that matters.
        return this;
    }
}
