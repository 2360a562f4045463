package io.pirack.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiDiscoveryTest {

    private static final String ARP = Fixtures.text("macos/arp-an.txt")
            + "? (192.168.2.5) at e4:5f:1:70:cd:38 on bridge100 ifscope [bridge]\n"
            + "? (10.0.1.9) at dc:a6:32:9:9:9 on en0 ifscope [ethernet]\n";

    @Test
    void onlyRaspberryPiOuisOnTheBridgeAreListed() {
        List<DiscoveredPi> pis = PiDiscovery.discover(LeaseParsers.parseDhcpdLeases(Fixtures.text("macos/dhcpd_leases.macos26")),
                ArpEntry.parseArpAn(ARP), Optional.of("bridge100"));
        assertEquals(1, pis.size());
        assertEquals("e4:5f:01:70:cd:38", pis.get(0).mac().canonical());
        assertEquals(Optional.of(Ipv4Address.of("192.168.2.5")), pis.get(0).currentIp());
    }

    @Test
    void leasesAddPisThatArpHasNotSeenAndFlagDuidClients() {
        List<DiscoveredPi> pis = PiDiscovery.discover(LeaseParsers.parseDhcpdLeases(Fixtures.text("written/dhcpd_leases.duid")),
                List.of(), Optional.of("bridge100"));
        assertEquals(List.of("b8:27:eb:a1:5f:5a", "d8:3a:dd:01:02:03"), pis.stream().map(p -> p.mac().canonical()).toList());
        assertEquals("rpi3", pis.get(1).hostname());
        assertEquals(true, pis.get(1).hasNonMacClientId());
        assertEquals(false, pis.get(0).hasNonMacClientId());
    }

    @Test
    void suggestionsStartAt101InSlotOrderAndSkipTakenAddresses() {
        List<Ipv4Address> suggestions = PiDiscovery.suggestAddresses(3, Ipv4Subnet.MACOS_INTERNET_SHARING,
                Set.of(Ipv4Address.of("192.168.2.102")));
        assertEquals("[192.168.2.101, 192.168.2.103, 192.168.2.104]", suggestions.toString());
    }

    @Test
    void slotsWithoutAnAddressGetTheNextFreeSuggestion() {
        RackSpec rack = RackSpec.rehearsal(3);
        rack = rack.withSlots(List.of(rack.slots().get(0).withIp(null), rack.slots().get(1), rack.slots().get(2).withIp(null)));
        RackSpec suggested = PiDiscovery.withSuggestedAddresses(rack, Ipv4Subnet.MACOS_INTERNET_SHARING, Set.of());
        assertEquals(List.of("192.168.2.101", "192.168.2.102", "192.168.2.103"), suggested.slots().stream().map(PiSlot::ip).toList());
    }

    @Test
    void assigningAMacMovesItFromAnyOtherSlot() {
        MacAddress mac = MacAddress.parse("dc:a6:32:00:00:01").orThrow();
        RackSpec rack = PiDiscovery.assign(RackSpec.rehearsal(2), "rpi1", mac);
        rack = PiDiscovery.assign(rack, "rpi2", mac);
        assertEquals(null, rack.slots().get(0).mac());
        assertEquals(mac.canonical(), rack.slots().get(1).mac());
    }
}
