package io.pirack.core.cluster;

/** The controller that owns a pod, which decides its fate when its node dies. */
public enum OwnerKind {
    REPLICA_SET, STATEFUL_SET, DAEMON_SET, JOB, NODE, NONE, OTHER;

    public static OwnerKind of(String kind) {
        if (kind == null) {
            return NONE;
        }
        return switch (kind) {
            case "ReplicaSet" -> REPLICA_SET;
            case "StatefulSet" -> STATEFUL_SET;
            case "DaemonSet" -> DAEMON_SET;
            case "Job" -> JOB;
            case "Node" -> NODE;
            default -> OTHER;
        };
    }
}
