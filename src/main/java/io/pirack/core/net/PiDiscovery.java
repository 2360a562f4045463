package io.pirack.core.net;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the Pis on the booth network and suggests their fixed addresses. */
public final class PiDiscovery {

    /** The first suggested host number: .101, .102, … in slot order. */
    public static final int FIRST_SUGGESTED_HOST = 101;

    private PiDiscovery() {
    }

    /** The Pis in a captured snapshot: its lease file and ARP on the sharing interface. */
    public static List<DiscoveredPi> discover(HostSnapshot snapshot) {
        return discover(DoctorChecks.leases(snapshot), snapshot.file(SnapshotFiles.ARP).map(ArpEntry::parseArpAn).orElse(List.of()),
                DoctorChecks.sharingInterfaceName(snapshot));
    }

    /**
     * Pis from the lease file and ARP, filtered by the Raspberry Pi OUIs, ordered by MAC.
     *
     * @param arpInterface only ARP entries on this interface count (the sharing bridge); empty: all
     */
    public static List<DiscoveredPi> discover(List<DhcpLease> leases, List<ArpEntry> arp, Optional<String> arpInterface) {
        Map<Ipv4Address, MacAddress> arpByIp = new LinkedHashMap<>();
        Map<MacAddress, Ipv4Address> arpByMac = new LinkedHashMap<>();
        for (ArpEntry entry : arp) {
            if (entry.mac().isEmpty() || entry.permanent() || (arpInterface.isPresent() && !arpInterface.get().equals(entry.iface()))) {
                continue;
            }
            arpByIp.put(entry.ip(), entry.mac().get());
            arpByMac.put(entry.mac().get(), entry.ip());
        }
        Map<MacAddress, DhcpLease> newestLease = new LinkedHashMap<>();
        for (DhcpLease lease : leases) {
            Optional<MacAddress> mac = leaseMac(lease, arpByIp);
            if (mac.isEmpty()) {
                continue;
            }
            newestLease.merge(mac.get(), lease, (a, b) -> expiry(b).isAfter(expiry(a)) ? b : a);
        }
        Set<MacAddress> macs = new HashSet<>(arpByMac.keySet());
        macs.addAll(newestLease.keySet());
        List<DiscoveredPi> pis = new ArrayList<>();
        for (MacAddress mac : macs) {
            if (!mac.isRaspberryPi()) {
                continue;
            }
            DhcpLease lease = newestLease.get(mac);
            Optional<Ipv4Address> ip = Optional.ofNullable(arpByMac.get(mac)).or(() -> Optional.ofNullable(lease).map(DhcpLease::ip));
            pis.add(new DiscoveredPi(mac, ip, lease == null ? "" : lease.name(), arpByMac.containsKey(mac),
                    lease != null && lease.hasNonMacClientId() ? lease.clientId() : ""));
        }
        pis.sort(Comparator.comparing(p -> p.mac().canonical()));
        return pis;
    }

    /** The lease's MAC: its own, else the one inside a DUID client id, else ARP's for its IP. */
    public static Optional<MacAddress> leaseMac(DhcpLease lease, Map<Ipv4Address, MacAddress> arpByIp) {
        return lease.mac().or(() -> macInClientId(lease.clientId())).or(() -> Optional.ofNullable(arpByIp.get(lease.ip())));
    }

    private static Instant expiry(DhcpLease lease) {
        return lease.expiry() == null ? Instant.EPOCH : lease.expiry();
    }

    /**
     * The Ethernet address inside an RFC 4361 client id ({@code ff}, 4-byte IAID, DUID) when the DUID
     * is link-layer based (DUID-LLT type 1 or DUID-LL type 3, hardware type 1).
     */
    public static Optional<MacAddress> macInClientId(String clientId) {
        String hex = clientId.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f:,]", "");
        String[] parts = hex.split("[:,]");
        List<Integer> bytes = new ArrayList<>();
        for (String part : parts) {
            if (!part.matches("[0-9a-f]{1,2}")) {
                return Optional.empty();
            }
            bytes.add(Integer.parseInt(part, 16));
        }
        if (bytes.size() < 5 || bytes.get(0) != 0xff) {
            return Optional.empty();
        }
        List<Integer> duid = bytes.subList(5, bytes.size());
        int macStart;
        if (duid.size() == 14 && duid.get(1) == 1 && duid.get(3) == 1) {
            macStart = 8;
        } else if (duid.size() == 10 && duid.get(1) == 3 && duid.get(3) == 1) {
            macStart = 4;
        } else {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (int i = macStart; i < macStart + 6; i++) {
            sb.append(i > macStart ? ":" : "").append(String.format(Locale.ROOT, "%02x", duid.get(i)));
        }
        return LeaseParsers.optional(MacAddress.parse(sb.toString()));
    }

    /**
     * Suggested fixed addresses in slot order: .101, .102, … of the subnet, skipping any in
     * {@code taken} (foreign bootptab entries, the gateway). Slots that already have an IP keep it.
     */
    public static List<Ipv4Address> suggestAddresses(int slotCount, Ipv4Subnet subnet, Set<Ipv4Address> taken) {
        List<Ipv4Address> suggestions = new ArrayList<>();
        Ipv4Address candidate = subnet.network().plus(FIRST_SUGGESTED_HOST);
        while (suggestions.size() < slotCount && subnet.contains(candidate) && !candidate.equals(subnet.broadcast())) {
            if (!taken.contains(candidate)) {
                suggestions.add(candidate);
            }
            candidate = candidate.plus(1);
        }
        return suggestions;
    }

    /** The rack with every slot lacking an IP given the next suggested one. */
    public static RackSpec withSuggestedAddresses(RackSpec rack, Ipv4Subnet subnet, Set<Ipv4Address> taken) {
        Set<Ipv4Address> used = new HashSet<>(taken);
        rack.slots().stream().map(PiSlot::ip).filter(ip -> ip != null && Ipv4Address.parse(ip).isValid())
                .forEach(ip -> used.add(Ipv4Address.of(ip)));
        List<Ipv4Address> free = suggestAddresses(rack.slots().size(), subnet, used);
        List<PiSlot> slots = new ArrayList<>();
        int next = 0;
        for (PiSlot slot : rack.slots()) {
            if (slot.ip() == null && next < free.size()) {
                slots.add(slot.withIp(free.get(next++).toString()));
            } else {
                slots.add(slot);
            }
        }
        return rack.withSlots(slots);
    }

    /** Assigns a discovered Pi to a slot: the slot takes its MAC; any other slot holding that MAC lets go. */
    public static RackSpec assign(RackSpec rack, String slotHostname, MacAddress mac) {
        List<PiSlot> slots = new ArrayList<>();
        for (PiSlot slot : rack.slots()) {
            if (slot.hostname().equals(slotHostname)) {
                slots.add(slot.withMac(mac.canonical()));
            } else if (mac.canonical().equals(slot.mac())) {
                slots.add(slot.withMac(null));
            } else {
                slots.add(slot);
            }
        }
        return rack.withSlots(slots);
    }
}
