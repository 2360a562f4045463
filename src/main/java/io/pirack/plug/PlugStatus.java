package io.pirack.plug;

/**
 * What a Pi (or its power switch) says right now.
 *
 * @param unplugged    the cut PiRack makes is in place (unit stopped, rule present, port off)
 * @param deadManArmed the Pi's own restore timer is still waiting
 * @param detail       what was seen, e.g. "k3s-agent inactive; dead-man timer armed"
 */
public record PlugStatus(boolean unplugged, boolean deadManArmed, String detail) {
}
