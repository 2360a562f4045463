package io.pirack.net;

import java.util.Arrays;
import java.util.Optional;

/**
 * The DHCP client a Pi runs, as PiRack's rebind helper ({@code pirack-rebind}) names it. The helper
 * releases the lease and starts over, which a renew would not do (the DHCP server would ACK the old address).
 */
public enum DhcpClientKind {
    /** Raspberry Pi OS up to Bullseye: {@code dhcpcd -k}, then {@code dhcpcd -n}. */
    DHCPCD("dhcpcd", "dhcpcd"),
    /** Raspberry Pi OS Bookworm and Trixie: {@code nmcli device down}, then {@code up}. */
    NETWORK_MANAGER("NetworkManager", "NetworkManager"),
    /** Ubuntu Server (netplan): {@code networkctl reconfigure}. */
    SYSTEMD_NETWORKD("systemd-networkd", "systemd-networkd"),
    /** Legacy ISC client: {@code dhclient -r}, then {@code dhclient}. */
    DHCLIENT("dhclient", "dhclient"),
    /**
     * busybox's udhcpc (minimal and container images, the virtual Pi lab): SIGUSR2 releases the lease,
     * SIGUSR1 then starts over with a DISCOVER; only the udhcpc serving the interface in the Pi's own
     * network namespace is signalled.
     */
    UDHCPC("busybox udhcpc", "udhcpc");

    private final String label;
    private final String helperName;

    DhcpClientKind(String label, String helperName) {
        this.label = label;
        this.helperName = helperName;
    }

    public String label() {
        return label;
    }

    /** The name {@code pirack-rebind} prints for this client. */
    public String helperName() {
        return helperName;
    }

    static Optional<DhcpClientKind> ofHelperName(String name) {
        return Arrays.stream(values()).filter(k -> k.helperName.equals(name)).findFirst();
    }
}
