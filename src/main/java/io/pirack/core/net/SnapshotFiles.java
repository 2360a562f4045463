package io.pirack.core.net;

import java.util.List;

/** File names in a captured doctor folder ({@code pirack doctor --collect DIR}). */
public final class SnapshotFiles {

    public static final String IFCONFIG = "ifconfig.txt";
    public static final String ARP = "arp-an.txt";
    public static final String NAT_PLIST = "com.apple.nat.plist";
    public static final String BOOTPTAB = "bootptab";
    public static final String DHCPD_LEASES = "dhcpd_leases";
    public static final String LAUNCHCTL_SHARING = "launchctl-networksharing.txt";
    public static final String SW_VERS = "sw_vers.txt";
    public static final String RACK = "rack.json";
    public static final String IP_ADDR = "ip-addr.txt";
    public static final String NMCLI_CONNECTIONS = "nmcli-connections.txt";
    public static final String DNSMASQ_LEASES = "dnsmasq.leases";
    /** {@code pgrep -a dnsmasq}: tells NetworkManager's dnsmasq from one started by hand. */
    public static final String DNSMASQ_PROCESSES = "pgrep-dnsmasq.txt";
    /** A folder: each file in it is stored in the snapshot as {@code dnsmasq-shared.d/<name>}. */
    public static final String DNSMASQ_SHARED_DIR = "dnsmasq-shared.d";
    /** A folder: the {@code --conf-dir} of a dnsmasq started by hand, each file as {@code dnsmasq-conf.d/<name>}. */
    public static final String DNSMASQ_CONF_DIR = "dnsmasq-conf.d";
    /** Lists, one per line, the files that do not exist on the captured host. */
    public static final String ABSENT = "absent.txt";
    /** Why a file could not be captured: {@code name<TAB>reason} per line. */
    public static final String MISSING = "missing.txt";

    public static final List<String> MACOS = List.of(IFCONFIG, ARP, NAT_PLIST, BOOTPTAB, DHCPD_LEASES, LAUNCHCTL_SHARING, SW_VERS);
    public static final List<String> LINUX = List.of(IP_ADDR, NMCLI_CONNECTIONS, DNSMASQ_LEASES, ARP, DNSMASQ_PROCESSES);

    private SnapshotFiles() {
    }
}
