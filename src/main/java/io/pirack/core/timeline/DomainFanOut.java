package io.pirack.core.timeline;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import java.time.Instant;
import java.util.List;

/** Hands every change to several listeners in order (e.g. the recorder first, then the event deriver). */
public final class DomainFanOut implements DomainListener {

    private final List<DomainListener> listeners;

    public DomainFanOut(List<? extends DomainListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void nodeChanged(NodeInfo before, NodeInfo after) {
        listeners.forEach(l -> l.nodeChanged(before, after));
    }

    @Override
    public void podChanged(PodInfo before, PodInfo after) {
        listeners.forEach(l -> l.podChanged(before, after));
    }

    @Override
    public void leaseChanged(LeaseInfo before, LeaseInfo after) {
        listeners.forEach(l -> l.leaseChanged(before, after));
    }

    @Override
    public void eventReceived(EventInfo event) {
        listeners.forEach(l -> l.eventReceived(event));
    }

    @Override
    public void apiStatusChanged(ApiStatus before, ApiStatus after) {
        listeners.forEach(l -> l.apiStatusChanged(before, after));
    }

    @Override
    public void plugPulled(String node, String strategy, Instant at) {
        listeners.forEach(l -> l.plugPulled(node, strategy, at));
    }

    @Override
    public void plugRestored(String node, String strategy, Instant at) {
        listeners.forEach(l -> l.plugRestored(node, strategy, at));
    }

    @Override
    public void linkLost(String node, String probe, Instant at) {
        listeners.forEach(l -> l.linkLost(node, probe, at));
    }

    @Override
    public void linkRegained(String node, String probe, Instant at) {
        listeners.forEach(l -> l.linkRegained(node, probe, at));
    }

    @Override
    public void tuningApplied(FailoverSettings settings, Instant at) {
        listeners.forEach(l -> l.tuningApplied(settings, at));
    }
}
