package io.pirack.core.validate;

import java.util.Locale;

/**
 * A single-label host name per RFC 1123 (letters, digits, hyphens; no leading or trailing hyphen;
 * at most 63 characters, which is also bootpd's limit). Fully qualified names are accepted where
 * each label follows the same rule, so SSH targets like {@code rpi1.local} validate too.
 */
public record Hostname(String value) {

    private static final String LABEL = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";

    public static Validation<Hostname> parse(String text) {
        if (text == null || text.isBlank()) {
            return Validation.invalid("hostname is empty");
        }
        String name = text.trim().toLowerCase(Locale.ROOT);
        if (name.length() > 253) {
            return Validation.invalid("hostname '" + text.trim() + "' is longer than 253 characters");
        }
        for (String label : name.split("\\.", -1)) {
            if (label.length() > 63) {
                return Validation.invalid("hostname '" + text.trim() + "': label '" + label + "' is longer than 63 characters");
            }
            if (!label.matches(LABEL)) {
                return Validation.invalid("hostname '" + text.trim()
                        + "' is not a valid RFC 1123 name (letters, digits and '-', not starting or ending with '-')");
            }
        }
        return Validation.valid(new Hostname(name));
    }

    /** A name suitable for one bootptab entry or a Kubernetes node: a single label. */
    public static Validation<Hostname> parseSingleLabel(String text) {
        Validation<Hostname> parsed = parse(text);
        if (parsed.isValid() && parsed.orThrow().value().contains(".")) {
            return Validation.invalid("hostname '" + text.trim() + "' must be a single label without dots");
        }
        return parsed;
    }

    @Override
    public String toString() {
        return value;
    }
}
