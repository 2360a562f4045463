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

    /** The marker about the same object closest in time, within the window. */
    static Optional<TimelineEvent> nearestMarker(KubeEvent kubeEvent, List<TimelineEvent> markers) {
        TimelineEvent best = null;
        long bestDistance = LABEL_WINDOW.toMillis();
        for (TimelineEvent marker : markers) {
            if (!marker.subject().equals(kubeEvent.subject())) {
                continue;
            }
            long distance = Math.abs(Duration.between(marker.receivedAt(), kubeEvent.receivedAt()).toMillis());
            if (distance <= bestDistance) {
                best = marker;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
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
