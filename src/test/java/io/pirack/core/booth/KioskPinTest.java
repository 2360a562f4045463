package io.pirack.core.booth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KioskPinTest {

    @Test
    void theRightPinMatchesAndAWrongOneDoesNot() {
        String stored = KioskPin.hash("4711", new SplittableRandom(3), 1000);
        assertTrue(KioskPin.matches("4711", stored));
        assertFalse(KioskPin.matches("4712", stored));
        assertFalse(KioskPin.matches("", stored));
        assertFalse(stored.contains("4711"), "the PIN itself is never stored");
    }

    @Test
    void storedAsPbkdf2WithManyIterationsAndItsOwnSalt() throws Exception {
        String stored = KioskPin.hash("4711", new SplittableRandom(3));
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        assertTrue(KioskPin.isCurrent(stored));
        assertTrue(KioskPin.matches("4711", stored));
    }

    @Test
    void theSameBinGetsADifferentSaltEachTime() {
        assertNotEquals(KioskPin.hash("4711", new SplittableRandom(1), 1000), KioskPin.hash("4711", new SplittableRandom(2), 1000));
    }

    @Test
    void aPinStoredTheOldWayStillUnlocksButIsNotCurrent() throws Exception {
        String salt = "00112233445566778899aabbccddeeff";
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((salt + "4711").getBytes(StandardCharsets.UTF_8)));
        String legacy = salt + ":" + digest;
        assertTrue(KioskPin.matches("4711", legacy));
        assertFalse(KioskPin.matches("4712", legacy));
        assertFalse(KioskPin.isCurrent(legacy), "the app stores it again as PBKDF2");
    }

    @Test
    void pinsAreFourToEightDigits() {
        assertThrows(IllegalArgumentException.class, () -> KioskPin.hash("123", new SplittableRandom(1), 1000));
        assertThrows(IllegalArgumentException.class, () -> KioskPin.hash("12ab", new SplittableRandom(1), 1000));
        assertFalse(KioskPin.matches("1234", "not-a-hash"));
        assertFalse(KioskPin.matches("1234", "pbkdf2-sha256$x$y$z"));
    }
}
