package io.pirack.core.validate;

import java.util.Locale;

/**
 * A 48-bit Ethernet MAC address, always held in canonical form: lower case, zero-padded octets
 * joined by ':' (as {@code /sys/class/net/eth0/address} prints it).
 */
public record MacAddress(String canonical) {

    /** Raspberry Pi Foundation and Raspberry Pi Trading OUIs (IEEE oui.txt). */
    public static final java.util.List<String> RASPBERRY_PI_OUIS =
            java.util.List.of("b8:27:eb", "dc:a6:32", "e4:5f:01", "28:cd:c1", "d8:3a:dd", "88:a2:9e", "2c:cf:67");

    public MacAddress {
        if (!canonical.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("not a canonical MAC address: " + canonical);
        }
    }

    /**
     * Parses a MAC the way macOS tools print it: six octets split on ':', '.' or '-', each one or two
     * hex digits ({@code b8:27:eb:5:d:f} is valid, as bootpd and {@code arp -an} drop leading zeros).
     */
    public static Validation<MacAddress> parse(String text) {
        if (text == null || text.isBlank()) {
            return Validation.invalid("MAC address is empty");
        }
        String trimmed = text.trim();
        String[] octets = trimmed.split("[:.\\-]", -1);
        if (octets.length != 6) {
            return Validation.invalid("MAC address '" + trimmed + "' has " + octets.length
                    + " octets; an Ethernet MAC has exactly 6");
        }
        StringBuilder sb = new StringBuilder(17);
        boolean allZero = true;
        for (int i = 0; i < octets.length; i++) {
            String octet = octets[i];
            if (octet.isEmpty() || octet.length() > 2 || !octet.matches("[0-9A-Fa-f]{1,2}")) {
                return Validation.invalid("MAC address '" + trimmed + "': octet " + (i + 1) + " ('" + octet
                        + "') is not one or two hex digits");
            }
            int value = Integer.parseInt(octet, 16);
            allZero &= value == 0;
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format(Locale.ROOT, "%02x", value));
        }
        if (allZero) {
            return Validation.invalid("MAC address '" + trimmed + "' is all zeros");
        }
        return Validation.valid(new MacAddress(sb.toString()));
    }

    public String oui() {
        return canonical.substring(0, 8);
    }

    public boolean isRaspberryPi() {
        return RASPBERRY_PI_OUIS.contains(oui());
    }

    @Override
    public String toString() {
        return canonical;
    }
}
