package io.pirack.core.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KioskLockTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T03:00:00Z"), java.time.ZoneOffset.UTC);
    private final String stored = KioskPin.hash("4711", new SplittableRandom(1), 1000);

    @Test
    void withoutAPinTheLockRefusesToEngage() {
        KioskLock lock = new KioskLock(() -> null, clock);
        assertFalse(lock.lock());
        assertFalse(lock.isLocked());
    }

    @Test
    void theRightPinUnlocksAndAWrongOneSaysSo() {
        KioskLock lock = new KioskLock(() -> stored, clock);
        assertTrue(lock.lock());
        KioskLock.Attempt wrong = lock.unlock("1234");
        assertEquals("Wrong PIN.", assertInstanceOf(KioskLock.Attempt.Wrong.class, wrong).message());
        assertTrue(lock.isLocked());
        assertInstanceOf(KioskLock.Attempt.Accepted.class, lock.unlock("4711"));
        assertFalse(lock.isLocked());
    }

    @Test
    void afterThreeWrongPinsEachTryWaitsLongerAndEvenTheRightPinIsRefusedMeanwhile() {
        KioskLock lock = new KioskLock(() -> stored, clock);
        lock.lock();
        lock.unlock("0000");
        lock.unlock("0001");
        KioskLock.Attempt third = lock.unlock("0002");
        assertEquals("Wrong PIN. Next try in 5.0 s.", third.message());
        KioskLock.Attempt tooSoon = lock.unlock("4711");
        assertEquals(Duration.ofSeconds(5), assertInstanceOf(KioskLock.Attempt.TooSoon.class, tooSoon).remaining());
        assertTrue(lock.isLocked(), "the right PIN during the wait is not even checked");

        clock.advance(Duration.ofSeconds(5));
        assertEquals("Wrong PIN. Next try in 10 s.", lock.unlock("0003").message());
        clock.advance(Duration.ofSeconds(10));
        assertEquals("Wrong PIN. Next try in 20 s.", lock.unlock("0004").message());
        clock.advance(Duration.ofSeconds(20));
        assertInstanceOf(KioskLock.Attempt.Accepted.class, lock.unlock("4711"));
        lock.lock();
        assertEquals("Wrong PIN.", lock.unlock("0005").message(), "a right PIN resets the count");
    }

    @Test
    void theWaitStopsGrowingAtFiveMinutes() {
        assertEquals(Duration.ofMinutes(5), KioskLock.delayAfter(40).orElseThrow());
        assertTrue(KioskLock.delayAfter(2).isEmpty());
    }
}
