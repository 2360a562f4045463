package io.pirack.core.cluster;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One immutable view of the cluster as PiRack last saw it. Views receive at most one of these per
 * frame; nothing in it changes after construction, so it can be read from any thread.
 *
 * @param version  increases with every change the store applied (for cheap "did anything change")
 * @param source   where the data comes from, e.g. "rehearsal rack" or a kubeconfig context name
 * @param podJournal which pods changed since the store's recent snapshots, so a view applies only those
 */
public record ClusterSnapshot(
        long version,
        Instant takenAt,
        String source,
        ApiStatus api,
        SortedMap<String, NodeInfo> nodes,
        Map<String, PodInfo> pods,
        Map<String, LeaseInfo> leases,
        Map<String, ReplicaSetInfo> replicaSets,
        List<EventInfo> recentEvents,
        PodJournal podJournal) {

    /** A snapshot without a journal (views compare every pod). */
    public ClusterSnapshot(long version, Instant takenAt, String source, ApiStatus api, SortedMap<String, NodeInfo> nodes,
            Map<String, PodInfo> pods, Map<String, LeaseInfo> leases, Map<String, ReplicaSetInfo> replicaSets,
            List<EventInfo> recentEvents) {
        this(version, takenAt, source, api, nodes, pods, leases, replicaSets, recentEvents, PodJournal.unknown());
    }

    public ClusterSnapshot {
        nodes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        pods = Map.copyOf(pods);
        leases = Map.copyOf(leases);
        replicaSets = Map.copyOf(replicaSets);
        recentEvents = List.copyOf(recentEvents);
        java.util.Objects.requireNonNull(podJournal, "podJournal");
    }

    public static ClusterSnapshot empty(String source, ApiStatus api) {
        return new ClusterSnapshot(0, api.since(), source, api, new TreeMap<>(), Map.of(), Map.of(), Map.of(), List.of());
    }

    /** Pods bound to a node, in a stable order (namespace, then name). */
    public List<PodInfo> podsOn(String nodeName) {
        return pods.values().stream()
                .filter(p -> nodeName.equals(p.nodeName()))
                .sorted(Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name))
                .toList();
    }

    public List<PodInfo> podsSorted() {
        return pods.values().stream()
                .sorted(Comparator.comparing(PodInfo::namespace).thenComparing(PodInfo::name))
                .toList();
    }

    public Optional<NodeInfo> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public Optional<LeaseInfo> lease(String nodeName) {
        return Optional.ofNullable(leases.get(nodeName));
    }

    public long readyNodeCount() {
        return nodes.values().stream().filter(n -> n.ready() == ConditionStatus.TRUE).count();
    }

    /** Events about one object, newest first. */
    public List<EventInfo> eventsFor(String kind, String name) {
        return recentEvents.stream()
                .filter(e -> kind.equals(e.involvedKind()) && name.equals(e.involvedName()))
                .sorted(Comparator.comparing(EventInfo::receivedAt).reversed())
                .toList();
    }
}
