package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import java.util.Optional;

/**
 * One host entry exactly as bootpd loads it.
 *
 * @param line      1-based physical line in the file
 * @param hostname  the name as bootpd stored it (case kept)
 * @param hwtype    hardware type (1 = Ethernet)
 * @param hwaddress the octets bootpd read, lower case, zero-padded, joined by ':'
 * @param ip        the address bootpd read
 * @param bootfile  the optional boot file ("" when absent)
 */
public record BootptabEntry(int line, String hostname, int hwtype, String hwaddress, Ipv4Address ip, String bootfile) {

    public static final int HTYPE_ETHERNET = 1;

    /** The MAC address for an Ethernet entry. */
    public Optional<MacAddress> mac() {
        if (hwtype != HTYPE_ETHERNET) {
            return Optional.empty();
        }
        return Optional.of(new MacAddress(hwaddress));
    }

    /** {@code hostname mac ip}, as {@code pirack bootptab check} prints it. */
    public String normalised() {
        return hostname + " " + hwaddress + " " + ip;
    }
}
