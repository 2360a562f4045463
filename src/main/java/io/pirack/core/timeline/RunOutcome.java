package io.pirack.core.timeline;

/** How a failover run ended. Only {@link #RECOVERED} means the workload moved. */
public enum RunOutcome {
    IN_PROGRESS("in progress"),
    RECOVERED("recovered"),
    RESTORED("node restored first"),
    TIMED_OUT("timed out"),
    /** The plug was pulled on a node Kubernetes already considered down: nothing left to measure. */
    ALREADY_DOWN("node already down");

    private final String label;

    RunOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
