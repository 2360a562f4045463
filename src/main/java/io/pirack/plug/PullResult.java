package io.pirack.plug;

import java.time.Duration;

/**
 * What a pull set up.
 *
 * @param deadManDelay how long until the Pi restores itself, or null when it cannot (power switches)
 * @param detail       for the timeline, e.g. "stopped k3s-agent"
 */
public record PullResult(Duration deadManDelay, String detail) {
}
