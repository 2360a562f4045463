package io.pirack.core.net;

import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Linux laptop equivalent of the booth checks: NetworkManager "Shared to other computers"
 * (the interface gets 10.42.x.1/24, dnsmasq serves DHCP, fixed addresses are {@code dhcp-host=}
 * lines in {@code /etc/NetworkManager/dnsmasq-shared.d/}).
 */
final class LinuxDoctorChecks {

    static final String SHARING_INTERFACE = "sharing-interface";
    private static final String NO_NM_FIX = "Install and start NetworkManager (sudo apt install network-manager; "
            + "sudo systemctl enable --now NetworkManager), then share the wired connection: nmcli connection modify <connection> "
            + "ipv4.method shared; nmcli connection up <connection>. Already serving the Pis with your own dnsmasq? Keep it running "
            + "and run the doctor again";
    private static final String SHARING_FIX = "Share the wired connection: nmcli connection modify <connection> ipv4.method shared; "
            + "nmcli connection up <connection>";
    private static final String CLIENT_ID_FIX = "Let PiRack write its dhcp-host lines with id:* so dnsmasq ignores client ids";

    private LinuxDoctorChecks() {
    }

    static List<CheckResult> run(HostSnapshot snapshot, HostFlavour flavour) {
        List<CheckResult> results = new ArrayList<>();
        Optional<List<NetInterface>> interfaces = snapshot.file(SnapshotFiles.IP_ADDR).map(InterfaceParsers::parseIpAddr);
        Optional<List<SystemParsers.NmConnection>> connections =
                snapshot.file(SnapshotFiles.NMCLI_CONNECTIONS).map(SystemParsers::parseNmcliConnections);
        Optional<NetInterface> shared = flavour.device().flatMap(d -> interfaces.orElse(List.of()).stream()
                .filter(i -> i.name().equals(d)).findFirst());
        Ipv4Subnet subnet = flavour.subnet();
        results.add(sharing(snapshot, flavour, interfaces, connections, shared));
        results.add(sharingInterface(snapshot, interfaces, shared, subnet));
        List<DnsmasqHostsFile.HostLine> hosts = new ArrayList<>();
        if (flavour.kind() == HostFlavour.Kind.LINUX_DNSMASQ) {
            results.add(byHandDhcpHosts(snapshot, flavour, hosts));
        } else {
            results.add(dhcpHosts(snapshot, subnet, hosts, SnapshotFiles.DNSMASQ_SHARED_DIR, "/etc/NetworkManager/dnsmasq-shared.d"));
        }
        List<DhcpLease> leases = snapshot.file(SnapshotFiles.DNSMASQ_LEASES).map(LeaseParsers::parseDnsmasqLeases).orElse(List.of());
        boolean haveLeases = snapshot.file(SnapshotFiles.DNSMASQ_LEASES).isPresent() || snapshot.absent(SnapshotFiles.DNSMASQ_LEASES);
        results.addAll(DoctorChecks.piAddresses(snapshot, leases, haveLeases, shared.map(NetInterface::name), SnapshotFiles.DNSMASQ_LEASES));
        boolean idsIgnored = !hosts.isEmpty() && hosts.stream().allMatch(DnsmasqHostsFile.HostLine::ignoresClientId);
        results.addAll(DoctorChecks.clientIds(snapshot, leases, snapshot.file(SnapshotFiles.DNSMASQ_LEASES).isPresent(), SnapshotFiles.DNSMASQ_LEASES,
                idsIgnored ? "" : CLIENT_ID_FIX, idsIgnored ? CheckStatus.WARN : CheckStatus.FAIL));
        return results;
    }

    /** A wired, active connection's device holding the first address of its subnet (NetworkManager's shared mode). */
    static Optional<NetInterface> sharedInterface(List<NetInterface> interfaces, List<SystemParsers.NmConnection> connections) {
        return interfaces.stream()
                .filter(i -> connections.isEmpty() || connections.stream().anyMatch(c -> c.isWired() && c.device().equals(i.name())))
                .filter(i -> i.addresses().stream().anyMatch(a -> a.prefixLength() < 31 && a.address().equals(a.subnet().gateway())
                        && a.address().octet(0) != 127))
                .filter(i -> !i.name().startsWith("virbr") && !i.name().startsWith("docker") && !i.name().startsWith("br-"))
                .findFirst();
    }

