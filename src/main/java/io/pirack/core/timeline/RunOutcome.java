package io.pirack.core.timeline;

/**
 * How a failover run ended. {@link #RECOVERED} means every pod Kubernetes moves was replaced and Ready
 * (pods that stay by design are listed in {@link FailoverRun#staying()}); see {@link RunVerdict} for the meaning.
 */
public enum RunOutcome {
    IN_PROGRESS("in progress"),
    RECOVERED("recovered"),
    /** The node held no pod Kubernetes would move; the run ends when the node is NotReady. */
    NOTHING_TO_MOVE("nothing to move"),
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
