package io.pirack.plug;

/**
 * What a Pi (or its power switch) says right now.
 *
 * @param unplugged    the cut PiRack makes is in place (unit stopped, rule present, port off)
 * @param deadManArmed the Pi's own restore timer is still waiting
 * @param detail       what was seen, e.g. "k3s-agent inactive; dead-man timer armed"
 * @param deadManLeft  how long until the Pi restores itself, as the Pi counts it; null when unknown or not armed
 */
public record PlugStatus(boolean unplugged, boolean deadManArmed, String detail, java.time.Duration deadManLeft) {

    public PlugStatus(boolean unplugged, boolean deadManArmed, String detail) {
        this(unplugged, deadManArmed, detail, null);
    }
}
