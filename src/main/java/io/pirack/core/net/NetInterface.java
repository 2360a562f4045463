package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import java.util.List;
import java.util.Optional;

/**
 * A network interface as {@code ifconfig -a} (macOS) or {@code ip addr} (Linux) shows it.
 *
 * @param members bridge members ({@code member: en12 …}); empty for other interfaces
 * @param up      administratively up
 */
public record NetInterface(String name, List<InetAddress> addresses, List<String> members, boolean up) {

    /** One IPv4 address with its subnet. */
    public record InetAddress(Ipv4Address address, int prefixLength) {
        public Ipv4Subnet subnet() {
            return new Ipv4Subnet(address, prefixLength);
        }

        @Override
        public String toString() {
            return address + "/" + prefixLength;
        }
    }

    public NetInterface {
        addresses = List.copyOf(addresses);
        members = List.copyOf(members);
    }

    public boolean isBridge() {
        return name.startsWith("bridge");
    }

    public boolean hasAddress(Ipv4Address address) {
        return addresses.stream().anyMatch(a -> a.address().equals(address));
    }

    public Optional<InetAddress> addressOn(Ipv4Subnet subnet) {
        return addresses.stream().filter(a -> subnet.contains(a.address())).findFirst();
    }

    /** A virtualisation bridge (vmnet: Multipass, Lima, UTM, tart) has {@code vmenet*} members. */
    public boolean hasVirtualisationMembers() {
        return members.stream().anyMatch(m -> m.startsWith("vmenet"));
    }

    /**
     * Which virtual-machine or container software owns this interface, by the names those products
     * give their networks: Apple's vmnet bridges ({@code vmenet*} members: UTM, Multipass, Lima, tart,
     * recent Parallels), VMware ({@code vmnet1}, {@code vmnet8}), Parallels ({@code vnic*}),
     * VirtualBox ({@code vboxnet*}), libvirt ({@code virbr*}), Docker ({@code docker0}, {@code br-*}).
     * Empty for a real adapter or a bridge of real adapters (Internet Sharing's).
     */
    public Optional<String> virtualNetworkOwner() {
        if (hasVirtualisationMembers()) {
            return Optional.of("a virtual machine app on Apple's vmnet (UTM, Multipass, Lima, tart or Parallels)");
        }
        if (name.startsWith("vmnet")) {
            return Optional.of("VMware");
        }
        if (name.startsWith("vnic") || name.startsWith("prl")) {
            return Optional.of("Parallels");
        }
        if (name.startsWith("vboxnet")) {
            return Optional.of("VirtualBox");
        }
        if (name.startsWith("virbr")) {
            return Optional.of("libvirt (virt-manager, GNOME Boxes)");
        }
        if (name.startsWith("docker") || name.startsWith("br-")) {
            return Optional.of("Docker");
        }
        return Optional.empty();
    }
}
