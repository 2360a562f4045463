package io.pirack.core.cluster;

/** A ReplicaSet and the Deployment that owns it (null when standalone). */
public record ReplicaSetInfo(String namespace, String name, String deploymentName, int desiredReplicas,
                             int readyReplicas) {

    public String key() {
        return namespace + "/" + name;
    }
}
