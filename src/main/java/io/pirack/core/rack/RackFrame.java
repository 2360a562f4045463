package io.pirack.core.rack;

import io.pirack.core.cluster.ClusterSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** The Pis in the rack's order: the spec's slots, then nodes the spec does not name. */
    public List<String> hosts() {
        List<String> order = new ArrayList<>(spec.slots().size());
        spec.slots().forEach(slot -> order.add(slot.hostname()));
        Set<String> known = new HashSet<>(order);
        cluster.nodes().keySet().stream().filter(n -> !known.contains(n)).forEach(order::add);
        return order;
    }
}
