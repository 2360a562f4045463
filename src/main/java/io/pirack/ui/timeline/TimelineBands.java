package io.pirack.ui.timeline;

import io.pirack.core.timeline.TimelineEvent;
import io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed;
import io.pirack.ui.timeline.TimelineViewModel.Interval;
import io.pirack.ui.timeline.TimelineViewModel.Strip;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timeline's bands: API outages across every lane and each lane's heartbeat strip. Pure functions of the events. */
final class TimelineBands {

    /** Beats further apart than this many typical gaps leave the strip silent in between. */
    static final double SILENT_AFTER_GAPS = 2.5;

    private TimelineBands() {
    }

    static List<Interval> outages(List<TimelineEvent> events) {
        List<Interval> list = new ArrayList<>();
        Instant openSince = null;
        String text = null;
        for (TimelineEvent event : events) {
            if (event instanceof TimelineEvent.ApiOutage o && openSince == null) {
                openSince = o.receivedAt();
                text = o.describe();
            } else if (event instanceof TimelineEvent.ApiRestored r && openSince != null) {
                list.add(new Interval(openSince, r.receivedAt(), text));
                openSince = null;
            }
        }
        if (openSince != null) {
            list.add(new Interval(openSince, null, text));
        }
        return List.copyOf(list);
    }

    /**
     * Heartbeats as strips per lane: consecutive beats closer than {@link #SILENT_AFTER_GAPS} typical gaps
     * (the lane's median gap) join; a longer gap is silence.
     */
    static List<Strip> strips(List<HeartbeatRenewed> beats) {
        Map<String, List<Instant>> byLane = new LinkedHashMap<>();
        for (HeartbeatRenewed beat : beats) {
            byLane.computeIfAbsent(beat.lane(), l -> new ArrayList<>()).add(beat.receivedAt());
        }
        List<Strip> strips = new ArrayList<>();
        byLane.forEach((lane, times) -> {
            times.sort(null);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < times.size(); i++) {
                gaps.add(Duration.between(times.get(i - 1), times.get(i)).toMillis());
            }
            gaps.sort(null);
            long typical = gaps.isEmpty() ? 10_000 : Math.max(500, gaps.get(gaps.size() / 2));
            Instant from = times.get(0);
            Instant last = from;
            for (Instant t : times.subList(1, times.size())) {
                if (Duration.between(last, t).toMillis() > typical * SILENT_AFTER_GAPS) {
                    strips.add(new Strip(lane, from, last));
                    from = t;
                }
                last = t;
            }
            strips.add(new Strip(lane, from, last));
        });
        return List.copyOf(strips);
    }
}
