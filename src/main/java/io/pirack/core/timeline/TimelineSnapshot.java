package io.pirack.core.timeline;

import io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed;
import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the timeline view draws in one frame, immutable. Kubernetes Events are not markers of
 * their own when a marker about the same object lies within {@link #LABEL_WINDOW}: they become that
 * marker's labels ({@link #labels}); the rest stay in {@link #markers} as standalone labels.
 *
 * @param markers every event except heartbeats and attached Kubernetes Events, in time order
 * @param heartbeats Lease renewals, drawn as small ticks
 * @param lanes node lanes in first-seen order, then {@link TimelineEvent#CLUSTER_LANE}
 */
public record TimelineSnapshot(long version, Instant now, List<TimelineEvent> markers,
                               List<HeartbeatRenewed> heartbeats, Map<TimelineEvent, List<KubeEvent>> labels,
                               List<String> lanes, List<FailoverRun> runs) {

    public static final Duration LABEL_WINDOW = Duration.ofSeconds(30);

    public TimelineSnapshot {
        markers = List.copyOf(markers);
        heartbeats = List.copyOf(heartbeats);
        labels = java.util.Collections.unmodifiableMap(labels);
        lanes = List.copyOf(lanes);
        runs = List.copyOf(runs);
    }

    public static TimelineSnapshot empty(Instant now) {
        return new TimelineSnapshot(0, now, List.of(), List.of(), Map.of(), List.of(TimelineEvent.CLUSTER_LANE),
                List.of());
    }

    static TimelineSnapshot of(long version, Instant now, List<TimelineEvent> sorted, List<FailoverRun> runs) {
        List<TimelineEvent> markers = new ArrayList<>();
        List<HeartbeatRenewed> heartbeats = new ArrayList<>();
        List<KubeEvent> kubeEvents = new ArrayList<>();
        Set<String> lanes = new LinkedHashSet<>();
        for (TimelineEvent event : sorted) {
            if (event.node() != null) {
                lanes.add(event.node());
            }
            if (event instanceof HeartbeatRenewed h) {
                heartbeats.add(h);
            } else if (event instanceof KubeEvent k) {
                kubeEvents.add(k);
            } else {
                markers.add(event);
            }
        }
        Map<TimelineEvent, List<KubeEvent>> labels = new IdentityHashMap<>();
        for (KubeEvent kubeEvent : kubeEvents) {
            Optional<TimelineEvent> nearest = nearestMarker(kubeEvent, markers);
            if (nearest.isPresent()) {
                labels.computeIfAbsent(nearest.get(), m -> new ArrayList<>()).add(kubeEvent);
            } else {
                markers.add(kubeEvent);
            }
        }
        markers.sort(FailoverAnalysis.ORDER);
        labels.replaceAll((marker, list) -> List.copyOf(list));
        List<String> laneList = new ArrayList<>(lanes);
        laneList.add(TimelineEvent.CLUSTER_LANE);
        return new TimelineSnapshot(version, now, markers, heartbeats, labels, laneList, runs);
    }

    /**
     * The marker about the same object closest in time, within the window, preferring the kind of
     * marker the Event's reason speaks about (NodeNotReady → the Ready change, not a taint next to it).
     * "SuccessfulCreate" is about the ReplicaSet; its message names the pod, whose marker it labels.
     */
    static Optional<TimelineEvent> nearestMarker(KubeEvent kubeEvent, List<TimelineEvent> markers) {
        String subject = subjectOf(kubeEvent);
        Set<TimelineEventKind> preferred = PREFERRED_KINDS.getOrDefault(kubeEvent.reason(), Set.of());
        TimelineEvent best = null;
        boolean bestPreferred = false;
        long bestDistance = Long.MAX_VALUE;
        for (TimelineEvent marker : markers) {
            if (!marker.subject().equals(subject)) {
                continue;
            }
            long distance = Math.abs(Duration.between(marker.receivedAt(), kubeEvent.receivedAt()).toMillis());
            if (distance > LABEL_WINDOW.toMillis()) {
                continue;
            }
            boolean isPreferred = preferred.contains(marker.kind());
            if (best == null || isPreferred && !bestPreferred
                    || isPreferred == bestPreferred && distance < bestDistance) {
                best = marker;
                bestPreferred = isPreferred;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static final Map<String, Set<TimelineEventKind>> PREFERRED_KINDS = Map.of(
            "NodeNotReady", Set.of(TimelineEventKind.NODE_READY_CHANGED),
            "NodeReady", Set.of(TimelineEventKind.NODE_READY_CHANGED),
            "TaintManagerEviction", Set.of(TimelineEventKind.POD_MARKED_FOR_DELETION),
            "SuccessfulCreate", Set.of(TimelineEventKind.POD_CREATED),
            "Scheduled", Set.of(TimelineEventKind.POD_SCHEDULED),
            "Started", Set.of(TimelineEventKind.POD_RUNNING),
            "Killing", Set.of(TimelineEventKind.POD_MARKED_FOR_DELETION, TimelineEventKind.POD_DELETED));

    private static final String CREATED_POD = "Created pod: ";

    private static String subjectOf(KubeEvent kubeEvent) {
        String message = kubeEvent.message();
        if ("SuccessfulCreate".equals(kubeEvent.reason()) && message != null && message.startsWith(CREATED_POD)
                && kubeEvent.subject().contains("/")) {
            String namespace = kubeEvent.subject().substring(0, kubeEvent.subject().indexOf('/'));
            return namespace + "/" + message.substring(CREATED_POD.length()).trim();
        }
        return kubeEvent.subject();
    }

    public List<KubeEvent> labelsOf(TimelineEvent marker) {
        return labels.getOrDefault(marker, List.of());
    }

    public Optional<FailoverRun> activeRun() {
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).inProgress()) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<FailoverRun> latestRun() {
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }
}
