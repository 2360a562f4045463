package io.pirack.ui.timeline;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.timeline.LaneLayout;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.Prediction;
import io.pirack.core.timeline.RunSummary;
import io.pirack.core.timeline.TimelineEvent;
import io.pirack.core.timeline.TimelineEvent.HeartbeatsStopped;
import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import io.pirack.core.timeline.TimelineEvent.NodeReadyChanged;
import io.pirack.core.timeline.TimelineEvent.PodCreated;
import io.pirack.core.timeline.TimelineEvent.PodReady;
import io.pirack.core.timeline.TimelineEvent.PodRunning;
import io.pirack.core.timeline.TimelineEvent.PodScheduled;
import io.pirack.core.timeline.TimelineEventKind;
import io.pirack.core.timeline.TimelineSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which timeline events become markers, where they sit, and their shapes and words. Pure functions of a snapshot. */
final class TimelineMarkers {

    /** A pod first seen this long after its creation was there before PiRack looked. */
    static final Duration STARTUP_AGE = Duration.ofSeconds(30);

    private TimelineMarkers() {
    }

    /**
     * The markers to draw between {@code from} and {@code to}: start-up noise, API outages (drawn as
     * bands) and, when {@code hideSystem}, kube-system pods left out; the predictions of the selected run while it runs.
     */
    static List<TimelineMarker> between(TimelineSnapshot current, Instant from, Instant to, boolean hideSystem, RunSummary selected) {
        List<TimelineMarker> visible = new ArrayList<>();
        Set<String> alreadyThere = podsPresentAtStart(current.markers());
        for (TimelineEvent event : current.markers()) {
            if (isStartupNoise(event, alreadyThere) || hideSystem && isSystem(event)
                    || event instanceof TimelineEvent.ApiOutage || event instanceof TimelineEvent.ApiRestored) {
                continue; // an API outage is drawn as one band across every lane
            }
            // The "last heartbeat" marker belongs where that heartbeat was received.
            Instant at = event instanceof HeartbeatsStopped stopped ? stopped.lastReceivedAt() : event.receivedAt();
            if (!inside(at, from, to)) {
                continue;
            }
            List<String> labels = current.labelsOf(event).stream()
                    .filter(k -> !hideSystem || !isSystem(k)).map(KubeEvent::describe).toList();
            visible.add(new TimelineMarker(event.lane(), at, event.serverTime(), event.kind(), symbol(event.kind()),
                    event.describe(), labels, false, TimelineStyles.markerClass(event.kind()), null));
        }
        for (FailoverRun run : current.runs()) {
            // Predictions belong to their run: drawn while it runs (and is the one shown), kept in its summary after.
            if (run.inProgress() && (selected == null || run.start().equals(selected.start()))) {
                addPredictions(run, visible, from, to);
            }
        }
        return List.copyOf(visible);
    }

    /** kube-system pods and their Kubernetes Events: noise for an audience. */
    static boolean isSystem(TimelineEvent event) {
        return event.subject() != null && event.subject().startsWith("kube-system/");
    }

    /**
     * Pods that were already running when PiRack first saw them (created well before): their
     * created/scheduled/running/ready markers would only repeat PiRack's start-up.
     */
    private static Set<String> podsPresentAtStart(List<TimelineEvent> events) {
        Set<String> uids = new HashSet<>();
        for (TimelineEvent event : events) {
            if (event instanceof PodCreated created && created.createdAt() != null
                    && Duration.between(created.createdAt(), created.receivedAt()).compareTo(STARTUP_AGE) > 0) {
                uids.add(created.pod().uid());
            }
        }
        return uids;
    }

    private static boolean isStartupNoise(TimelineEvent event, Set<String> podsPresentAtStart) {
        if (event instanceof NodeReadyChanged ready) {
            return ready.from() == ConditionStatus.ABSENT && ready.to() == ConditionStatus.TRUE;
        }
        String uid = event instanceof PodCreated e ? e.pod().uid()
                : event instanceof PodScheduled e ? e.pod().uid()
                : event instanceof PodRunning e ? e.pod().uid()
                : event instanceof PodReady e ? e.pod().uid() : null;
        return uid != null && podsPresentAtStart.contains(uid);
    }

