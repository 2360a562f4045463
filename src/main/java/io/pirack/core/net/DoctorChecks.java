package io.pirack.core.net;

import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The offline booth-network checks (issue 7, checks 1–4 and 6) over a captured {@link HostSnapshot}.
 * Check 5 needs the Pis themselves and lives with the SSH adapters.
 */
public final class DoctorChecks {

    public static final String INTERNET_SHARING = "internet-sharing";
    public static final String SHARING_BRIDGE = "sharing-bridge";
    public static final String BOOTPTAB = "bootptab";
    public static final String DHCP_HOSTS = "dhcp-hosts";
    public static final String PI_ADDRESS = "pi-address";
    public static final String CLIENT_ID = "client-id";

    static final String SHARING_FIX = "Open System Settings > General > Sharing, turn on Internet Sharing from Wi-Fi to the USB Ethernet adapter";
    static final String CLIENT_ID_FIX = "Make the Pi send its MAC as client id: dhcpcd: replace 'duid' with 'clientid' in /etc/dhcpcd.conf; "
            + "NetworkManager: nmcli connection modify <connection> ipv4.dhcp-client-id mac; netplan: dhcp-identifier: mac. "
            + "Or set dhcp_ignore_client_identifier in /etc/bootpd.plist on the Mac";

    private DoctorChecks() {
    }

    public static List<CheckResult> run(HostSnapshot snapshot) {
        return run(snapshot, HostFlavour.detect(snapshot));
    }

    /** The offline checks against the host flavour detected once for this snapshot (its subnet is the one every check uses). */
    public static List<CheckResult> run(HostSnapshot snapshot, HostFlavour flavour) {
        List<CheckResult> results = new ArrayList<>(snapshot.platform() == HostSnapshot.Platform.LINUX
                ? LinuxDoctorChecks.run(snapshot, flavour) : runMacOs(snapshot, flavour));
        int after = Math.min(2, results.size());
        HostChecks.vmNetworks(snapshot, flavour).ifPresent(r -> results.add(after, r));
        HostChecks.rackSubnet(snapshot, flavour).ifPresent(r -> results.add(after, r));
        return results;
    }

    static List<CheckResult> runMacOs(HostSnapshot snapshot, HostFlavour flavour) {
        List<CheckResult> results = new ArrayList<>();
        Optional<NatConfig> nat = Optional.empty();
        String natError = "";
        if (snapshot.file(SnapshotFiles.NAT_PLIST).isPresent()) {
            try {
                nat = Optional.of(PlistXml.natConfig(snapshot.file(SnapshotFiles.NAT_PLIST).get()));
            } catch (PlistXml.PlistException e) {
                natError = e.getMessage();
            }
        }
        Optional<List<NetInterface>> interfaces = snapshot.file(SnapshotFiles.IFCONFIG).map(InterfaceParsers::parseIfconfig);
        Ipv4Subnet subnet = flavour.subnet();
        Optional<NetInterface> bridge = interfaces.flatMap(list -> sharingBridge(list, subnet));
        results.add(internetSharing(snapshot, nat, natError, bridge));
        results.add(sharingBridge(snapshot, interfaces, subnet, nat));
        results.add(bootptab(snapshot, subnet));
        List<DhcpLease> leases = snapshot.file(SnapshotFiles.DHCPD_LEASES).map(LeaseParsers::parseDhcpdLeases).orElse(List.of());
        boolean haveLeases = snapshot.file(SnapshotFiles.DHCPD_LEASES).isPresent() || snapshot.absent(SnapshotFiles.DHCPD_LEASES);
        results.addAll(piAddresses(snapshot, leases, haveLeases, bridge.map(NetInterface::name), SnapshotFiles.DHCPD_LEASES));
        results.addAll(clientIds(snapshot, leases, snapshot.file(SnapshotFiles.DHCPD_LEASES).isPresent(), SnapshotFiles.DHCPD_LEASES, CLIENT_ID_FIX, CheckStatus.FAIL));
        return results;
    }

