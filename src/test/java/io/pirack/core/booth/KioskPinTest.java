package io.pirack.core.booth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KioskPinTest {

    @Test
    void theRightPinMatchesAndAWrongOneDoesNot() {
        String stored = KioskPin.hash("4711", new SplittableRandom(3));
        assertTrue(KioskPin.matches("4711", stored));
        assertFalse(KioskPin.matches("4712", stored));
        assertFalse(KioskPin.matches("", stored));
        assertFalse(stored.contains("4711"), "the PIN itself is never stored");
    }

    @Test
    void theSameBinGetsADifferentSaltEachTime() {
        assertNotEquals(KioskPin.hash("4711", new SplittableRandom(1)), KioskPin.hash("4711", new SplittableRandom(2)));
    }

    @Test
    void pinsAreFourToEightDigits() {
        assertThrows(IllegalArgumentException.class, () -> KioskPin.hash("123", new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> KioskPin.hash("12ab", new SplittableRandom(1)));
        assertFalse(KioskPin.matches("1234", "not-a-hash"));
    }
}
