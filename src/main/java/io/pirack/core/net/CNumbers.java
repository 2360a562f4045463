package io.pirack.core.net;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C library number readers bootpd relies on ({@code sscanf %d}, {@code sscanf %x},
 * {@code inet_addr}), reproduced so PiRack predicts what bootpd really loads, leniency included.
 */
final class CNumbers {

    private static final Pattern DECIMAL = Pattern.compile("^\\s*([+-]?)([0-9]+)");
    private static final Pattern HEX = Pattern.compile("^\\s*([+-]?)(?:0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)");
    private static final Pattern C_INTEGER = Pattern.compile("0[xX]([0-9a-fA-F]*)|0([0-7]*)|([1-9][0-9]*)");

    private CNumbers() {
    }

    /** {@code sscanf(text, "%d", &v)}: leading number, trailing text ignored; empty when no digits. */
    static OptionalInt scanDecimal(String text) {
        Matcher m = DECIMAL.matcher(text);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        String digits = m.group(2);
        long value = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        value = Math.min(value, Integer.MAX_VALUE);
        return OptionalInt.of((int) ("-".equals(m.group(1)) ? -value : value));
    }

    /** {@code sscanf(text, "%x", &v)} stored into a byte: the low eight bits; empty when no digits. */
    static OptionalInt scanHexByte(String text) {
        Matcher m = HEX.matcher(text);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        String digits = m.group(2);
        int low = Integer.parseInt(digits.substring(Math.max(0, digits.length() - 2)), 16);
        return OptionalInt.of(("-".equals(m.group(1)) ? -low : low) & 0xff);
    }

    /**
     * {@code inet_aton}: one to four parts in decimal, octal (leading 0) or hex (0x), the last part
     * filling the remaining bytes; trailing white space allowed. Empty when the text is not an address.
     */
    static OptionalLong inetAton(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        String body = text.substring(0, end);
        if (body.isEmpty()) {
            return OptionalLong.empty();
        }
        String[] parts = body.split("\\.", -1);
        if (parts.length > 4) {
            return OptionalLong.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Matcher m = C_INTEGER.matcher(parts[i]);
            if (!m.matches()) {
                return OptionalLong.empty();
            }
            try {
                if (m.group(1) != null) {
                    values[i] = m.group(1).isEmpty() ? 0 : Long.parseLong(m.group(1), 16);
                } else if (m.group(2) != null) {
                    values[i] = m.group(2).isEmpty() ? 0 : Long.parseLong(m.group(2), 8);
                } else {
                    values[i] = Long.parseLong(m.group(3));
                }
            } catch (NumberFormatException tooLong) {
                return OptionalLong.empty();
            }
        }
        long result = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 0xff) {
                return OptionalLong.empty();
            }
            result |= values[i] << (24 - 8 * i);
        }
        long last = values[values.length - 1];
        int lastBits = 32 - 8 * (values.length - 1);
        if (last >= (1L << lastBits)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(result | last);
    }
}
