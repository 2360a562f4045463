package io.pirack.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that reads whatever it was last set to: the recorded time while analysing a recording,
 * and the one hand-moved clock of the tests.
 */
public class SettableClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    /** A UTC clock. */
    public SettableClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    public SettableClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same hand-moved time, read in another zone (setting either clock does not move the other). */
    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : new SettableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