    /** The interface the Pis are on: the sharing bridge (macOS) or the shared wired interface (Linux). */
    public static Optional<String> sharingInterfaceName(HostSnapshot snapshot) {
        if (snapshot.platform() == HostSnapshot.Platform.LINUX) {
            return sharedConnection(snapshot).map(SystemParsers.NmConnection::device);
        }
        return snapshot.file(SnapshotFiles.IFCONFIG).map(InterfaceParsers::parseIfconfig)
                .flatMap(list -> sharingBridge(list, HostFlavour.detect(snapshot).subnet())).map(NetInterface::name);
    }

    /** Linux: the active NetworkManager connection that shares the wired interface. */
    public static Optional<SystemParsers.NmConnection> sharedConnection(HostSnapshot snapshot) {
        List<SystemParsers.NmConnection> connections = snapshot.file(SnapshotFiles.NMCLI_CONNECTIONS)
                .map(SystemParsers::parseNmcliConnections).orElse(List.of());
        Optional<NetInterface> shared = snapshot.file(SnapshotFiles.IP_ADDR).map(InterfaceParsers::parseIpAddr)
                .flatMap(list -> LinuxDoctorChecks.sharedInterface(list, connections));
        return shared.flatMap(i -> connections.stream().filter(c -> c.device().equals(i.name())).findFirst());
    }

    /** The lease file of the snapshot's platform, parsed (empty when not captured). */
    public static List<DhcpLease> leases(HostSnapshot snapshot) {
        return snapshot.platform() == HostSnapshot.Platform.LINUX
                ? snapshot.file(SnapshotFiles.DNSMASQ_LEASES).map(LeaseParsers::parseDnsmasqLeases).orElse(List.of())
                : snapshot.file(SnapshotFiles.DHCPD_LEASES).map(LeaseParsers::parseDhcpdLeases).orElse(List.of());
    }

    /** The bridge holding the gateway address with a member that is not a virtualisation interface. */
    static Optional<NetInterface> sharingBridge(List<NetInterface> interfaces, Ipv4Subnet subnet) {
        return interfaces.stream().filter(NetInterface::isBridge).filter(i -> i.hasAddress(subnet.gateway()))
                .filter(i -> i.virtualNetworkOwner().isEmpty() && !i.members().isEmpty())
                .findFirst();
    }

    private static CheckResult internetSharing(HostSnapshot snapshot, Optional<NatConfig> nat, String natError,
                                               Optional<NetInterface> bridge) {
        if (snapshot.file(SnapshotFiles.NAT_PLIST).isEmpty()) {
            if (snapshot.absent(SnapshotFiles.NAT_PLIST)) {
                return CheckResult.fail(INTERNET_SHARING, "Internet Sharing has never been set up on this Mac (no com.apple.nat.plist)",
                        List.of(), SHARING_FIX, CheckResult.OPEN_SHARING_PANE);
            }
            return CheckResult.skip(INTERNET_SHARING, snapshot.missingReason(SnapshotFiles.NAT_PLIST));
        }
        if (nat.isEmpty()) {
            return CheckResult.fail(INTERNET_SHARING, "com.apple.nat.plist cannot be read: " + natError, List.of(),
                    SHARING_FIX, CheckResult.OPEN_SHARING_PANE);
        }
        NatConfig config = nat.get();
        List<String> evidence = new ArrayList<>();
        evidence.add("NAT.Enabled = " + (config.enabled() ? 1 : 0));
        evidence.add("NAT.SharingDevices = " + config.sharingDevices());
        if (!config.enabled()) {
            return CheckResult.fail(INTERNET_SHARING, "Internet Sharing is off (NAT.Enabled = 0)", evidence, SHARING_FIX,
                    CheckResult.OPEN_SHARING_PANE);
        }
        if (config.sharingDevices().isEmpty()) {
            return CheckResult.fail(INTERNET_SHARING, "Internet Sharing is on but shares to no interface", evidence, SHARING_FIX,
                    CheckResult.OPEN_SHARING_PANE);
        }
        if (bridge.isPresent() && bridge.get().members().stream().noneMatch(config.sharingDevices()::contains)) {
            evidence.add(bridge.get().name() + " members: " + bridge.get().members());
            return CheckResult.fail(INTERNET_SHARING, "Internet Sharing shares to " + String.join(", ", config.sharingDevices())
                    + " but the Pis' adapter is " + String.join(", ", bridge.get().members()), evidence,
                    "In the Sharing pane, tick the USB Ethernet adapter under \"To computers using\"", CheckResult.OPEN_SHARING_PANE);
        }
        if (snapshot.file(SnapshotFiles.LAUNCHCTL_SHARING).isEmpty()) {
            return CheckResult.warn(INTERNET_SHARING, "Internet Sharing is on for " + String.join(", ", config.sharingDevices())
                            + ", but the NetworkSharing service could not be checked: " + snapshot.missingReason(SnapshotFiles.LAUNCHCTL_SHARING),
                    evidence, "", "");
        }
        SystemParsers.LaunchdService service = SystemParsers.parseLaunchctlPrint(snapshot.file(SnapshotFiles.LAUNCHCTL_SHARING).get());
        evidence.add("com.apple.NetworkSharing state = " + service.state());
        if (!service.running()) {
            return CheckResult.fail(INTERNET_SHARING, "Internet Sharing is switched on but its service is not running ("
                    + service.state() + ")", evidence, "Turn Internet Sharing off and on again in the Sharing pane",
                    CheckResult.OPEN_SHARING_PANE);
        }
        return CheckResult.pass(INTERNET_SHARING, "Internet Sharing is on for " + String.join(", ", config.sharingDevices())
                + " and its service is running", evidence);
    }

