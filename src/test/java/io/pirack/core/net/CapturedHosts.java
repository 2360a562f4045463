package io.pirack.core.net;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Capture folders ({@code pirack doctor --collect} layout) for the five hosts of issue 22, built from
 * the shared fixtures byte for byte; each edit is one line, named where it is made.
 */
public final class CapturedHosts {

    private CapturedHosts() {
    }

    /** The rack as the GUI saves it by default: macOS Internet Sharing's 192.168.2.0/24. */
    public static RackSpec defaultRack() {
        return new RackSpec("My rack", List.of(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE).withMac("3c:6d:66:61:da:f1").withIp("192.168.2.101")),
                "192.168.2.0/24", PlugMethod.STOP_AGENT, null, RackSpec.DEFAULT_DEAD_MAN_SECONDS);
    }

    /** A Linux laptop without NetworkManager: no nmcli, eth0 without an address. */
    public static Path linuxWithoutNetworkManager(Path dir) throws IOException {
        write(dir, SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt")
                .replace("    inet 10.42.0.1/24 brd 10.42.0.255 scope global noprefixroute eth0\n       valid_lft forever preferred_lft forever\n", ""));
        write(dir, SnapshotFiles.ARP, "");
        write(dir, SnapshotFiles.DNSMASQ_PROCESSES, "");
        write(dir, SnapshotFiles.ABSENT, SnapshotFiles.NMCLI_CONNECTIONS + "\n" + SnapshotFiles.DNSMASQ_LEASES + "\n");
        write(dir, SnapshotFiles.MISSING, SnapshotFiles.NMCLI_CONNECTIONS + "\tnmcli is not installed on this computer\n");
        return dir;
    }

    /** No NetworkManager; a dnsmasq started by hand serves eth0 at 10.77.0.1 (its pgrep line as on this project's lab host). */
    public static Path linuxDnsmasqByHand(Path dir) throws IOException {
        linuxWithoutNetworkManager(dir);
        write(dir, SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt").replace("10.42.0.1/24 brd 10.42.0.255", "10.77.0.1/24 brd 10.77.0.255"));
        write(dir, SnapshotFiles.DNSMASQ_PROCESSES, "4242 dnsmasq --conf-file=/dev/null --no-hosts --keep-in-foreground --bind-interfaces "
                + "--interface=eth0 --listen-address=10.77.0.1 --dhcp-range=10.77.0.100,10.77.0.199,60m --dhcp-authoritative\n");
        return dir;
    }

    /**
     * The lab host once PiRack's lines are in: a dnsmasq started by hand with a {@code --conf-dir} holding
     * {@code id:*} dhcp-host lines, rpi1 leased at its planned address while its client sends a DUID.
     */
    public static Path linuxDnsmasqByHandWithFixedAddresses(Path dir) throws IOException {
        linuxWithoutNetworkManager(dir);
        write(dir, SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt").replace("10.42.0.1/24 brd 10.42.0.255", "10.77.0.1/24 brd 10.77.0.255"));
        write(dir, SnapshotFiles.DNSMASQ_PROCESSES, "4242 dnsmasq --conf-file=/dev/null --no-hosts --keep-in-foreground --bind-interfaces "
                + "--interface=eth0 --listen-address=10.77.0.1 --dhcp-range=10.77.0.100,10.77.0.199,60m --dhcp-authoritative "
                + "--dhcp-leasefile=/run/pirack-lab/dnsmasq-pirack-lab0.leases --conf-dir=/run/pirack-lab/dnsmasq-shared.d\n");
        write(dir, SnapshotFiles.ABSENT, SnapshotFiles.NMCLI_CONNECTIONS + "\n");
        write(dir, SnapshotFiles.DNSMASQ_LEASES, "4102444800 b8:27:eb:77:00:01 10.77.0.11 rpi1 ff:00:00:00:01:00:01:00:01:03\n");
        Files.createDirectories(dir.resolve(SnapshotFiles.DNSMASQ_CONF_DIR));
        write(dir, SnapshotFiles.DNSMASQ_CONF_DIR + "/pirack-hosts.conf", "dhcp-host=b8:27:eb:77:00:01,id:*,rpi1,10.77.0.11\n");
        writeRack(dir, io.pirack.net.RackJson.toJson(new RackSpec("Lab", List.of(PiSlot.of("rpi1", NodeRole.CONTROL_PLANE)
                .withMac("b8:27:eb:77:00:01").withIp("10.77.0.11")), "10.77.0.0/24", PlugMethod.STOP_AGENT, null,
                RackSpec.DEFAULT_DEAD_MAN_SECONDS)));
        return dir;
    }

    /** NetworkManager shares eth0 at 10.42.0.1 (its default), one Pi leased; the rack still plans the GUI's 192.168.2.0/24. */
    public static Path linuxNetworkManagerShared(Path dir) throws IOException {
        write(dir, SnapshotFiles.IP_ADDR, Fixtures.text("written/ip-addr.txt"));
        write(dir, SnapshotFiles.NMCLI_CONNECTIONS, Fixtures.text("written/nmcli-connections.txt"));
        write(dir, SnapshotFiles.DNSMASQ_LEASES, Fixtures.text("linux/dnsmasq-eth0.leases"));
        write(dir, SnapshotFiles.ARP, "");
        Files.createDirectories(dir.resolve(SnapshotFiles.DNSMASQ_SHARED_DIR));
        return dir;
    }

    /** macOS with Internet Sharing on to en12 (bridge100 at 192.168.2.1) and its service running. */
    public static Path macOsSharingOn(Path dir) throws IOException {
        for (Map.Entry<String, String> file : BoothSnapshots.macOsFiles().entrySet()) {
            write(dir, file.getKey(), file.getValue());
        }
        return dir;
    }

    /** macOS with Internet Sharing switched off: NAT.Enabled = 0 and no bridge. */
    public static Path macOsSharingOff(Path dir) throws IOException {
        macOsSharingOn(dir);
        String ifconfig = Fixtures.text("written/ifconfig-vmnet-and-sharing.txt");
        write(dir, SnapshotFiles.IFCONFIG, ifconfig.substring(0, ifconfig.indexOf("bridge100:")));
        write(dir, SnapshotFiles.NAT_PLIST, BoothSnapshots.macOsFiles().get(SnapshotFiles.NAT_PLIST)
                .replace("    </dict>\n    <key>Enabled</key>\n    <integer>1</integer>", "    </dict>\n    <key>Enabled</key>\n    <integer>0</integer>"));
        write(dir, SnapshotFiles.LAUNCHCTL_SHARING, Fixtures.text("written/launchctl-networksharing.missing.txt"));
        return dir;
    }

    /** The folder: bridge100 carries 192.168.2.1 but its member is vmenet0 (a VM's network), so Internet Sharing cannot start. */
    public static Path macOsVmBridgeOnTheSharingSubnet(Path dir) throws IOException {
        macOsSharingOn(dir);
        String ifconfig = Fixtures.text("written/ifconfig-vmnet-and-sharing.txt");
        String vmOnly = ifconfig.substring(0, ifconfig.indexOf("bridge100:")) + ifconfig.substring(ifconfig.indexOf("bridge101:")).replace("bridge101", "bridge100");
        write(dir, SnapshotFiles.IFCONFIG, vmOnly);
        return dir;
    }

    public static void writeRack(Path dir, String json) throws IOException {
        write(dir, SnapshotFiles.RACK, json);
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name), text, StandardCharsets.ISO_8859_1);
    }
}
