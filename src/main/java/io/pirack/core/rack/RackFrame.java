package io.pirack.core.rack;

import io.pirack.core.cluster.ClusterSnapshot;
import java.time.Instant;
import java.util.Map;

/**
 * Everything one rendered frame of the rack needs, taken together so that a view never mixes an
 * old cluster state with a new link state. At most one of these reaches the FX thread per pulse.
 *
 * @param plugs per-Pi plug state words for display (e.g. "unplugged since 10:32:05"), may be empty
 */
public record RackFrame(ClusterSnapshot cluster, Map<String, LinkState> links, RackSpec spec,
                        Map<String, String> plugs, Instant now) {

    public RackFrame {
        links = Map.copyOf(links);
        plugs = Map.copyOf(plugs);
    }
}
