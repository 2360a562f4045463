package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import java.util.Optional;

/**
 * A Raspberry Pi seen on the booth network.
 *
 * @param currentIp      where it is now (ARP first, then its newest lease)
 * @param hostname       the name its DHCP client sent ("" when none)
 * @param seenInArp      answered ARP on the sharing interface
 * @param nonMacClientId the client id of a lease that will not match a {@code 1 <mac>} entry, or ""
 */
public record DiscoveredPi(MacAddress mac, Optional<Ipv4Address> currentIp, String hostname, boolean seenInArp,
                           String nonMacClientId) {

    public boolean hasNonMacClientId() {
        return !nonMacClientId.isEmpty();
    }
}
