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
}