    private static CheckResult sharingBridge(HostSnapshot snapshot, Optional<List<NetInterface>> interfaces, Ipv4Subnet subnet,
                                             Optional<NatConfig> nat) {
        if (interfaces.isEmpty()) {
            return CheckResult.skip(SHARING_BRIDGE, snapshot.missingReason(SnapshotFiles.IFCONFIG));
        }
        List<NetInterface> all = interfaces.get();
        Optional<NetInterface> bridge = sharingBridge(all, subnet);
        List<NetInterface> virtual = all.stream().filter(NetInterface::isBridge).filter(NetInterface::hasVirtualisationMembers)
                .filter(i -> i.addressOn(subnet).isPresent()).toList();
        List<String> evidence = new ArrayList<>();
        virtual.forEach(v -> evidence.add(v.name() + " " + v.addressOn(subnet).get() + " members " + v.members()));
        if (bridge.isEmpty()) {
            if (!virtual.isEmpty()) {
                NetInterface vm = virtual.get(0);
                return CheckResult.fail(SHARING_BRIDGE, vm.name() + " holds " + subnet.gateway() + " but its member "
                        + String.join(", ", vm.members()) + " is a virtual machine's network, not Internet Sharing's USB adapter "
                        + "(see " + HostChecks.VM_NETWORK + ")", evidence,
                        "Stop the virtual machines (multipass stop --all, limactl stop --all, or quit UTM/tart), then turn Internet Sharing "
                                + "off and on", CheckResult.OPEN_SHARING_PANE);
            }
            return CheckResult.fail(SHARING_BRIDGE, "no sharing bridge has the gateway address " + subnet.gateway()
                    + " with the USB adapter as member", evidence, SHARING_FIX, CheckResult.OPEN_SHARING_PANE);
        }
        NetInterface found = bridge.get();
        evidence.add(0, found.name() + " " + found.addressOn(subnet).get() + " members " + found.members());
        String members = String.join(", ", found.members());
        if (nat.isPresent() && found.members().stream().noneMatch(nat.get().sharingDevices()::contains)) {
            return CheckResult.warn(SHARING_BRIDGE, found.name() + " has " + subnet.gateway() + " but its member " + members
                    + " is not a shared device in com.apple.nat.plist", evidence, SHARING_FIX, CheckResult.OPEN_SHARING_PANE);
        }
        return CheckResult.pass(SHARING_BRIDGE, found.name() + " has " + found.addressOn(subnet).get() + " with member " + members, evidence);
    }

