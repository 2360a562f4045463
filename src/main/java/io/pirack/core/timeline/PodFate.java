package io.pirack.core.timeline;

/** Where one pod of the failed node stands in a run. */
public enum PodFate {
    /** Still on the node, inside its tolerationSeconds. */
    AWAITING_EVICTION("waiting for eviction"),
    /** Marked for deletion; no replacement seen yet. */
    AWAITING_REPLACEMENT("waiting for replacement"),
    /** Replacement created, not Ready yet. */
    RESCHEDULING("rescheduling"),
    REPLACED("replaced"),
    /** A StatefulSet pod: its name cannot be reused while the old object exists on the dead node. */
    STUCK_TERMINATING("stuck Terminating"),
    /** No controller owns it, so nothing will re-create it. */
    NOT_REPLACED("not replaced (no controller)");

    private final String label;

    PodFate(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
