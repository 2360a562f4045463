package io.pirack.core.cluster;

public enum PodPhase {
    PENDING, RUNNING, SUCCEEDED, FAILED, UNKNOWN;

    public static PodPhase of(String phase) {
        if (phase == null) {
            return PENDING;
        }
        return switch (phase) {
            case "Pending" -> PENDING;
            case "Running" -> RUNNING;
            case "Succeeded" -> SUCCEEDED;
            case "Failed" -> FAILED;
            default -> UNKNOWN;
        };
    }
}
