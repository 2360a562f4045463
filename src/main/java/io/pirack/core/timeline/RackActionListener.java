package io.pirack.core.timeline;

import java.time.Instant;

/**
 * What PiRack itself does or sees outside the Kubernetes API: plug actions, its TCP probe, and the
 * tuning in force. {@code at} is PiRack's clock. Like {@code ClusterChangeListener}, implementations
 * are quick and never touch UI nodes.
 */
public interface RackActionListener {

    default void plugPulled(String node, String strategy, Instant at) {
    }

    default void plugRestored(String node, String strategy, Instant at) {
    }

    default void linkLost(String node, String probe, Instant at) {
    }

    default void linkRegained(String node, String probe, Instant at) {
    }

    default void tuningApplied(FailoverSettings settings, Instant at) {
    }
}
