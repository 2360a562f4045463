package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.sim.RehearsalRack;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * "Pull the plug" on the rehearsal rack: the simulated Pi's power switch. Like the SSH strategies
 * it arms a dead-man restore first, so a rehearsal behaves exactly like the show.
 */
public final class SimulatedPowerStrategy implements PlugStrategy {

    private final RehearsalRack rack;
    private final Supplier<Duration> deadMan;

    public SimulatedPowerStrategy(RehearsalRack rack, Supplier<Duration> deadMan) {
        this.rack = rack;
        this.deadMan = deadMan;
    }

    @Override
    public PlugMethod method() {
        return PlugMethod.SIMULATED_POWER;
    }

    @Override
    public String describe(PiSlot slot) {
        return "switch off " + slot.hostname() + "'s simulated power";
    }

    @Override
    public Availability availability(PiSlot slot) {
        return rack.hasNode(slot.hostname()) ? Availability.AVAILABLE
                : Availability.unavailable("the rehearsal rack has no Pi named " + slot.hostname());
    }

    @Override
    public PullResult pull(PiSlot slot) throws PlugException {
        requireNode(slot);
        Duration delay = deadMan.get();
        rack.armDeadMan(slot.hostname(), delay);
        rack.unplug(slot.hostname());
        return new PullResult(delay, "simulated power off");
    }

    @Override
    public void restore(PiSlot slot) throws PlugException {
        requireNode(slot);
        rack.plugIn(slot.hostname());
        rack.cancelDeadMan(slot.hostname());
    }

    @Override
    public PlugStatus status(PiSlot slot) throws PlugException {
        requireNode(slot);
        boolean unplugged = !rack.isPowered(slot.hostname());
        return new PlugStatus(unplugged, rack.deadManArmed(slot.hostname()), unplugged ? "simulated power off" : "powered");
    }

    private void requireNode(PiSlot slot) throws PlugException {
        if (!rack.hasNode(slot.hostname())) {
            throw new PlugException("the rehearsal rack has no Pi named '" + slot.hostname() + "'");
        }
    }
}
