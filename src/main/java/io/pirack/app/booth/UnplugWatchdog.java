package io.pirack.app.booth;

import io.pirack.app.PlugService;
import io.pirack.core.plug.PlugState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booth's last line of defence: any Pi PiRack has held unplugged longer than {@code maximum}
 * is plugged back in, whatever else happened (a crashed loop, a forgotten manual pull).
 */
public final class UnplugWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(UnplugWatchdog.class);

    private final PlugService plugs;
    private final Clock clock;
    private final Duration maximum;

    public UnplugWatchdog(PlugService plugs, Clock clock, Duration maximum) {
        this.plugs = plugs;
        this.clock = clock;
        this.maximum = maximum;
    }

    /** One check; call it periodically. Returns how many Pis it restored. */
    public int check() {
        Instant now = clock.instant();
        int restored = 0;
        for (Map.Entry<String, PlugState> entry : plugs.controller().states().entrySet()) {
            if (entry.getValue() instanceof PlugState.Unplugged u && u.since() != null
                    && Duration.between(u.since(), now).compareTo(maximum) > 0) {
                LOG.warn("watchdog: {} unplugged since {}, longer than {}; plugging it back in", entry.getKey(), u.since(), maximum);
                plugs.restore(entry.getKey());
                restored++;
            }
        }
        return restored;
    }
}
