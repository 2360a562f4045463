package io.pirack.plug;

import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;

/**
 * One way to make a Pi die and bring it back. Implementations block (SSH, HTTP, processes) and are
 * called on the controller's executor, never on the UI thread. A strategy keeps no memory of what
 * it did: {@link #status} asks the Pi (or its power switch) again, so PiRack can pick up where it
 * left off after a restart. The rehearsal rack's power switch is a strategy like any other; it
 * only needs the slot's {@link PiSlot#hostname()}.
 */
public interface PlugStrategy {

    PlugMethod method();

    /** One or two sentences for the confirmation dialog: what pull and restore will do to this Pi. */
    String describe(PiSlot slot);

    /** Whether this Pi is configured for this strategy, checked without contacting it. */
    Availability availability(PiSlot slot);

    default boolean isAvailable(PiSlot slot) {
        return availability(slot).available();
    }

    /** Pulls the plug; returns once the Pi is cut off. */
    PullResult pull(PiSlot slot) throws PlugException;

    /** Plugs the Pi back in (and disarms any dead-man switch). Restoring a plugged Pi is harmless. */
    void restore(PiSlot slot) throws PlugException;

    /** Asks the Pi or its switch whether it is still unplugged by PiRack. */
    PlugStatus status(PiSlot slot) throws PlugException;
}
