package io.pirack.core.timeline;

import io.pirack.core.cluster.TimeText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One failover: from a plug pull (or a spontaneous NotReady) of {@code node} until its pods run
 * elsewhere, the node is back, or the run timed out. Milestones are null until seen; a milestone seen
 * after {@link #end()} is not part of the run.
 *
 * @param trigger        what started it, e.g. "plug pulled (sim)" or "node NotReady"
 * @param end            null while in progress
 * @param failureReason  why the workload did not recover; null when recovered. While in progress it is set
 *                       only when the API server is unreachable.
 * @param haltReason     set when the eviction halt ("3 of 4 nodes down") was in force during the run
 * @param notes          things worth knowing that did not decide the outcome (an API outage, a halt)
 * @param events         the run's events in time order (node lane, its pods and their replacements)
 * @param staying        pods of the node that Kubernetes does not move by design (StatefulSet, DaemonSet, no controller)
 */
public record FailoverRun(String node, String trigger, FailoverSettings settings, Instant start, Instant end,
                          RunOutcome outcome, String failureReason, String haltReason, List<String> notes,
                          Milestone lastHeartbeat, Milestone linkLost, Milestone notReady,
                          Milestone noExecuteTaint, Milestone firstEviction, Milestone firstReplacementReady,
                          Milestone lastReplacementReady, Milestone nodeBack, List<PodFailover> pods,
                          Prediction prediction, List<TimelineEvent> events, List<StayingPod> staying) {

    public FailoverRun {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(start, "start");
        notes = List.copyOf(notes);
        pods = List.copyOf(pods);
        events = List.copyOf(events);
        staying = List.copyOf(staying);
    }

    /** What the run means: the one answer for drill, runs, the run summary, the audience and the attract loop. */
    public RunVerdict verdict() {
        return RunVerdict.of(this);
    }

    /** Replacements that cannot start because their image does not run on the Pis (from their events). */
    public List<String> imageTrouble() {
        return ImageTrouble.of(pods, events, end != null ? end : Instant.MAX);
    }

    /** The pods Kubernetes moves; the run's recovery is measured over these. */
    public List<PodFailover> movablePods() {
        return pods.stream().filter(PodFailover::movable).toList();
    }

    public boolean recovered() {
        return outcome == RunOutcome.RECOVERED;
    }

    public boolean inProgress() {
        return outcome == RunOutcome.IN_PROGRESS;
    }

    /** Time from the run's start to a milestone of this run; null when not reached. */
    public Duration timeTo(Milestone milestone) {
        return milestone == null ? null : milestone.since(start);
    }

    /** How long the run has been going at {@code now}, or its whole length once ended. */
    public Duration elapsed(Instant now) {
        Instant until = end != null ? end : now;
        return until.isBefore(start) ? Duration.ZERO : Duration.between(start, until);
    }

    public long replacedCount() {
        return pods.stream().filter(p -> p.fate() == PodFate.REPLACED).count();
    }

    public RunPhase phase() {
        switch (outcome) {
            case RECOVERED:
                return RunPhase.RECOVERED;
            case RESTORED:
                return RunPhase.RESTORED;
            case TIMED_OUT:
                return haltReason != null ? RunPhase.HALTED : RunPhase.TIMED_OUT;
            case ALREADY_DOWN:
                return RunPhase.ALREADY_DOWN;
            case NOTHING_TO_MOVE:
                return RunPhase.NOTHING_TO_MOVE;
            default:
                break;
        }
        if (failureReason != null) {
            return RunPhase.API_UNREACHABLE;
        }
        if (notReady == null) {
            return RunPhase.DETECTING;
        }
        if (haltReason != null && firstEviction == null) {
            return RunPhase.HALTED;
        }
        return firstReplacementReady == null ? RunPhase.EVICTING : RunPhase.RESCHEDULING;
    }

    /** The stopwatch caption: "Detecting…", "Evicting…", "Rescheduled 3/4", "Eviction halted". */
    public String phaseText() {
        RunPhase phase = phase();
        if (phase == RunPhase.RESCHEDULING || phase == RunPhase.RECOVERED) {
            return phase.label() + " " + movablePods().stream().filter(p -> p.fate() == PodFate.REPLACED).count()
                    + "/" + movablePods().size();
        }
        return phase.label();
    }

    /** "Detecting… 8.4 s". */
    public String stopwatchText(Instant now) {
        return phaseText() + " " + TimeText.age(elapsed(now));
    }

    public RunMetrics metrics() {
        return RunMetrics.of(this);
    }
}
