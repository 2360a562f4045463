package io.pirack.core.cluster;

import java.time.Instant;

/** A node taint; {@code timeAdded} is set by the API server for NoExecute taints (may be null). */
public record Taint(String key, String value, String effect, Instant timeAdded) {

    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String OUT_OF_SERVICE = "node.kubernetes.io/out-of-service";
    public static final String NO_EXECUTE = "NoExecute";
    public static final String NO_SCHEDULE = "NoSchedule";

    public boolean isNoExecute() {
        return NO_EXECUTE.equals(effect);
    }
}
