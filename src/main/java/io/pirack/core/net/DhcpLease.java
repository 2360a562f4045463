package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * One dynamic lease from the laptop's DHCP server (macOS {@code /var/db/dhcpd_leases} or a
 * NetworkManager dnsmasq lease file).
 *
 * @param name       client hostname ("" when the client sent none)
 * @param ip         leased address
 * @param mac        the client's Ethernet address, when the lease shows it
 * @param clientId   the raw DHCP client identifier (option 61), "" when none
 * @param macClientId true when the client identifier is absent or is type 1 + the MAC, which is what a
 *                    {@code 1 <mac>} bootptab entry matches
 * @param expiry     when the lease ends (null when unknown)
 */
public record DhcpLease(String name, Ipv4Address ip, Optional<MacAddress> mac, String clientId, boolean macClientId,
                        Instant expiry) {

    /** A client identifier that is not type 1 + MAC, such as a DUID ({@code ff,…}). */
    public boolean hasNonMacClientId() {
        return !macClientId;
    }
}
