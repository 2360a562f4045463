package io.pirack.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.MacAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HostOutputParsersTest {

    @Test
    void macOsLeaseFileGivesZeroPaddedMacAndHexExpiry() {
        List<DhcpLease> leases = LeaseParsers.parseDhcpdLeases(Fixtures.text("macos/dhcpd_leases.macos26"));
        assertEquals(1, leases.size());
        DhcpLease lease = leases.get(0);
        assertEquals("personable-dragon", lease.name());
        assertEquals(Ipv4Address.of("192.168.2.2"), lease.ip());
        assertEquals(Optional.of(MacAddress.parse("52:54:00:55:1a:c8").orThrow()), lease.mac());
        assertEquals(Instant.ofEpochSecond(0x68d19729L), lease.expiry());
        assertFalse(lease.hasNonMacClientId());
    }

    @Test
    void duidClientIdLeaseIsFlaggedAndItsMacRecovered() {
        List<DhcpLease> leases = LeaseParsers.parseDhcpdLeases(Fixtures.text("written/dhcpd_leases.duid"));
        DhcpLease duid = leases.get(0);
        assertTrue(duid.hasNonMacClientId());
        assertEquals(Optional.empty(), duid.mac());
        assertEquals(Optional.of(MacAddress.parse("d8:3a:dd:01:02:03").orThrow()), PiDiscovery.macInClientId(duid.clientId()));
        assertFalse(leases.get(1).hasNonMacClientId());
    }

    @Test
    void dnsmasqLeaseLineWithMacClientId() {
        List<DhcpLease> leases = LeaseParsers.parseDnsmasqLeases(Fixtures.text("linux/dnsmasq-eth0.leases"));
        assertEquals(1, leases.size());
        assertEquals("ingfisica-desktop", leases.get(0).name());
        assertEquals(Ipv4Address.of("10.42.0.110"), leases.get(0).ip());
        assertEquals("3c:6d:66:61:da:f1", leases.get(0).mac().orElseThrow().canonical());
        assertFalse(leases.get(0).hasNonMacClientId());
    }

    @Test
    void dnsmasqLeaseWithDuidClientIdIsFlagged() {
        List<DhcpLease> leases = LeaseParsers.parseDnsmasqLeases(
                "1776551622 dc:a6:32:01:02:03 10.42.0.57 rpi1 ff:f3:9c:2a:1b:00:01:00:01:2c:5e:11:22:dc:a6:32:01:02:03\n"
                        + "0 dc:a6:32:01:02:04 10.42.0.58 * *\n");
        assertTrue(leases.get(0).hasNonMacClientId());
        assertFalse(leases.get(1).hasNonMacClientId());
        assertEquals("", leases.get(1).name());
        assertEquals(null, leases.get(1).expiry());
    }

    @Test
    void ifconfigWithSharingOnShowsTheBridgeItsAddressAndTheUsbMember() {
        List<NetInterface> interfaces = InterfaceParsers.parseIfconfig(Fixtures.text("macos/ifconfig-bridge100.sharing-on.txt"));
        assertEquals(1, interfaces.size());
        NetInterface bridge = interfaces.get(0);
        assertEquals("bridge100", bridge.name());
        assertEquals("[192.168.2.1/24]", bridge.addresses().toString());
        assertEquals(List.of("en12"), bridge.members());
        assertTrue(bridge.up());
        assertFalse(bridge.hasVirtualisationMembers());
    }

    @Test
    void ifconfigWithSharingOffHasNoInterfaces() {
        assertEquals(List.of(), InterfaceParsers.parseIfconfig(Fixtures.text("macos/ifconfig-bridge100.sharing-off.txt")));
    }

    @Test
    void vmnetBridgeIsRecognisedByItsMembers() {
        List<NetInterface> interfaces = InterfaceParsers.parseIfconfig(Fixtures.text("written/ifconfig-vmnet-and-sharing.txt"));
        assertEquals(List.of("lo0", "en0", "en12", "bridge100", "bridge101"), interfaces.stream().map(NetInterface::name).toList());
        assertTrue(interfaces.get(4).hasVirtualisationMembers());
        assertEquals("[10.0.1.23/24]", interfaces.get(1).addresses().toString());
    }

    @Test
    void ipAddrGivesAddressesAndBridgeMembersFromMaster() {
        List<NetInterface> interfaces = InterfaceParsers.parseIpAddr(Fixtures.text("written/ip-addr.txt"));
        assertEquals(List.of("lo", "eth0", "wlan0", "virbr0", "vnet0"), interfaces.stream().map(NetInterface::name).toList());
        assertEquals("[10.42.0.1/24]", interfaces.get(1).addresses().toString());
        assertEquals(List.of("vnet0"), interfaces.get(3).members());
    }

    @Test
    void arpListingKeepsInterfacesAndSkipsIncompleteMacs() {
        List<ArpEntry> entries = ArpEntry.parseArpAn(Fixtures.text("macos/arp-an.txt"));
        assertEquals(4, entries.size());
        assertEquals("en0", entries.get(0).iface());
        assertTrue(entries.get(1).permanent());
        assertEquals(Optional.empty(), entries.get(2).mac());
        assertEquals("52:54:00:55:1a:c8", entries.get(3).mac().orElseThrow().canonical());
        assertEquals("bridge100", entries.get(3).iface());
    }

    @Test
    void natPlistFixtureIsEnabledAndSharesEn5() throws Exception {
        NatConfig nat = PlistXml.natConfig(Fixtures.text("macos/com.apple.nat.plist"));
        assertTrue(nat.enabled());
        assertEquals(List.of("en5"), nat.sharingDevices());
        assertEquals("en0", nat.primaryDevice());
    }

    @Test
    void olderNatPlistWithSharingInterfacesIsRead() throws Exception {
        String older = Fixtures.text("macos/com.apple.nat.plist").replace("SharingDevices", "SharingInterfaces")
                .replace("<integer>1</integer>\n    <key>NatPortMapDisabled", "<integer>0</integer>\n    <key>NatPortMapDisabled");
        NatConfig nat = PlistXml.natConfig(older);
        assertFalse(nat.enabled());
        assertEquals(List.of("en5"), nat.sharingDevices());
    }

    @Test
    void brokenPlistIsRejectedWithAReason() {
        PlistXml.PlistException e = assertThrows(PlistXml.PlistException.class,
                () -> PlistXml.natConfig("<plist><dict><key>NAT</key><dict><key>Enabled</key><integer>1</integer></dict>"));
        assertEquals("the property list ends before it is complete", e.getMessage());
    }

    @Test
    void launchctlPrintShowsRunningStateAndPid() {
        SystemParsers.LaunchdService running = SystemParsers.parseLaunchctlPrint(Fixtures.text("written/launchctl-networksharing.running.txt"));
        assertTrue(running.running());
        assertEquals(OptionalInt.of(48213), running.pid());
        SystemParsers.LaunchdService missing = SystemParsers.parseLaunchctlPrint(Fixtures.text("written/launchctl-networksharing.missing.txt"));
        assertFalse(missing.loaded());
        assertFalse(missing.running());
    }

    @Test
    void swVersGivesTheMajorVersion() {
        SystemParsers.MacOsVersion version = SystemParsers.parseSwVers(Fixtures.text("written/sw_vers.txt")).orElseThrow();
        assertEquals("14.6.1", version.productVersion());
        assertEquals(14, version.major());
    }

    @Test
    void nmcliTerseListingUnescapesColons() {
        List<SystemParsers.NmConnection> connections = SystemParsers.parseNmcliConnections(Fixtures.text("written/nmcli-connections.txt"));
        assertEquals("Wired connection 1", connections.get(0).name());
        assertTrue(connections.get(0).isWired());
        assertEquals("Home: 5G", connections.get(1).name());
        assertEquals("wlan0", connections.get(1).device());
    }

    @Test
    void dnsmasqHostFileRoundTrips() {
        StaticLease lease = new StaticLease("rpi1", MacAddress.parse("b8:27:eb:5b:0d:0f").orThrow(), Ipv4Address.of("10.42.0.101"));
        String text = DnsmasqHostsFile.render(List.of(lease));
        assertTrue(text.endsWith("dhcp-host=b8:27:eb:5b:0d:0f,id:*,10.42.0.101,rpi1\n"));
        DnsmasqHostsFile.HostLine line = DnsmasqHostsFile.parse(text).get(0);
        assertEquals(Optional.of(lease.mac()), line.mac());
        assertEquals(Optional.of(lease.ip()), line.ip());
        assertEquals("rpi1", line.hostname());
        assertTrue(line.ignoresClientId());
    }
}
