package io.pirack.ui.network;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.net.DiscoveredPi;
import io.pirack.core.net.HostFlavour;
import io.pirack.core.net.HostSnapshot;
import io.pirack.core.net.LedBlink;
import io.pirack.core.net.PiDiscovery;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.core.validate.Ipv4Subnet;
import io.pirack.core.validate.MacAddress;
import io.pirack.core.validate.Validation;
import io.pirack.ui.network.NetworkBackend.NetworkProblem;
import io.pirack.ui.network.NetworkViewModel.PiRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Network screen's Pis: the discovered ones as table rows, their assignment to rack slots and
 * planned addresses (saved through the backend at once), and Identify. Shares the screen's rack
 * and message properties with {@link NetworkViewModel}; FX thread, blocking work on {@code background}.
 */
final class PiTable {

    private final NetworkBackend backend;
    private final Executor background;
    private final Executor fx;
    private final ObjectProperty<RackSpec> rack;
    private final StringProperty message;
    private final ObservableList<PiRow> pis = FXCollections.observableArrayList();
    private final Map<String, LedBlink> blinks = new HashMap<>();
    private List<DiscoveredPi> discovered = List.of();

    PiTable(NetworkBackend backend, Executor background, Executor fx, ObjectProperty<RackSpec> rack, StringProperty message) {
        this.backend = backend;
        this.background = background;
        this.fx = fx;
        this.rack = rack;
        this.message = message;
    }

    ObservableList<PiRow> rows() {
        return pis;
    }

    List<DiscoveredPi> discovered() {
        return discovered;
    }

    /** The Pis of a new check run. */
    void discovered(List<DiscoveredPi> found) {
        discovered = found;
        refresh();
    }

    /** Moves the rack to the subnet this computer shares; each planned address keeps its last number. */
    void useHostSubnet(HostSnapshot snapshot) {
        Optional<Ipv4Subnet> shared = Optional.ofNullable(snapshot).map(HostFlavour::detect).map(HostFlavour::subnet);
        if (shared.isEmpty()) {
            message.set("Run the checks first.");
            return;
        }
        Ipv4Subnet target = shared.get();
        List<PiSlot> slots = new ArrayList<>();
        for (PiSlot slot : rack.get().slots()) {
            Validation<Ipv4Address> ip = slot.ip() == null ? Validation.invalid("") : Ipv4Address.parse(slot.ip());
            slots.add(ip.isValid() ? slot.withIp(target.network().plus(ip.orThrow().octet(3)).toString()) : slot);
        }
        RackSpec spec = rack.get();
        updateRack(new RackSpec(spec.name(), slots, target.toString(), spec.defaultPlugMethod(), spec.turingPiUrl(), spec.deadManSeconds()));
        message.set("The rack now plans " + target + "; press \u201cApply\u2026\u201d to write the fixed addresses, then re-run the checks.");
    }

    void refresh() {
        RackSpec spec = rack.get();
        List<PiRow> rows = new ArrayList<>();
        for (DiscoveredPi pi : discovered) {
            Optional<PiSlot> slot = slotOf(spec, pi.mac());
            rows.add(new PiRow(pi.mac().canonical(), pi.currentIp().map(Ipv4Address::toString).orElse(""), pi.hostname(),
                    slot.map(PiSlot::hostname).orElse(""), slot.map(PiSlot::ip).filter(ip -> ip != null).orElse(""),
                    blinks.containsKey(pi.mac().canonical()),
                    pi.hasNonMacClientId() ? "sends client id " + pi.nonMacClientId() + ": a MAC entry will not match it" : ""));
        }
        pis.setAll(rows);
    }

    private static Optional<PiSlot> slotOf(RackSpec spec, MacAddress mac) {
        return spec.slots().stream().filter(s -> s.mac() != null && MacAddress.parse(s.mac()).isValid()
                && MacAddress.parse(s.mac()).orThrow().equals(mac)).findFirst();
    }

