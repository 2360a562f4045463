package io.pirack.core.timeline;

/** What the big stopwatch says during (and after) a run. */
public enum RunPhase {
    DETECTING("Detecting…"),
    EVICTING("Evicting…"),
    RESCHEDULING("Rescheduled"),
    RECOVERED("Rescheduled"),
    HALTED("Eviction halted"),
    NOTHING_TO_MOVE("Nothing to move"),
    /** PiRack cannot see the cluster right now: the run goes on, but nothing new is known. */
    API_UNREACHABLE("API unreachable"),
    RESTORED("Node restored"),
    TIMED_OUT("Timed out"),
    ALREADY_DOWN("Node was already down");

    private final String label;

    RunPhase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
