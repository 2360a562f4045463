package io.pirack.core.timeline;

/** What a timeline marker stands for; the label is what the audience reads next to it. */
public enum TimelineEventKind {
    PLUG_PULLED("plug pulled"),
    PLUG_RESTORED("plug restored"),
    LINK_LOST("link lost"),
    LINK_REGAINED("link regained"),
    HEARTBEAT_RENEWED("heartbeat"),
    HEARTBEATS_STOPPED("last heartbeat"),
    NODE_READY_CHANGED("Ready changed"),
    TAINT_ADDED("taint added"),
    TAINT_REMOVED("taint removed"),
    POD_MARKED_FOR_DELETION("pod marked for deletion"),
    POD_CREATED("pod created"),
    POD_SCHEDULED("pod scheduled"),
    POD_RUNNING("pod running"),
    POD_READY("pod ready"),
    POD_DELETED("pod deleted"),
    API_OUTAGE("API unreachable"),
    API_RESTORED("API reachable"),
    TUNING_APPLIED("tuning applied"),
    KUBE_EVENT("Kubernetes event");

    private final String label;

    TimelineEventKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
