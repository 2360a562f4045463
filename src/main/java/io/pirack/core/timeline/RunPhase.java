package io.pirack.core.timeline;

/** What the big stopwatch says during (and after) a run. */
public enum RunPhase {
    DETECTING("Detecting…"),
    EVICTING("Evicting…"),
    RESCHEDULING("Rescheduled"),
    RECOVERED("Rescheduled"),
    HALTED("Eviction halted"),
    RESTORED("Node restored"),
    TIMED_OUT("Timed out");

    private final String label;

    RunPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
