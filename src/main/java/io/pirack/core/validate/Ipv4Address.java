package io.pirack.core.validate;

/** A dotted-quad IPv4 address, strictly parsed (no leading zeros, no shorthand forms). */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    public static Validation<Ipv4Address> parse(String text) {
        if (text == null || text.isBlank()) {
            return Validation.invalid("IP address is empty");
        }
        String trimmed = text.trim();
        String[] parts = trimmed.split("\\.", -1);
        if (parts.length != 4) {
            return Validation.invalid("IP address '" + trimmed + "' must have four dot-separated numbers");
        }
        int bits = 0;
        for (String part : parts) {
            if (!part.matches("0|[1-9][0-9]{0,2}")) {
                return Validation.invalid("IP address '" + trimmed + "': '" + part + "' is not a number from 0 to 255");
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return Validation.invalid("IP address '" + trimmed + "': " + value + " is larger than 255");
            }
            bits = (bits << 8) | value;
        }
        return Validation.valid(new Ipv4Address(bits));
    }

    public static Ipv4Address of(String text) {
        return parse(text).orThrow();
    }

    public int octet(int index) {
        return (bits >>> (24 - 8 * index)) & 0xff;
    }

    public Ipv4Address plus(int offset) {
        return new Ipv4Address(bits + offset);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return octet(0) + "." + octet(1) + "." + octet(2) + "." + octet(3);
    }
}
