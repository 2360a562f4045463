package io.pirack.core.cluster;

/** What a node does in the demo: the control plane must never be chosen as a casual victim. */
public enum NodeRole {
    CONTROL_PLANE("control plane"), WORKER("worker");

    private final String label;

    NodeRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
