package io.pirack.core.booth;

import io.pirack.core.cluster.TimeText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kiosk lock's rules, free of any UI: whether operator actions are locked, and whether a PIN
 * typed now unlocks. Three wrong PINs in a row are free; after that each further try must wait,
 * 5 s, then 10 s, 20 s … up to 5 minutes, and a try during the wait is refused without even being
 * checked. The clock is injected so the back-off is tested without waiting.
 */
public final class KioskLock {

    /** The answer to one PIN typed. */
    public sealed interface Attempt {
        String message();

        record Accepted(String message) implements Attempt {}

        record Wrong(String message) implements Attempt {}

        record TooSoon(String message, Duration remaining) implements Attempt {}
    }

    static final int FREE_TRIES = 3;
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);
    static final Duration MAX_DELAY = Duration.ofMinutes(5);

    private final Supplier<String> storedHash;
    private final Clock clock;
    private boolean locked;
    private int wrongInARow;
    private Instant notBefore = Instant.MIN;

    public KioskLock(Supplier<String> storedHash, Clock clock) {
        this.storedHash = storedHash;
        this.clock = clock;
    }

    public synchronized boolean isLocked() {
        return locked;
    }

    public synchronized boolean hasPin() {
        return storedHash.get() != null;
    }

    /** Locks; false (and stays unlocked) when no PIN is set. */
    public synchronized boolean lock() {
        if (storedHash.get() == null) {
            return false;
        }
        locked = true;
        return true;
    }

    /** Checks a PIN (to unlock, or to authorise changing it) under the back-off. */
    public synchronized Attempt check(String pin) {
        Instant now = clock.instant();
        if (now.isBefore(notBefore)) {
            Duration wait = Duration.between(now, notBefore);
            return new Attempt.TooSoon("Too many wrong PINs: try again in " + TimeText.age(roundUp(wait)) + ".", wait);
        }
        if (KioskPin.matches(pin, storedHash.get())) {
            wrongInARow = 0;
            notBefore = Instant.MIN;
            return new Attempt.Accepted("PIN accepted.");
        }
        wrongInARow++;
        Optional<Duration> delay = delayAfter(wrongInARow);
        delay.ifPresent(d -> notBefore = now.plus(d));
        return new Attempt.Wrong(delay.map(d -> "Wrong PIN. Next try in " + TimeText.age(d) + ".").orElse("Wrong PIN."));
    }

    /** Unlocks when the PIN is right (under the back-off). */
    public synchronized Attempt unlock(String pin) {
        Attempt attempt = check(pin);
        if (attempt instanceof Attempt.Accepted) {
            locked = false;
            return new Attempt.Accepted("Unlocked.");
        }
        return attempt;
    }

    /** The wait after the {@code wrong}-th wrong PIN in a row: none for the first three, then doubling. */
    static Optional<Duration> delayAfter(int wrong) {
        if (wrong < FREE_TRIES) {
            return Optional.empty();
        }
        int doublings = Math.min(wrong - FREE_TRIES, 16);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return Optional.of(delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay);
    }

    private static Duration roundUp(Duration d) {
        return Duration.ofSeconds(d.getSeconds() + (d.getNano() > 0 ? 1 : 0));
    }
}
