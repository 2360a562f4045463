package io.pirack.core.booth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * The kiosk PIN, stored only as {@code salt:sha256(salt + pin)} in the settings. Checked in
 * constant time. A PIN is 4 to 8 digits: typed on a touch screen, not a password.
 */
public final class KioskPin {

    private KioskPin() {
    }

    public static boolean isWellFormed(String pin) {
        return pin != null && pin.matches("[0-9]{4,8}");
    }

    public static String hash(String pin, RandomGenerator random) {
        if (!isWellFormed(pin)) {
            throw new IllegalArgumentException("a kiosk PIN is 4 to 8 digits");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        return saltHex + ":" + digest(saltHex, pin);
    }

    public static boolean matches(String pin, String stored) {
        if (pin == null || stored == null || !stored.contains(":")) {
            return false;
        }
        String[] parts = stored.split(":", 2);
        return MessageDigest.isEqual(digest(parts[0], pin).getBytes(StandardCharsets.US_ASCII),
                parts[1].getBytes(StandardCharsets.US_ASCII));
    }

    private static String digest(String saltHex, String pin) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((saltHex + pin).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