    private static CheckResult sharing(HostSnapshot snapshot, HostFlavour flavour, Optional<List<NetInterface>> interfaces,
                                       Optional<List<SystemParsers.NmConnection>> connections, Optional<NetInterface> shared) {
        if (flavour.kind() == HostFlavour.Kind.LINUX_DNSMASQ) {
            return CheckResult.warn(DoctorChecks.INTERNET_SHARING, "a dnsmasq started by hand serves " + flavour.subnet() + " on "
                    + flavour.device().orElse("?") + ": PiRack checks it, but writes fixed addresses only for NetworkManager",
                    flavour.evidence(), "Add one line per Pi to that dnsmasq's configuration and restart it, e.g. "
                            + "dhcp-host=b8:27:eb:xx:xx:xx,id:*,rpi1," + flavour.subnet().network().plus(101), "");
        }
        if (connections.isEmpty()) {
            if (snapshot.absent(SnapshotFiles.NMCLI_CONNECTIONS)) {
                return CheckResult.fail(DoctorChecks.INTERNET_SHARING, "NetworkManager is not installed or not running ("
                        + snapshot.missingReason(SnapshotFiles.NMCLI_CONNECTIONS) + "); PiRack checks a NetworkManager 'shared' "
                        + "connection on Linux", List.of(snapshot.missingReason(SnapshotFiles.NMCLI_CONNECTIONS)), NO_NM_FIX, "");
            }
            return CheckResult.skip(DoctorChecks.INTERNET_SHARING, snapshot.missingReason(SnapshotFiles.NMCLI_CONNECTIONS));
        }
        List<String> evidence = connections.get().stream().map(c -> c.name() + " " + c.type() + " " + c.device()).toList();
        if (interfaces.isEmpty()) {
            return CheckResult.skip(DoctorChecks.INTERNET_SHARING, snapshot.missingReason(SnapshotFiles.IP_ADDR));
        }
        if (shared.isEmpty()) {
            return CheckResult.fail(DoctorChecks.INTERNET_SHARING, "no active wired connection is shared to other computers", evidence,
                    SHARING_FIX, "");
        }
        String connection = connections.get().stream().filter(c -> c.device().equals(shared.get().name()))
                .map(SystemParsers.NmConnection::name).findFirst().orElse(shared.get().name());
        return CheckResult.pass(DoctorChecks.INTERNET_SHARING, "connection '" + connection + "' shares " + shared.get().name()
                + " at " + shared.get().addresses().get(0), evidence);
    }

    private static CheckResult sharingInterface(HostSnapshot snapshot, Optional<List<NetInterface>> interfaces,
                                                Optional<NetInterface> shared, Ipv4Subnet subnet) {
        if (interfaces.isEmpty()) {
            return CheckResult.skip(SHARING_INTERFACE, snapshot.missingReason(SnapshotFiles.IP_ADDR));
        }
        if (shared.isEmpty() || shared.get().addressOn(subnet).isEmpty()) {
            return CheckResult.fail(SHARING_INTERFACE, "no shared interface holds " + subnet.gateway(), List.of(), SHARING_FIX, "");
        }
        List<NetInterface> others = interfaces.get().stream().filter(i -> !i.name().equals(shared.get().name()))
                .filter(i -> i.addressOn(subnet).isPresent()).toList();
        List<String> evidence = new ArrayList<>();
        evidence.add(shared.get().name() + " " + shared.get().addressOn(subnet).get());
        others.forEach(o -> evidence.add(o.name() + " " + o.addressOn(subnet).get()));
        if (!others.isEmpty()) {
            return CheckResult.warn(SHARING_INTERFACE, shared.get().name() + " shares " + subnet + ", but "
                    + others.stream().map(NetInterface::name).collect(Collectors.joining(", ")) + " holds the same subnet", evidence,
                    "Stop the virtual network (libvirt, Docker) that uses " + subnet + " or move it", "");
        }
        return CheckResult.pass(SHARING_INTERFACE, shared.get().name() + " has " + shared.get().addressOn(subnet).get(), evidence);
    }

