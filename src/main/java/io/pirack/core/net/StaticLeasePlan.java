package io.pirack.core.net;

import io.pirack.core.validate.Hostname;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Validation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the rack's slots into validated static leases. Every slot with both a MAC and an IP becomes
 * one; anything wrong is reported per slot (line 0) and no lease list is produced.
 */
public final class StaticLeasePlan {

    private StaticLeasePlan() {
    }

    public record Result(List<StaticLease> leases, List<BootptabProblem> problems) {
        public Result {
            leases = List.copyOf(leases);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result fromRack(RackSpec rack) {
        List<BootptabProblem> problems = new ArrayList<>();
        Validation<Ipv4Subnet> subnet = Ipv4Subnet.parse(rack.subnet());
        if (!subnet.isValid()) {
            return new Result(List.of(), List.of(new BootptabProblem(0, Severity.ERROR, "rack subnet: " + subnet.message())));
        }
        List<StaticLease> leases = new ArrayList<>();
        Map<String, String> macOwner = new HashMap<>();
        Map<String, String> ipOwner = new HashMap<>();
        Map<String, String> nameOwner = new HashMap<>();
        for (PiSlot slot : rack.slots()) {
            if (slot.mac() == null || slot.ip() == null) {
                continue;
            }
            String who = "slot " + slot.hostname() + ": ";
            Validation<Hostname> name = Hostname.parseSingleLabel(slot.hostname());
            Validation<MacAddress> mac = MacAddress.parse(slot.mac());
            Validation<Ipv4Address> ip = Ipv4Address.parse(slot.ip());
            List<String> slotProblems = new ArrayList<>();
            if (!name.isValid()) {
                slotProblems.add(name.message());
            } else if (slot.hostname().length() > BootptabParser.MAX_HOSTNAME) {
                slotProblems.add("hostname is longer than " + BootptabParser.MAX_HOSTNAME + " characters, which bootpd truncates");
            }
            if (!mac.isValid()) {
                slotProblems.add(mac.message());
            }
            if (!ip.isValid()) {
                slotProblems.add(ip.message());
            } else {
                BootptabParser.subnetProblems(0, ip.orThrow(), subnet.orThrow()).forEach(p -> slotProblems.add(p.message()));
            }
            if (slotProblems.isEmpty()) {
                duplicate(macOwner, mac.orThrow().canonical(), slot.hostname(), "MAC address").ifPresent(slotProblems::add);
                duplicate(ipOwner, ip.orThrow().toString(), slot.hostname(), "IP address").ifPresent(slotProblems::add);
                duplicate(nameOwner, name.orThrow().value(), slot.hostname(), "hostname").ifPresent(slotProblems::add);
            }
            slotProblems.forEach(message -> problems.add(new BootptabProblem(0, Severity.ERROR, who + message)));
            if (slotProblems.isEmpty()) {
                leases.add(new StaticLease(name.orThrow().value(), mac.orThrow(), ip.orThrow()));
            }
        }
        return problems.isEmpty() ? new Result(leases, List.of()) : new Result(List.of(), problems);
    }

    private static java.util.Optional<String> duplicate(Map<String, String> owners, String key, String slot, String what) {
        String previous = owners.putIfAbsent(key, slot);
        return previous == null ? java.util.Optional.empty()
                : java.util.Optional.of(what + " " + key + " is also used by slot " + previous);
    }
}