    private static CheckResult bootptab(HostSnapshot snapshot, Ipv4Subnet subnet) {
        if (snapshot.file(SnapshotFiles.BOOTPTAB).isEmpty()) {
            if (snapshot.absent(SnapshotFiles.BOOTPTAB)) {
                return CheckResult.fail(BOOTPTAB, "there is no /etc/bootptab, so every Pi gets a dynamic address", List.of(),
                        "Let PiRack write /etc/bootptab", CheckResult.WRITE_BOOTPTAB);
            }
            return CheckResult.skip(BOOTPTAB, snapshot.missingReason(SnapshotFiles.BOOTPTAB));
        }
        BootptabReport report = BootptabParser.parse(snapshot.file(SnapshotFiles.BOOTPTAB).get(), Optional.of(subnet));
        List<String> evidence = report.problems().stream().map(p -> p.format("bootptab")).collect(Collectors.toCollection(ArrayList::new));
        List<String> missing = planMismatches(snapshot.rack(), report.entries());
        evidence.addAll(missing);
        if (report.hasErrors() || !missing.isEmpty()) {
            String first = report.hasErrors() ? report.errors().get(0).format("bootptab") : missing.get(0);
            int count = report.errors().size() + missing.size();
            return CheckResult.fail(BOOTPTAB, count + " problem" + (count == 1 ? "" : "s") + ", first: " + first, evidence,
                    "Let PiRack rewrite its entries in /etc/bootptab (your other lines are kept)", CheckResult.WRITE_BOOTPTAB);
        }
        String summary = report.entries().size() + " entries load" + (snapshot.rack().isPresent() ? ", one per rack Pi" : "");
        if (!report.problems().isEmpty()) {
            return CheckResult.warn(BOOTPTAB, summary + "; " + report.problems().size() + " warning(s), first: "
                    + report.problems().get(0).format("bootptab"), evidence, "", "");
        }
        return CheckResult.pass(BOOTPTAB, summary, evidence);
    }

    /** Rack Pis (with MAC and IP) that the loaded entries do not pin to their planned address and name. */
    static List<String> planMismatches(Optional<RackSpec> rack, List<BootptabEntry> entries) {
        List<String> mismatches = new ArrayList<>();
        for (PiSlot slot : plannedSlots(rack)) {
            String mac = MacAddress.parse(slot.mac()).orThrow().canonical();
            List<BootptabEntry> forMac = entries.stream().filter(e -> e.hwtype() == BootptabEntry.HTYPE_ETHERNET && e.hwaddress().equals(mac)).toList();
            if (forMac.isEmpty()) {
                mismatches.add(slot.hostname() + " (" + mac + ") has no entry");
            } else if (!forMac.get(0).ip().toString().equals(slot.ip()) || !forMac.get(0).hostname().equals(slot.hostname())) {
                mismatches.add(slot.hostname() + " is planned at " + slot.ip() + " but line " + forMac.get(0).line() + " says "
                        + forMac.get(0).normalised());
            }
        }
        return mismatches;
    }

    /** Slots with a valid MAC and IP: the Pis that should have a fixed address. */
    static List<PiSlot> plannedSlots(Optional<RackSpec> rack) {
        return rack.map(RackSpec::slots).orElse(List.of()).stream()
                .filter(s -> s.mac() != null && MacAddress.parse(s.mac()).isValid())
                .filter(s -> s.ip() != null && Ipv4Address.parse(s.ip()).isValid()).toList();
    }

