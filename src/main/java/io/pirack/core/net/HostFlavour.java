package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How this computer shares its connection with the Pis, detected once per capture and used by every
 * check, the Network screen's heading and {@code pirack doctor}'s first line, so they never disagree
 * on the gateway: macOS Internet Sharing (192.168.2.0/24 by default), a Linux NetworkManager
 * "shared" connection (10.42.0.0/24 by default), dnsmasq started by hand, or nothing found.
 *
 * @param subnet    the booth subnet this host serves (when nothing is found: what the platform's
 *                  sharing would use, which is what the checks then expect)
 * @param device    the interface the Pis are on, when found
 * @param evidence  the lines the verdict rests on
 */
public record HostFlavour(Kind kind, HostSnapshot.Platform platform, Ipv4Subnet subnet, Optional<String> device,
                          List<String> evidence) {

    /** The sharing mechanisms PiRack knows. */
    public enum Kind {
        MACOS_INTERNET_SHARING("Internet Sharing"),
        LINUX_NM_SHARED("NetworkManager shared"),
        LINUX_DNSMASQ("dnsmasq by hand"),
        NONE("no sharing found");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final Ipv4Subnet NM_SHARED_DEFAULT = Ipv4Subnet.parse("10.42.0.0/24").orThrow();

    public HostFlavour {
        evidence = List.copyOf(evidence);
    }

    /** "Linux · NetworkManager shared · 10.42.0.0/24", "macOS · no sharing found · expects 192.168.2.0/24". */
    public String label() {
        String os = platform == HostSnapshot.Platform.MACOS ? "macOS" : "Linux";
        return os + " · " + kind.label() + " · " + (kind == Kind.NONE ? "expects " : "") + subnet;
    }

    public boolean found() {
        return kind != Kind.NONE;
    }

    /** The platform's own sharing subnet: what the checks expect when nothing shares yet. */
    public static Ipv4Subnet platformDefault(HostSnapshot.Platform platform) {
        return platform == HostSnapshot.Platform.MACOS ? Ipv4Subnet.MACOS_INTERNET_SHARING : NM_SHARED_DEFAULT;
    }

    public static HostFlavour detect(HostSnapshot snapshot) {
        return snapshot.platform() == HostSnapshot.Platform.MACOS ? macOs(snapshot) : linux(snapshot);
    }

    private static HostFlavour macOs(HostSnapshot snapshot) {
        List<NetInterface> interfaces = snapshot.file(SnapshotFiles.IFCONFIG).map(InterfaceParsers::parseIfconfig).orElse(List.of());
        Optional<NetInterface> bridge = interfaces.stream().filter(NetInterface::isBridge)
                .filter(i -> i.virtualNetworkOwner().isEmpty() && !i.members().isEmpty())
                .filter(i -> i.addresses().stream().anyMatch(HostFlavour::isGatewayOfPrivateNet))
                .min((a, b) -> Boolean.compare(a.addressOn(Ipv4Subnet.MACOS_INTERNET_SHARING).isEmpty(),
                        b.addressOn(Ipv4Subnet.MACOS_INTERNET_SHARING).isEmpty()));
        List<String> evidence = new ArrayList<>();
        Optional<NatConfig> nat = snapshot.file(SnapshotFiles.NAT_PLIST).flatMap(xml -> {
            try {
                return Optional.of(PlistXml.natConfig(xml));
            } catch (PlistXml.PlistException e) {
                return Optional.empty();
            }
        });
        nat.ifPresent(n -> evidence.add("NAT.Enabled = " + (n.enabled() ? 1 : 0) + ", NAT.SharingDevices = " + n.sharingDevices()));
        if (bridge.isPresent()) {
            NetInterface b = bridge.get();
            NetInterface.InetAddress address = b.addresses().stream().filter(HostFlavour::isGatewayOfPrivateNet).findFirst().orElseThrow();
            evidence.add(b.name() + " " + address + " members " + b.members());
            return new HostFlavour(Kind.MACOS_INTERNET_SHARING, snapshot.platform(), address.subnet(), Optional.of(b.name()), evidence);
        }
        if (nat.isPresent() && nat.get().enabled() && !nat.get().sharingDevices().isEmpty()) {
            return new HostFlavour(Kind.MACOS_INTERNET_SHARING, snapshot.platform(), Ipv4Subnet.MACOS_INTERNET_SHARING, Optional.empty(),
                    evidence);
        }
        return new HostFlavour(Kind.NONE, snapshot.platform(), Ipv4Subnet.MACOS_INTERNET_SHARING, Optional.empty(), evidence);
    }

    private static HostFlavour linux(HostSnapshot snapshot) {
        List<NetInterface> interfaces = snapshot.file(SnapshotFiles.IP_ADDR).map(InterfaceParsers::parseIpAddr).orElse(List.of());
        List<SystemParsers.NmConnection> connections = snapshot.file(SnapshotFiles.NMCLI_CONNECTIONS)
                .map(SystemParsers::parseNmcliConnections).orElse(List.of());
        if (!connections.isEmpty()) {
            Optional<NetInterface> shared = LinuxDoctorChecks.sharedInterface(interfaces, connections);
            if (shared.isPresent()) {
                NetInterface.InetAddress address = shared.get().addresses().stream().filter(HostFlavour::isGatewayOfPrivateNet)
                        .findFirst().orElse(shared.get().addresses().get(0));
                String connection = connections.stream().filter(c -> c.device().equals(shared.get().name()))
                        .map(SystemParsers.NmConnection::name).findFirst().orElse(shared.get().name());
                return new HostFlavour(Kind.LINUX_NM_SHARED, snapshot.platform(), address.subnet(), Optional.of(shared.get().name()),
                        List.of("connection '" + connection + "' on " + shared.get().name() + " " + address));
            }
        }
        List<DnsmasqProcess> dnsmasq = snapshot.file(SnapshotFiles.DNSMASQ_PROCESSES).map(DnsmasqProcess::parsePgrep).orElse(List.of())
                .stream().filter(p -> !p.startedByNetworkManager()).toList();
        for (DnsmasqProcess process : dnsmasq) {
            Optional<NetInterface> on = interfaces.stream()
                    .filter(i -> process.interfaceName().map(i.name()::equals).orElse(true))
                    .filter(i -> i.virtualNetworkOwner().isEmpty())
                    .filter(i -> i.addresses().stream().anyMatch(a -> isGatewayOfPrivateNet(a)
                            && process.rangeStart().map(start -> a.subnet().contains(start)).orElse(true)))
                    .findFirst();
            if (on.isPresent()) {
                NetInterface.InetAddress address = on.get().addresses().stream().filter(HostFlavour::isGatewayOfPrivateNet).findFirst()
                        .orElseThrow();
                return new HostFlavour(Kind.LINUX_DNSMASQ, snapshot.platform(), address.subnet(), Optional.of(on.get().name()),
                        List.of(process.commandLine(), on.get().name() + " " + address));
            }
        }
        return new HostFlavour(Kind.NONE, snapshot.platform(), NM_SHARED_DEFAULT, Optional.empty(), List.of());
    }

    /** x.y.z.1 of a private network up to /16 — what every sharing mechanism gives the laptop. */
    static boolean isGatewayOfPrivateNet(NetInterface.InetAddress a) {
        int first = a.address().octet(0);
        int second = a.address().octet(1);
        boolean privateNet = first == 10 || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168);
        return privateNet && a.prefixLength() >= 16 && a.prefixLength() < 31 && a.address().equals(a.subnet().gateway());
    }

    /**
     * The host's network identity for "has the network changed since the doctor ran": every
     * non-loopback IPv4 address with its interface, sorted ("eth0 10.42.0.1/24, wlan0 192.168.1.40/24").
     */
    public static String fingerprint(HostSnapshot snapshot) {
        String listing = snapshot.file(snapshot.platform() == HostSnapshot.Platform.MACOS ? SnapshotFiles.IFCONFIG : SnapshotFiles.IP_ADDR)
                .orElse("");
        List<NetInterface> interfaces = snapshot.platform() == HostSnapshot.Platform.MACOS
                ? InterfaceParsers.parseIfconfig(listing) : InterfaceParsers.parseIpAddr(listing);
        String addresses = interfaces.stream().flatMap(i -> i.addresses().stream().filter(a -> a.address().octet(0) != 127)
                        .map(a -> i.name() + " " + a)).sorted().collect(Collectors.joining(", "));
        return (snapshot.platform().name().toLowerCase(Locale.ROOT) + ": " + (addresses.isEmpty() ? "no IPv4 address" : addresses));
    }
}
