package io.pirack.core.timeline;

import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;

/** Which pod a timeline event is about: enough to link it to its owner and to its replacement. */
public record PodRef(String namespace, String name, String uid, OwnerKind ownerKind, String ownerName) {

    public static PodRef of(PodInfo pod) {
        return new PodRef(pod.namespace(), pod.name(), pod.uid(), pod.ownerKind(), pod.ownerName());
    }

    public String key() {
        return namespace + "/" + name;
    }

    /** The controller that would create a replacement, e.g. "ReplicaSet demo/web-7d4b9". */
    public String ownerKey() {
        return ownerKind + " " + namespace + "/" + ownerName;
    }
}
