package io.pirack.core.cluster;

/** A Kubernetes condition status ("True", "False", "Unknown"), or ABSENT when the condition is not posted. */
public enum ConditionStatus {
    TRUE, FALSE, UNKNOWN, ABSENT;

    public static ConditionStatus of(String status) {
        if (status == null) {
            return ABSENT;
        }
        return switch (status) {
            case "True" -> TRUE;
            case "False" -> FALSE;
            case "Unknown" -> UNKNOWN;
            default -> ABSENT;
        };
    }
}