    static List<CheckResult> piAddresses(HostSnapshot snapshot, List<DhcpLease> leases, boolean haveLeases,
                                         Optional<String> bridge, String leaseFile) {
        if (snapshot.rack().isEmpty()) {
            return List.of(CheckResult.skip(PI_ADDRESS, snapshot.missingReason(SnapshotFiles.RACK)));
        }
        Optional<List<ArpEntry>> arp = snapshot.file(SnapshotFiles.ARP).map(ArpEntry::parseArpAn);
        if (arp.isEmpty() && !haveLeases) {
            return List.of(CheckResult.skip(PI_ADDRESS, snapshot.missingReason(SnapshotFiles.ARP) + "; "
                    + snapshot.missingReason(leaseFile)));
        }
        List<DiscoveredPi> seen = PiDiscovery.discover(leases, arp.orElse(List.of()), bridge);
        Map<MacAddress, DiscoveredPi> byMac = seen.stream().collect(Collectors.toMap(DiscoveredPi::mac, Function.identity()));
        List<CheckResult> results = new ArrayList<>();
        for (PiSlot slot : snapshot.rack().get().slots()) {
            String id = PI_ADDRESS + ":" + slot.hostname();
            Validation<MacAddress> mac = slot.mac() == null ? Validation.invalid("") : MacAddress.parse(slot.mac());
            if (!mac.isValid()) {
                results.add(CheckResult.warn(id, slot.hostname() + " has no MAC yet, so it cannot get a fixed address", List.of(),
                        "Assign a discovered Pi to this slot", CheckResult.ASSIGN_ADDRESSES));
                continue;
            }
            DiscoveredPi pi = byMac.get(mac.orThrow());
            if (pi == null || pi.currentIp().isEmpty()) {
                results.add(CheckResult.warn(id, slot.hostname() + " (" + mac.orThrow() + ") is not in ARP or the lease file",
                        List.of(), "Check that it is powered and cabled to the adapter, then run the doctor again", ""));
                continue;
            }
            String at = pi.currentIp().get().toString();
            List<String> evidence = List.of((pi.seenInArp() ? "ARP" : leaseFile) + ": " + mac.orThrow() + " at " + at);
            if (slot.ip() == null) {
                results.add(CheckResult.warn(id, slot.hostname() + " is at " + at + " and has no planned address", evidence,
                        "Give it an address (.101, .102, …) and apply", CheckResult.ASSIGN_ADDRESSES));
            } else if (at.equals(slot.ip())) {
                results.add(CheckResult.pass(id, slot.hostname() + " is at its planned address " + at, evidence));
            } else {
                results.add(CheckResult.fail(id, slot.hostname() + " is at " + at + ", not at its planned " + slot.ip(), evidence,
                        "Release and rebind its DHCP lease (a renew keeps the old address)",
                        CheckResult.RELEASE_REBIND + slot.hostname()));
            }
        }
        return results;
    }

    static List<CheckResult> clientIds(HostSnapshot snapshot, List<DhcpLease> leases, boolean haveLeases, String leaseFile,
                                       String fix, CheckStatus severity) {
        if (!haveLeases) {
            return List.of(CheckResult.skip(CLIENT_ID, snapshot.missingReason(leaseFile)));
        }
        Map<Ipv4Address, MacAddress> arpByIp = new java.util.HashMap<>();
        snapshot.file(SnapshotFiles.ARP).map(ArpEntry::parseArpAn).orElse(List.of())
                .forEach(a -> a.mac().ifPresent(m -> arpByIp.put(a.ip(), m)));
        List<CheckResult> results = new ArrayList<>();
        for (DhcpLease lease : leases) {
            if (!lease.hasNonMacClientId()) {
                continue;
            }
            Optional<MacAddress> mac = PiDiscovery.leaseMac(lease, arpByIp);
            String who = slotFor(snapshot.rack(), mac).orElse(lease.name().isEmpty() ? lease.ip().toString() : lease.name());
            List<String> evidence = List.of(leaseFile + ": " + lease.ip() + " client id " + lease.clientId()
                    + mac.map(m -> " (" + m + ")").orElse(""));
            String message = who + " at " + lease.ip() + " sends a non-MAC client identifier (" + abbreviate(lease.clientId())
                    + "), which does not match a MAC entry";
            boolean isPi = mac.map(MacAddress::isRaspberryPi).orElse(true);
            results.add(new CheckResult(CLIENT_ID + ":" + who, isPi ? severity : CheckStatus.WARN, message, evidence, fix, ""));
        }
        if (results.isEmpty()) {
            results.add(CheckResult.pass(CLIENT_ID, "no lease uses a non-MAC client identifier", List.of()));
        }
        return results;
    }

    private static Optional<String> slotFor(Optional<RackSpec> rack, Optional<MacAddress> mac) {
        if (rack.isEmpty() || mac.isEmpty()) {
            return Optional.empty();
        }
        return rack.get().slots().stream().filter(s -> s.mac() != null && MacAddress.parse(s.mac()).isValid()
                && MacAddress.parse(s.mac()).orThrow().equals(mac.get())).map(PiSlot::hostname).findFirst();
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 21) + "...";
    }
}