    /**
     * The dhcp-host lines of a dnsmasq started by hand, read from its {@code --conf-dir} (captured as
     * {@link SnapshotFiles#DNSMASQ_CONF_DIR}); the same checks as NetworkManager's folder.
     */
    private static CheckResult byHandDhcpHosts(HostSnapshot snapshot, HostFlavour flavour, List<DnsmasqHostsFile.HostLine> hosts) {
        Optional<String> confDir = snapshot.file(SnapshotFiles.DNSMASQ_PROCESSES).flatMap(DnsmasqProcess::byHand)
                .flatMap(DnsmasqProcess::confDir);
        if (confDir.isEmpty()) {
            return CheckResult.skip(DoctorChecks.DHCP_HOSTS, "the dnsmasq started by hand has no --conf-dir, so PiRack cannot see its "
                    + "fixed addresses (see internet-sharing)");
        }
        boolean anyFile = snapshot.files().keySet().stream().anyMatch(n -> n.startsWith(SnapshotFiles.DNSMASQ_CONF_DIR + "/"));
        if (!anyFile) {
            return CheckResult.fail(DoctorChecks.DHCP_HOSTS, "no dhcp-host file in " + confDir.get() + " (the --conf-dir of the dnsmasq "
                    + "started by hand), so every Pi gets a dynamic address", List.of(flavour.evidence().get(0)),
                    "Add one line per Pi there and restart that dnsmasq, e.g. dhcp-host=b8:27:eb:xx:xx:xx,id:*,rpi1,"
                            + flavour.subnet().network().plus(101), "");
        }
        return dhcpHosts(snapshot, flavour.subnet(), hosts, SnapshotFiles.DNSMASQ_CONF_DIR, confDir.get());
    }

    private static CheckResult dhcpHosts(HostSnapshot snapshot, Ipv4Subnet subnet, List<DnsmasqHostsFile.HostLine> hosts,
                                         String folder, String shownFolder) {
        String prefix = folder + "/";
        Map<String, String> files = new java.util.TreeMap<>();
        snapshot.files().forEach((name, text) -> {
            if (name.startsWith(prefix)) {
                files.put(name, text);
            }
        });
        if (files.isEmpty()) {
            if (snapshot.absent(folder)) {
                return CheckResult.fail(DoctorChecks.DHCP_HOSTS, "no dhcp-host file in " + shownFolder + ", so every Pi "
                        + "gets a dynamic address", List.of(), "Let PiRack write its dhcp-host file", CheckResult.WRITE_DHCP_HOSTS);
            }
            return CheckResult.skip(DoctorChecks.DHCP_HOSTS, snapshot.missingReason(folder));
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> seenMac = new HashMap<>();
        Map<Ipv4Address, String> seenIp = new HashMap<>();
        Map<String, String> seenName = new HashMap<>();
        List<BootptabEntry> asEntries = new ArrayList<>();
        files.forEach((name, text) -> {
            for (DnsmasqHostsFile.HostLine host : DnsmasqHostsFile.parse(text)) {
                hosts.add(host);
                String where = name + ":" + host.line() + ": error: ";
                if (host.mac().isEmpty() || host.ip().isEmpty()) {
                    continue;
                }
                BootptabParser.subnetProblems(host.line(), host.ip().get(), subnet).forEach(p -> problems.add(where + p.message()));
                String mac = host.mac().get().canonical();
                if (seenMac.putIfAbsent(mac, where) != null) {
                    problems.add(where + "duplicate MAC address " + mac);
                }
                if (seenIp.putIfAbsent(host.ip().get(), where) != null) {
                    problems.add(where + "duplicate IP address " + host.ip().get());
                }
                if (!host.hostname().isEmpty() && seenName.putIfAbsent(host.hostname().toLowerCase(java.util.Locale.ROOT), where) != null) {
                    problems.add(where + "duplicate hostname " + host.hostname());
                }
                asEntries.add(new BootptabEntry(host.line(), host.hostname(), BootptabEntry.HTYPE_ETHERNET, mac, host.ip().get(), ""));
            }
        });
        problems.addAll(DoctorChecks.planMismatches(snapshot.rack(), asEntries));
        if (!problems.isEmpty()) {
            boolean nm = folder.equals(SnapshotFiles.DNSMASQ_SHARED_DIR);
            return CheckResult.fail(DoctorChecks.DHCP_HOSTS, problems.size() + " problem(s), first: " + problems.get(0), problems,
                    nm ? "Let PiRack rewrite its dhcp-host file" : "Correct those lines in " + shownFolder + " and restart that dnsmasq",
                    nm ? CheckResult.WRITE_DHCP_HOSTS : "");
        }
        return CheckResult.pass(DoctorChecks.DHCP_HOSTS, asEntries.size() + " dhcp-host lines in " + files.size() + " file(s)",
                List.copyOf(files.keySet()));
    }
}
