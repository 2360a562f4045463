package io.pirack.core.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What PiRack knows about one Kubernetes Node, copied out of the API object so that nothing above
 * the adapters depends on fabric8. {@code receivedAt} is PiRack's own clock when this version arrived.
 */
public record NodeInfo(
        String name,
        String uid,
        NodeRole role,
        String internalIp,
        String kubeletVersion,
        String osImage,
        String architecture,
        boolean unschedulable,
        List<NodeCondition> conditions,
        List<Taint> taints,
        Set<String> images,
        Map<String, String> labels,
        Map<String, String> annotations,
        Instant createdAt,
        Instant receivedAt) {

    public NodeInfo {
        conditions = List.copyOf(conditions);
        taints = List.copyOf(taints);
        images = Set.copyOf(images);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public Optional<NodeCondition> condition(String type) {
        return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
    }

    public ConditionStatus ready() {
        return condition("Ready").map(NodeCondition::status).orElse(ConditionStatus.ABSENT);
    }

    public Optional<Taint> taint(String key, String effect) {
        return taints.stream().filter(t -> t.key().equals(key) && t.effect().equals(effect)).findFirst();
    }

    public boolean hasTaint(String key) {
        return taints.stream().anyMatch(t -> t.key().equals(key));
    }
}
