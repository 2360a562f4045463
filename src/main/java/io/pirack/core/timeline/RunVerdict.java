package io.pirack.core.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run means, in one place for {@code pirack drill}, {@code pirack runs}, the timeline's run
 * summary, the audience story and the booth's attract loop.
 *
 * @param kind     the category; {@link #ok()} says whether the demo did what Kubernetes promises
 * @param headline "recovered; web-0 stays Terminating (StatefulSet)", "eviction halted: 3 of 4 nodes down"
 * @param summary  the run view's outcome text: "3 pods moved in 18.1 s; web-0 stays Terminating (StatefulSet)"
 * @param details  one sentence per staying pod (why, and what would move it), then the failure reason
 */
public record RunVerdict(Kind kind, String headline, String summary, List<String> details) {

    public enum Kind {
        IN_PROGRESS,
        /** Every pod Kubernetes moves was replaced and Ready, and nothing stayed behind. */
        RECOVERED,
        /** Every movable pod was replaced and Ready; StatefulSet/DaemonSet/uncontrolled pods stay by design. */
        RECOVERED_WITH_STAYING,
        /** The node held no pod Kubernetes would move: the run ends at NotReady. */
        NOTHING_TO_MOVE,
        /** Too many nodes down: the node lifecycle controller stopped evicting. */
        EVICTION_HALTED,
        /** The Pi came back before the pods moved. */
        NODE_RESTORED,
        /** A real failure: a replacement never Ready, the API down, no NotReady, the node already down. */
        FAILED
    }

    public RunVerdict {
        details = List.copyOf(details);
    }

    /** Kubernetes did what it promises: the attract loop counts the cycle, {@code drill} exits 0. */
    public boolean ok() {
        return kind == Kind.RECOVERED || kind == Kind.RECOVERED_WITH_STAYING || kind == Kind.NOTHING_TO_MOVE;
    }

    /** Whether the run has movable pods whose timings belong in the medians. */
    public boolean countsForMedians() {
        return kind == Kind.RECOVERED || kind == Kind.RECOVERED_WITH_STAYING;
    }

    public static RunVerdict of(FailoverRun run) {
        List<String> details = new ArrayList<>();
        for (StayingPod staying : run.staying()) {
            details.add(staying.explanation(run.node()));
        }
        String stayText = stayingText(run.staying());
        long moved = run.replacedCount();
        switch (run.outcome()) {
            case IN_PROGRESS: {
                if (run.failureReason() != null) {
                    details.add(run.failureReason());
                }
                // A replacement that cannot pull or run its image will never be Ready: say so now, not at the timeout.
                List<String> imageTrouble = run.imageTrouble();
                details.addAll(imageTrouble);
                String summary = imageTrouble.isEmpty() ? run.phaseText() : run.phaseText() + " — " + imageTrouble.get(0);
                return new RunVerdict(Kind.IN_PROGRESS, run.phaseText(), summary, details);
            }
            case NOTHING_TO_MOVE:
                return new RunVerdict(Kind.NOTHING_TO_MOVE, join("nothing to move", stayText),
                        join("nothing to move", stayText), details);
            case RECOVERED: {
                String moves = moved + (moved == 1 ? " pod" : " pods") + " moved in "
                        + String.format(Locale.ROOT, "%.1f s", run.elapsed(run.end()).toMillis() / 1000.0);
                boolean staying = !stayText.isEmpty();
                return new RunVerdict(staying ? Kind.RECOVERED_WITH_STAYING : Kind.RECOVERED,
                        join("recovered", stayText), join(moves, stayText), details);
            }
            default:
                break;
        }
        String reason = run.failureReason() == null ? run.outcome().label() : run.failureReason();
        details.add(reason);
        if (run.phase() == RunPhase.HALTED) {
            return new RunVerdict(Kind.EVICTION_HALTED, reason, reason, details);
        }
        if (run.outcome() == RunOutcome.RESTORED) {
            return new RunVerdict(Kind.NODE_RESTORED, reason, reason, details);
        }
        return new RunVerdict(Kind.FAILED, reason, reason, details);
    }

    /**
     * "web-0 stays Terminating (StatefulSet)". DaemonSet pods are on every node and always stay, so they are
     * named only in the details.
     */
    static String stayingText(List<StayingPod> staying) {
        return String.join("; ", staying.stream().filter(p -> p.reason() != StayingPod.Reason.DAEMON_SET)
                .map(StayingPod::shortText).toList());
    }

    private static String join(String head, String tail) {
        return tail.isEmpty() ? head : head + "; " + tail;
    }
}
