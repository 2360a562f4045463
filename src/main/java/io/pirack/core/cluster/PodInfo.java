package io.pirack.core.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What PiRack knows about one Pod. {@code ownerName} is the direct owner (a ReplicaSet for a
 * Deployment's pods); {@code app} is the label {@code app} or, failing that, the owner's name.
 */
public record PodInfo(
        String namespace,
        String name,
        String uid,
        String nodeName,
        PodPhase phase,
        boolean ready,
        OwnerKind ownerKind,
        String ownerName,
        String app,
        Instant createdAt,
        Instant deletionTimestamp,
        boolean disruptionTarget,
        boolean controlPlane,
        List<String> images,
        List<Toleration> tolerations,
        Map<String, String> labels,
        Instant readySince,
        Instant receivedAt) {

    public PodInfo {
        images = List.copyOf(images);
        tolerations = List.copyOf(tolerations);
        labels = Map.copyOf(labels);
    }

    public String key() {
        return namespace + "/" + name;
    }

    public boolean terminating() {
        return deletionTimestamp != null;
    }

    public boolean scheduled() {
        return nodeName != null && !nodeName.isEmpty();
    }

    public boolean isDaemon() {
        return ownerKind == OwnerKind.DAEMON_SET;
    }
}
