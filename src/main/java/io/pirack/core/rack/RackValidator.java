package io.pirack.core.rack;

import io.pirack.core.validate.FieldProblem;
import io.pirack.core.validate.Hostname;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a rack spec as it is loaded, so a value that would only fail at pull time (a dead-man delay
 * of 0, two slots for one Pi, a hostname with a shell character) is reported with its field before
 * anything runs. Every problem is listed, not only the first.
 */
public final class RackValidator {

    private static final String LINUX_USER = "[a-z_][a-z0-9_-]{0,31}";
    private static final int MAX_USB_HUB_PORT = 32;
    private static final int TURING_PI_NODES = 4;

    private RackValidator() {
    }

    public static List<FieldProblem> check(RackSpec rack) {
        List<FieldProblem> problems = new ArrayList<>();
        if (rack.deadManSeconds() < RackSpec.MIN_DEAD_MAN_SECONDS || rack.deadManSeconds() > RackSpec.MAX_DEAD_MAN_SECONDS) {
            problems.add(new FieldProblem("deadManSeconds", "the dead-man delay must be " + RackSpec.MIN_DEAD_MAN_SECONDS
                    + " to " + RackSpec.MAX_DEAD_MAN_SECONDS + " seconds, not " + rack.deadManSeconds()));
        }
        if (rack.defaultPlugMethod() == null) {
            problems.add(new FieldProblem("defaultPlugMethod", "no default plug method is set"));
        }
        Validation<Ipv4Subnet> subnet = Ipv4Subnet.parse(rack.subnet());
        if (!subnet.isValid()) {
            problems.add(new FieldProblem("subnet", subnet.message()));
        }
        Map<String, Integer> hostnames = new HashMap<>();
        Map<String, Integer> macs = new HashMap<>();
        Map<String, Integer> ips = new HashMap<>();
        for (int i = 0; i < rack.slots().size(); i++) {
            PiSlot slot = rack.slots().get(i);
            String at = "slots[" + i + "].";
            if (slot == null) {
                problems.add(new FieldProblem("slots[" + i + "]", "the slot is empty (null)"));
                continue;
            }
            Validation<Hostname> hostname = Hostname.parseSingleLabel(slot.hostname());
            if (!hostname.isValid()) {
                problems.add(new FieldProblem(at + "hostname", hostname.message()));
            } else {
                unique(problems, hostnames, hostname.orThrow().value(), i, at + "hostname", "the hostname");
            }
            if (slot.role() == null) {
                problems.add(new FieldProblem(at + "role", "no role (CONTROL_PLANE or WORKER) is set"));
            }
            if (slot.mac() != null) {
                Validation<MacAddress> mac = MacAddress.parse(slot.mac());
                if (mac.isValid()) {
                    unique(problems, macs, mac.orThrow().canonical(), i, at + "mac", "the MAC address");
                } else {
                    problems.add(new FieldProblem(at + "mac", mac.message()));
                }
            }
            if (slot.ip() != null) {
                checkIp(problems, subnet, ips, slot.ip(), i, at + "ip");
            }
            if (slot.sshUser() != null && !slot.sshUser().matches(LINUX_USER)) {
                problems.add(new FieldProblem(at + "sshUser", "'" + slot.sshUser() + "' is not a valid Linux user name"));
            }
            if (slot.sshPort() < 0 || slot.sshPort() > 65535) {
                problems.add(new FieldProblem(at + "sshPort", "the SSH port must be 1 to 65535 (0: from ~/.ssh/config), not "
                        + slot.sshPort()));
            }
            if (slot.usbHubPort() < 0 || slot.usbHubPort() > MAX_USB_HUB_PORT) {
                problems.add(new FieldProblem(at + "usbHubPort", "the USB hub port must be 1 to " + MAX_USB_HUB_PORT
                        + " (0: unset), not " + slot.usbHubPort()));
            }
            if (slot.turingPiNode() < 0 || slot.turingPiNode() > TURING_PI_NODES) {
                problems.add(new FieldProblem(at + "turingPiNode", "the Turing Pi node must be 1 to " + TURING_PI_NODES
                        + " (0: unset), not " + slot.turingPiNode()));
            }
        }
        return problems;
    }

    private static void checkIp(List<FieldProblem> problems, Validation<Ipv4Subnet> subnet, Map<String, Integer> seen,
                                String text, int index, String field) {
        Validation<Ipv4Address> ip = Ipv4Address.parse(text);
        if (!ip.isValid()) {
            problems.add(new FieldProblem(field, ip.message()));
            return;
        }
        Ipv4Address address = ip.orThrow();
        if (subnet.isValid()) {
            Ipv4Subnet net = subnet.orThrow();
            if (!net.contains(address)) {
                problems.add(new FieldProblem(field, address + " is outside the booth subnet " + net));
            } else if (address.equals(net.network()) || address.equals(net.broadcast()) || address.equals(net.gateway())) {
                problems.add(new FieldProblem(field, address + " is the subnet's network, gateway or broadcast address"));
            }
        }
        unique(problems, seen, address.toString(), index, field, "the address");
    }

    private static void unique(List<FieldProblem> problems, Map<String, Integer> seen, String value, int index,
                               String field, String what) {
        Integer first = seen.putIfAbsent(value, index);
        if (first != null) {
            problems.add(new FieldProblem(field, what + " " + value + " is already used by slots[" + first + "]"));
        }
    }
}
