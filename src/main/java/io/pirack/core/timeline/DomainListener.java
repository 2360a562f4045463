package io.pirack.core.timeline;

import io.pirack.core.cluster.ClusterChangeListener;

/** Everything a PiRack session records and replays: cluster changes and PiRack's own actions. */
public interface DomainListener extends ClusterChangeListener, RackActionListener {
}
