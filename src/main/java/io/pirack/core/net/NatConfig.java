package io.pirack.core.net;

import java.util.List;

/**
 * What {@code /Library/Preferences/SystemConfiguration/com.apple.nat.plist} says about Internet
 * Sharing: {@code NAT.Enabled}, the shared-to devices ({@code NAT.SharingDevices}, older
 * {@code NAT.SharingInterfaces}) and the shared-from device ({@code NAT.PrimaryInterface.Device}).
 */
public record NatConfig(boolean enabled, List<String> sharingDevices, String primaryDevice) {

    public NatConfig {
        sharingDevices = List.copyOf(sharingDevices);
    }
}
