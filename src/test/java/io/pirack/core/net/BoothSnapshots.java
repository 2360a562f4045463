package io.pirack.core.net;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A booth assembled from the shared fixtures: rpi1 at its static address, rpi2 still dynamic. */
public final class BoothSnapshots {

    public static final String ARP_WITH_PIS = Fixtures.text("macos/arp-an.txt")
            + "? (192.168.2.101) at b8:27:eb:5b:d:f on bridge100 ifscope [bridge]\n"
            + "? (192.168.2.7) at b8:27:eb:a1:5f:5a on bridge100 ifscope [bridge]\n";

    private BoothSnapshots() {
    }

    public static RackSpec rack() {
        return new RackSpec("Booth", List.of(
                PiSlot.of("rpi1", NodeRole.CONTROL_PLANE).withMac("b8:27:eb:5b:0d:0f").withIp("192.168.2.101"),
                PiSlot.of("rpi2", NodeRole.WORKER).withMac("b8:27:eb:a1:5f:5a").withIp("192.168.2.102")),
                "192.168.2.0/24", io.pirack.core.rack.PlugMethod.STOP_AGENT, null, RackSpec.DEFAULT_DEAD_MAN_SECONDS);
    }

    /** The macOS capture, with the plist sharing to the adapter the bridge really has (en12). */
    public static Map<String, String> macOsFiles() {
        Map<String, String> files = new HashMap<>();
        files.put(SnapshotFiles.IFCONFIG, Fixtures.text("macos/ifconfig-bridge100.sharing-on.txt"));
        files.put(SnapshotFiles.ARP, ARP_WITH_PIS);
        files.put(SnapshotFiles.NAT_PLIST, Fixtures.text("macos/com.apple.nat.plist").replace("<string>en5</string>", "<string>en12</string>"));
        files.put(SnapshotFiles.BOOTPTAB, Fixtures.text("macos/bootptab.seed-article"));
        files.put(SnapshotFiles.DHCPD_LEASES, Fixtures.text("macos/dhcpd_leases.macos26"));
        files.put(SnapshotFiles.LAUNCHCTL_SHARING, Fixtures.text("written/launchctl-networksharing.running.txt"));
        files.put(SnapshotFiles.SW_VERS, Fixtures.text("written/sw_vers.txt"));
        return files;
    }

    public static HostSnapshot macOs(Map<String, String> files) {
        return new HostSnapshot(HostSnapshot.Platform.MACOS, files, Map.of(), Set.of(), Optional.of(rack()));
    }
}