    /** Puts a discovered Pi in a rack slot and gives slots without an address the next suggested one. */
    void assign(PiRow row, String slotHostname) {
        if (rack.get().slot(slotHostname).isEmpty()) {
            message.set("There is no slot " + slotHostname + " in the rack.");
            return;
        }
        RackSpec assigned = PiDiscovery.assign(rack.get(), slotHostname, MacAddress.parse(row.mac()).orThrow());
        updateRack(withSuggestions(assigned).orElse(assigned));
        message.set(row.mac() + " is now " + slotHostname + ".");
    }

    /** Gives every slot without an address the next free one: .101, .102, … in slot order. */
    void suggestAddresses() {
        Optional<RackSpec> suggested = withSuggestions(rack.get());
        if (suggested.isPresent()) {
            updateRack(suggested.get());
            message.set("Suggested addresses for the slots that had none.");
        }
    }

    private Optional<RackSpec> withSuggestions(RackSpec spec) {
        Validation<Ipv4Subnet> subnet = Ipv4Subnet.parse(spec.subnet());
        if (!subnet.isValid()) {
            message.set("The rack's subnet is not valid: " + subnet.message());
            return Optional.empty();
        }
        return Optional.of(PiDiscovery.withSuggestedAddresses(spec, subnet.orThrow(), Set.of(subnet.orThrow().gateway())));
    }

    /** Sets a slot's planned address after checking it is an address inside the rack's subnet. */
    boolean setPlannedIp(String slotHostname, String text) {
        Optional<PiSlot> slot = rack.get().slot(slotHostname);
        if (slot.isEmpty()) {
            message.set("There is no slot " + slotHostname + " in the rack.");
            return false;
        }
        Validation<Ipv4Address> ip = Ipv4Address.parse(text.strip());
        if (!ip.isValid()) {
            message.set(slotHostname + ": " + ip.message());
            return false;
        }
        Validation<Ipv4Subnet> subnet = Ipv4Subnet.parse(rack.get().subnet());
        if (subnet.isValid() && !subnet.orThrow().contains(ip.orThrow())) {
            message.set(slotHostname + ": " + ip.orThrow() + " is outside the booth subnet " + subnet.orThrow());
            return false;
        }
        updateRack(rack.get().replaceSlot(slot.get().withIp(ip.orThrow().toString())));
        message.set(slotHostname + " will be at " + ip.orThrow() + " after Apply.");
        return true;
    }

    private void updateRack(RackSpec updated) {
        rack.set(updated);
        backend.saveRack(updated);
        refresh();
    }

    /** Blinks the Pi's ACT LED, or, when it is blinking, puts the LED back at once. */
    void toggleIdentify(PiRow row) {
        if (row.currentIp().isEmpty()) {
            message.set(row.mac() + " has no current address, so PiRack cannot reach it.");
            return;
        }
        PiSlot slot = rack.get().slot(row.slot()).orElse(PiSlot.of(row.sentHostname().isEmpty() ? row.currentIp() : row.sentHostname(),
                NodeRole.WORKER));
        LedBlink blink = blinks.get(row.mac());
        message.set(blink == null ? "Asking " + slot.hostname() + " to blink its LED\u2026" : "Restoring " + slot.hostname() + "'s LED\u2026");
        background.execute(() -> {
            String outcome;
            try {
                if (blink == null) {
                    LedBlink started = backend.blink(slot, row.currentIp());
                    fx.execute(() -> blinks.put(row.mac(), started));
                    outcome = slot.hostname() + " is blinking its green LED for 30 s.";
                } else {
                    backend.restoreLed(slot, row.currentIp(), blink);
                    fx.execute(() -> blinks.remove(row.mac()));
                    outcome = slot.hostname() + "'s LED is back to " + blink.savedTrigger() + ".";
                }
            } catch (NetworkProblem e) {
                outcome = e.getMessage();
            }
            String text = outcome;
            fx.execute(() -> {
                message.set(text);
                refresh();
            });
        });
    }

    /** Where each assigned Pi is now (by rack hostname), from discovery. */
    Map<String, Ipv4Address> currentAddresses(RackSpec spec) {
        Map<String, Ipv4Address> addresses = new LinkedHashMap<>();
        for (DiscoveredPi pi : discovered) {
            if (pi.currentIp().isPresent()) {
                slotOf(spec, pi.mac()).ifPresent(slot -> addresses.put(slot.hostname(), pi.currentIp().get()));
            }
        }
        return addresses;
    }
}
