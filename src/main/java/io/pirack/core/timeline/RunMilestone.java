package io.pirack.core.timeline;

import java.util.function.Function;

/** The key milestones of a run in story order, with their export key and their spoken name. */
public enum RunMilestone {
    LAST_HEARTBEAT("lastHeartbeat", "last heartbeat", FailoverRun::lastHeartbeat),
    LINK_LOST("linkLost", "link lost", FailoverRun::linkLost),
    NOT_READY("notReady", "NotReady", FailoverRun::notReady),
    NO_EXECUTE_TAINT("noExecuteTaint", "NoExecute taint", FailoverRun::noExecuteTaint),
    FIRST_EVICTION("firstEviction", "first eviction", FailoverRun::firstEviction),
    FIRST_REPLACEMENT_READY("firstReplacementReady", "first replacement Ready", FailoverRun::firstReplacementReady),
    LAST_REPLACEMENT_READY("lastReplacementReady", "last replacement Ready", FailoverRun::lastReplacementReady),
    NODE_BACK("nodeBack", "node back", FailoverRun::nodeBack);

    private final String key;
    private final String label;
    private final Function<FailoverRun, Milestone> getter;

    RunMilestone(String key, String label, Function<FailoverRun, Milestone> getter) {
        this.key = key;
        this.label = label;
        this.getter = getter;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** This milestone of {@code run}; null when not reached. */
    public Milestone of(FailoverRun run) {
        return getter.apply(run);
    }
}
