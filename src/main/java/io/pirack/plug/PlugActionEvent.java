package io.pirack.plug;

import io.pirack.core.rack.PlugMethod;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A timeline action: a plug was pulled or put back, with the exact local time.
 *
 * @param requestedAt when the presenter asked: the moment failover timings start from (the timeline's run,
 *                    the audience's stopwatch and the card's "unplugged since" all count from the click)
 * @param at          when the command returned
 * @param detail      what the strategy did, e.g. "stopped k3s-agent"
 */
public record PlugActionEvent(String node, Action action, PlugMethod method, Instant requestedAt, Instant at,
                              ZoneId zone, String detail) {

    public enum Action {
        PULLED("plug pulled"),
        RESTORED("plugged back in"),
        /** PiRack found the Pi back without restoring it (its dead-man switch fired, or someone else). */
        FOUND_RESTORED("back by itself");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    public ZonedDateTime localTime() {
        return at.atZone(zone);
    }

    /** e.g. "09:14:03.271 rpi2 plug pulled (stopped k3s-agent)". */
    public String describe() {
        return LOCAL.format(localTime()) + " " + node + " " + action.label() + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
