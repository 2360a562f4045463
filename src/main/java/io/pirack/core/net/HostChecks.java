package io.pirack.core.net;

import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks every flavour shares: the rack plans the subnet the host serves, and no VM network sits on it. */
final class HostChecks {

    static final String RACK_SUBNET = "rack-subnet";
    static final String VM_NETWORK = "vm-network";

    private HostChecks() {
    }

    /** The rack's subnet against the one this host really shares; nothing to say when no sharing was found. */
    static Optional<CheckResult> rackSubnet(HostSnapshot snapshot, HostFlavour flavour) {
        if (snapshot.rack().isEmpty() || !flavour.found()) {
            return Optional.empty();
        }
        Validation<Ipv4Subnet> planned = Ipv4Subnet.parse(snapshot.rack().get().subnet());
        List<String> evidence = List.of("rack.json subnet = " + snapshot.rack().map(RackSpec::subnet).orElse(""), flavour.label());
        if (!planned.isValid()) {
            return Optional.of(CheckResult.fail(RACK_SUBNET, "the rack's subnet is not valid: " + planned.message(), evidence,
                    "Use " + flavour.subnet() + " for the rack, the subnet this computer shares", CheckResult.USE_HOST_SUBNET));
        }
        if (!planned.orThrow().equals(flavour.subnet())) {
            return Optional.of(CheckResult.fail(RACK_SUBNET, "the rack plans " + planned.orThrow() + " but this computer shares "
                    + flavour.subnet(), evidence, "Use " + flavour.subnet() + " for the rack: PiRack moves the planned addresses into it "
                    + "(then Apply writes them)", CheckResult.USE_HOST_SUBNET));
        }
        return Optional.of(CheckResult.pass(RACK_SUBNET, "the rack plans " + flavour.subnet() + ", the subnet this computer shares", evidence));
    }

    /**
     * A virtual machine's network on the sharing subnet: its DHCP server answers the Pis, or it holds the
     * gateway address Internet Sharing wants, so the Pis end up on the wrong network or none.
     */
    static Optional<CheckResult> vmNetworks(HostSnapshot snapshot, HostFlavour flavour) {
        String listing = flavour.platform() == HostSnapshot.Platform.MACOS ? SnapshotFiles.IFCONFIG : SnapshotFiles.IP_ADDR;
        if (snapshot.file(listing).isEmpty()) {
            return Optional.empty();
        }
        List<NetInterface> interfaces = flavour.platform() == HostSnapshot.Platform.MACOS
                ? InterfaceParsers.parseIfconfig(snapshot.file(listing).get()) : InterfaceParsers.parseIpAddr(snapshot.file(listing).get());
        Ipv4Subnet subnet = flavour.subnet();
        List<String> evidence = new ArrayList<>();
        List<NetInterface> colliding = new ArrayList<>();
        for (NetInterface i : interfaces) {
            Optional<String> owner = i.virtualNetworkOwner();
            if (owner.isEmpty() || flavour.device().map(i.name()::equals).orElse(false)) {
                continue;
            }
            String where = i.addresses().isEmpty() ? "no address" : i.addresses().get(0).toString();
            evidence.add(i.name() + " " + where + (i.members().isEmpty() ? "" : " members " + i.members()) + " (" + owner.get() + ")");
            if (i.addressOn(subnet).isPresent()) {
                colliding.add(i);
            }
        }
        if (colliding.isEmpty()) {
            return Optional.of(CheckResult.pass(VM_NETWORK, evidence.isEmpty() ? "no virtual machine network on this computer"
                    : "no virtual machine network uses " + subnet + " (" + evidence.size() + " elsewhere)", evidence));
        }
        NetInterface first = colliding.get(0);
        String owner = first.virtualNetworkOwner().orElseThrow();
        String sharing = flavour.platform() == HostSnapshot.Platform.MACOS ? "Internet Sharing" : "the shared connection";
        String message = first.name() + " belongs to " + owner + " and already holds " + first.addressOn(subnet).orElseThrow()
                + " on " + subnet + ", the subnet " + sharing + " gives the Pis: the Pis may get the virtual machine's addresses or none";
        return Optional.of(CheckResult.fail(VM_NETWORK, message, evidence, vmFix(owner, subnet, flavour.platform()), ""));
    }

    private static String vmFix(String owner, Ipv4Subnet subnet, HostSnapshot.Platform platform) {
        String stop;
        if (owner.startsWith("VMware")) {
            stop = "Quit VMware Fusion (its vmnet networks go away), or move its host-only network off " + subnet
                    + " in VMware's Network settings";
        } else if (owner.startsWith("Parallels")) {
            stop = "Quit Parallels Desktop, or change its Shared network range off " + subnet + " (Parallels ▸ Settings ▸ Network)";
        } else if (owner.startsWith("libvirt")) {
            stop = "Stop the libvirt network: sudo virsh net-destroy default";
        } else if (owner.startsWith("Docker")) {
            stop = "Remove or re-address the Docker network on " + subnet + " (docker network ls; docker network rm NAME)";
        } else if (owner.startsWith("VirtualBox")) {
            stop = "Quit VirtualBox, or move its host-only network off " + subnet + " (VBoxManage hostonlyif ipconfig)";
        } else {
            stop = "Stop the virtual machines (multipass stop --all, limactl stop --all, or quit UTM/tart)";
        }
        String restart = platform == HostSnapshot.Platform.MACOS ? ", then turn Internet Sharing off and on"
                : ", then bring the shared connection up again (nmcli connection up <connection>)";
        return stop + restart;
    }
}
