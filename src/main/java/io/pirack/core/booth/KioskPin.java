package io.pirack.core.booth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The kiosk PIN, stored only as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (the JDK's
 * PBKDF2WithHmacSHA256, a fresh 16-byte salt per PIN, Base64) in the settings, compared in constant
 * time. A PIN is 4 to 8 digits: typed on a touch screen, not a password — so guessing is slowed
 * twice: each try costs {@link #ITERATIONS} HMAC rounds, and {@link KioskLock} backs off after
 * three wrong ones. The older {@code salt:sha256} form still unlocks, so an upgrade never locks
 * the operator out; {@link #isCurrent} tells the app to store the PIN again in the new form.
 */
public final class KioskPin {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256$";
    private static final int KEY_BITS = 256;

    private KioskPin() {
    }

    public static boolean isWellFormed(String pin) {
        return pin != null && pin.matches("[0-9]{4,8}");
    }

    public static String hash(String pin, RandomGenerator random) {
        return hash(pin, random, ITERATIONS);
    }

    /** With a chosen work factor (tests use a small one to stay fast). */
    public static String hash(String pin, RandomGenerator random, int iterations) {
        if (!isWellFormed(pin)) {
            throw new IllegalArgumentException("a kiosk PIN is 4 to 8 digits");
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(pbkdf2(pin, salt, iterations));
    }

    /** True when {@code stored} is in the current (PBKDF2) form. */
    public static boolean isCurrent(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public static boolean matches(String pin, String stored) {
        if (pin == null || stored == null || !isWellFormed(pin)) {
            return false;
        }
        if (isCurrent(stored)) {
            String[] parts = stored.substring(PREFIX.length()).split("\\$");
            if (parts.length != 3 || !parts[0].matches("[0-9]{1,9}")) {
                return false;
            }
            try {
                Base64.Decoder b64 = Base64.getDecoder();
                byte[] expected = b64.decode(parts[2]);
                return MessageDigest.isEqual(pbkdf2(pin, b64.decode(parts[1]), Integer.parseInt(parts[0])), expected);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        if (!stored.contains(":")) {
            return false;
        }
        String[] parts = stored.split(":", 2);
        return MessageDigest.isEqual(legacyDigest(parts[0], pin).getBytes(StandardCharsets.US_ASCII),
                parts[1].getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] pbkdf2(String pin, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The form before PBKDF2: one salted SHA-256. Read only, never written. */
    private static String legacyDigest(String saltHex, String pin) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((saltHex + pin).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
