package io.pirack.core.rack;

import io.pirack.core.cluster.NodeRole;

/**
 * One layer of the physical stack case, top to bottom in {@link RackSpec#slots()} order.
 *
 * @param hostname      Kubernetes node name and bootptab hostname
 * @param mac           wired MAC (canonical form) or null while unknown
 * @param ip            planned static address or null while unassigned
 * @param sshUser       SSH login (null: from ~/.ssh/config, else "pi")
 * @param sshPort       SSH port (0: from ~/.ssh/config, else 22)
 * @param identityFile  private key path (null: from ~/.ssh/config or the default keys)
 * @param plugMethod    how this Pi is unplugged (null: the rack's default)
 * @param usbHubLocation uhubctl {@code -l} location, for USB_POWER
 * @param usbHubPort     uhubctl {@code -p} port, for USB_POWER (0 when unset)
 * @param turingPiNode   Turing Pi 2 node number 1..4, for TURING_PI (0 when unset)
 */
public record PiSlot(
        String hostname,
        NodeRole role,
        String mac,
        String ip,
        String sshUser,
        int sshPort,
        String identityFile,
        PlugMethod plugMethod,
        String usbHubLocation,
        int usbHubPort,
        int turingPiNode) {

    public static PiSlot of(String hostname, NodeRole role) {
        return new PiSlot(hostname, role, null, null, null, 0, null, null, null, 0, 0);
    }

    public PiSlot withIp(String newIp) {
        return new PiSlot(hostname, role, mac, newIp, sshUser, sshPort, identityFile, plugMethod, usbHubLocation, usbHubPort, turingPiNode);
    }

    public PiSlot withMac(String newMac) {
        return new PiSlot(hostname, role, newMac, ip, sshUser, sshPort, identityFile, plugMethod, usbHubLocation, usbHubPort, turingPiNode);
    }

    public PiSlot withPlugMethod(PlugMethod method) {
        return new PiSlot(hostname, role, mac, ip, sshUser, sshPort, identityFile, method, usbHubLocation, usbHubPort, turingPiNode);
    }
}
