package io.pirack.core.cluster;

/**
 * Told about every change the cluster store applies, on the informer thread, in arrival order.
 * {@code before} is null for an add, {@code after} is null for a delete. Implementations must be
 * quick and must not touch UI nodes (the timeline's event deriver and the recorder listen here).
 */
public interface ClusterChangeListener {

    default void nodeChanged(NodeInfo before, NodeInfo after) {
    }

    default void podChanged(PodInfo before, PodInfo after) {
    }

    default void leaseChanged(LeaseInfo before, LeaseInfo after) {
    }

    default void eventReceived(EventInfo event) {
    }

    default void apiStatusChanged(ApiStatus before, ApiStatus after) {
    }
}
