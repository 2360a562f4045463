package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Parsers for the two lease files PiRack reads. Unreadable records are skipped, never guessed. */
public final class LeaseParsers {

    private LeaseParsers() {
    }

    /**
     * macOS bootpd's {@code /var/db/dhcpd_leases}: blocks of {@code key=value} lines between braces.
     * {@code hw_address=1,<mac>} for an Ethernet client; with a non-MAC client id it holds the id
     * ({@code ff,…}). MAC octets lose leading zeros there ({@code 52:54:0:eb:c4:7}).
     */
    public static List<DhcpLease> parseDhcpdLeases(String text) {
        List<DhcpLease> leases = new ArrayList<>();
        Map<String, String> block = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.equals("{")) {
                block = new HashMap<>();
            } else if (line.equals("}")) {
                if (block != null) {
                    dhcpdLease(block).ifPresent(leases::add);
                }
                block = null;
            } else if (block != null && line.contains("=")) {
                int eq = line.indexOf('=');
                block.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return leases;
    }

    private static Optional<DhcpLease> dhcpdLease(Map<String, String> block) {
        Validation<Ipv4Address> ip = Ipv4Address.parse(block.getOrDefault("ip_address", ""));
        if (!ip.isValid()) {
            return Optional.empty();
        }
        String hw = block.getOrDefault("hw_address", "");
        String identifier = block.getOrDefault("identifier", "");
        Optional<MacAddress> mac = hw.startsWith("1,") ? optional(MacAddress.parse(hw.substring(2))) : Optional.empty();
        String clientId = identifier.isEmpty() && !hw.startsWith("1,") ? hw : identifier;
        boolean macClientId = clientId.isEmpty()
                || (clientId.startsWith("1,") && mac.isPresent() && optional(MacAddress.parse(clientId.substring(2))).equals(mac));
        Instant expiry = null;
        String lease = block.getOrDefault("lease", "");
        if (lease.matches("0x[0-9a-fA-F]{1,15}")) {
            expiry = Instant.ofEpochSecond(Long.parseLong(lease.substring(2), 16));
        }
        return Optional.of(new DhcpLease(block.getOrDefault("name", ""), ip.orThrow(), mac, clientId, macClientId, expiry));
    }

    /**
     * A dnsmasq lease file: {@code <expiry-epoch> <mac> <ip> <hostname|*> <client-id|*>} per line.
     * A client id of {@code 01:<mac>} is the MAC one; anything else (e.g. {@code ff:…} DUID) is not.
     */
    public static List<DhcpLease> parseDnsmasqLeases(String text) {
        List<DhcpLease> leases = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length < 3 || !fields[0].matches("[0-9]{1,15}")) {
                continue;
            }
            Validation<Ipv4Address> ip = Ipv4Address.parse(fields[2]);
            if (!ip.isValid()) {
                continue;
            }
            Optional<MacAddress> mac = optional(MacAddress.parse(fields[1]));
            String name = fields.length > 3 && !fields[3].equals("*") ? fields[3] : "";
            String clientId = fields.length > 4 && !fields[4].equals("*") ? fields[4].toLowerCase(Locale.ROOT) : "";
            boolean macClientId = clientId.isEmpty()
                    || (clientId.startsWith("01:") && mac.isPresent() && optional(MacAddress.parse(clientId.substring(3))).equals(mac));
            Instant expiry = Long.parseLong(fields[0]) == 0 ? null : Instant.ofEpochSecond(Long.parseLong(fields[0]));
            leases.add(new DhcpLease(name, ip.orThrow(), mac, clientId, macClientId, expiry));
        }
        return leases;
    }

    static <T> Optional<T> optional(Validation<T> validation) {
        return validation.isValid() ? Optional.of(validation.orThrow()) : Optional.empty();
    }
}
