package io.pirack.net;

/**
 * The DHCP client a Pi runs, and the constant shell script (interface name as {@code $1}) that
 * releases its lease and starts over, which a renew would not do (bootpd would ACK the old address).
 */
public enum DhcpClientKind {
    /** Raspberry Pi OS up to Bullseye. */
    DHCPCD("dhcpcd", "dhcpcd -k \"$1\"; dhcpcd -n \"$1\""),
    /** Raspberry Pi OS Bookworm and Trixie. */
    NETWORK_MANAGER("NetworkManager", "nmcli device down \"$1\"; nmcli device up \"$1\""),
    /** Ubuntu Server (netplan). */
    SYSTEMD_NETWORKD("systemd-networkd", "networkctl reconfigure \"$1\""),
    /** Legacy ISC client. */
    DHCLIENT("dhclient", "dhclient -r \"$1\"; dhclient \"$1\""),
    /**
     * busybox's udhcpc (minimal and container images, the virtual Pi lab): SIGUSR2 releases the lease,
     * SIGUSR1 then starts over with a DISCOVER. Only the udhcpc serving the interface in this network
     * namespace is signalled (a container's, or another lab Pi's, is left alone).
     */
    UDHCPC("busybox udhcpc", "for p in $(pgrep -x udhcpc); do "
            + "if [ \"$(readlink /proc/$p/ns/net)\" = \"$(readlink /proc/$$/ns/net)\" ] "
            + "&& tr '\\0' ' ' < /proc/$p/cmdline | grep -qw -e \"$1\"; then kill -USR2 $p; sleep 1; kill -USR1 $p; fi; done");

    private final String label;
    private final String script;

    DhcpClientKind(String label, String script) {
        this.label = label;
        this.script = script;
    }

    public String label() {
        return label;
    }

    public String script() {
        return script;
    }
}