    private static void addPredictions(FailoverRun run, List<TimelineMarker> out, Instant from, Instant to) {
        Prediction p = run.prediction();
        if (p == null || !run.trigger().startsWith("plug")) {
            return; // a spontaneous run starts at NotReady: nothing left to predict
        }
        if (inside(p.notReadyEarliest(), from, to)) {
            out.add(new TimelineMarker(run.node(), p.notReadyEarliest(), null, null, "◇",
                    "predicted NotReady " + window(run, p.notReadyEarliest(), p.notReadyLatest()), List.of(), true,
                    TimelineStyles.PREDICTED_SYMBOL, p.notReadyLatest()));
        }
        if (p.evictionEarliest() != null && inside(p.evictionEarliest(), from, to)) {
            out.add(new TimelineMarker(run.node(), p.evictionEarliest(), null, null, "◇",
                    "predicted eviction " + window(run, p.evictionEarliest(), p.evictionLatest())
                            + " (tolerationSeconds " + p.toleranceSeconds() + ")",
                    List.of(), true, TimelineStyles.PREDICTED_SYMBOL, p.evictionLatest()));
        }
    }

    private static String window(FailoverRun run, Instant earliest, Instant latest) {
        String first = seconds(Duration.between(run.start(), earliest));
        return earliest.equals(latest) ? first : first + "–" + seconds(Duration.between(run.start(), latest));
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static boolean inside(Instant at, Instant from, Instant to) {
        return at != null && !at.isBefore(from) && !at.isAfter(to);
    }

    /** A collapsed marker's words for several events of one kind: "4 pods evicted". */
    static String plural(TimelineEventKind kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case POD_MARKED_FOR_DELETION -> "pods evicted";
            case POD_CREATED -> "pods created";
            case POD_SCHEDULED -> "pods scheduled";
            case POD_RUNNING -> "pods running";
            case POD_READY -> "pods Ready";
            case POD_DELETED -> "pods deleted";
            case TAINT_ADDED -> "taints added";
            case TAINT_REMOVED -> "taints removed";
            case KUBE_EVENT -> "Kubernetes Events";
            default -> null;
        };
    }

    /** Shapes per kind, so no state depends on colour alone. */
    static String symbol(TimelineEventKind kind) {
        return switch (kind) {
            case PLUG_PULLED -> "⊘";
            case PLUG_RESTORED -> "⊙";
            case LINK_LOST -> "⚡✕";
            case LINK_REGAINED -> "⚡";
            case HEARTBEAT_RENEWED -> "♥";
            case HEARTBEATS_STOPPED -> "♡";
            case NODE_READY_CHANGED -> "●";
            case TAINT_ADDED -> "▲";
            case TAINT_REMOVED -> "△";
            case POD_MARKED_FOR_DELETION -> "✕";
            case POD_CREATED -> "+";
            case POD_SCHEDULED -> "→";
            case POD_RUNNING -> "▶";
            case POD_READY -> "✓";
            case POD_DELETED -> "∅";
            case API_OUTAGE -> "⚠";
            case API_RESTORED -> "☁";
            case TUNING_APPLIED -> "⚙";
            case KUBE_EVENT -> "✉";
        };
    }

    /** A placed marker's tooltip: each event it stands for, with the time it arrived and its Kubernetes Events. */
    static String details(LaneLayout.Placed p, Map<LaneLayout.Item, TimelineMarker> source) {
        StringBuilder out = new StringBuilder();
        for (LaneLayout.Item item : p.members()) {
            TimelineMarker m = source.get(item);
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(TimeText.clock(m.at())).append("  ").append(m.text());
            for (String label : m.labels()) {
                out.append("\n    ").append(label);
            }
        }
        return out.toString();
    }
}
