package io.pirack.core.rack;

import io.pirack.core.cluster.NodeRole;
import io.pirack.core.validate.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The physical rack: which Pi sits in which layer (top first), and the booth network it lives on.
 * Persisted as {@code rack.json} in the app-data folder.
 *
 * @param subnet            booth subnet in CIDR form (macOS Internet Sharing: 192.168.2.0/24)
 * @param defaultPlugMethod how a Pi without its own choice is unplugged
 * @param turingPiUrl       Turing Pi 2 BMC base URL (e.g. https://turingpi.local), or null
 * @param deadManSeconds    how long an SSH-based pull may last before the Pi restores itself
 */
public record RackSpec(String name, List<PiSlot> slots, String subnet, PlugMethod defaultPlugMethod,
                       String turingPiUrl, int deadManSeconds) {

    public static final int DEFAULT_DEAD_MAN_SECONDS = 180;
    /** Shorter than this and a slow Pi restores itself before the demo has shown anything. */
    public static final int MIN_DEAD_MAN_SECONDS = 10;
    /** An hour: longer and a forgotten Pi stays down past the next talk. */
    public static final int MAX_DEAD_MAN_SECONDS = 3600;

    public RackSpec {
        slots = List.copyOf(slots);
    }

    /** The rehearsal rack's default: rpi1 control plane, then workers rpi2..rpiN. */
    public static RackSpec rehearsal(int piCount) {
        if (piCount < 1) {
            throw new IllegalArgumentException("a rack needs at least one Pi");
        }
        List<PiSlot> slots = new ArrayList<>();
        for (int i = 1; i <= piCount; i++) {
            slots.add(PiSlot.of("rpi" + i, i == 1 ? NodeRole.CONTROL_PLANE : NodeRole.WORKER)
                    .withIp("192.168.2." + (100 + i)));
        }
        return new RackSpec("Rehearsal rack", slots, "192.168.2.0/24", PlugMethod.SIMULATED_POWER, null,
                DEFAULT_DEAD_MAN_SECONDS);
    }

    /** A real rack with no Pis yet (what "Start with an empty rack" gives). */
    public static RackSpec empty() {
        return new RackSpec("My rack", List.of(), "192.168.2.0/24", PlugMethod.STOP_AGENT, null, DEFAULT_DEAD_MAN_SECONDS);
    }

    /** Everything wrong with this spec, by field; empty when it is usable. */
    public List<FieldProblem> problems() {
        return RackValidator.check(this);
    }

    public Optional<PiSlot> slot(String hostname) {
        return slots.stream().filter(s -> s.hostname().equals(hostname)).findFirst();
    }

    public int indexOf(String hostname) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).hostname().equals(hostname)) {
                return i;
            }
        }
        return -1;
    }

    public PlugMethod plugMethodFor(PiSlot slot) {
        return slot.plugMethod() != null ? slot.plugMethod() : defaultPlugMethod;
    }

    public RackSpec withSlots(List<PiSlot> newSlots) {
        return new RackSpec(name, newSlots, subnet, defaultPlugMethod, turingPiUrl, deadManSeconds);
    }

    /** Moves the slot at {@code from} to index {@code to}, shifting the others (drag and drop). */
    public RackSpec moveSlot(int from, int to) {
        List<PiSlot> reordered = new ArrayList<>(slots);
        PiSlot moved = reordered.remove(from);
        reordered.add(Math.max(0, Math.min(to, reordered.size())), moved);
        return withSlots(reordered);
    }

    public RackSpec replaceSlot(PiSlot updated) {
        List<PiSlot> replaced = new ArrayList<>(slots);
        int index = indexOf(updated.hostname());
        if (index < 0) {
            replaced.add(updated);
        } else {
            replaced.set(index, updated);
        }
        return withSlots(replaced);
    }
}
