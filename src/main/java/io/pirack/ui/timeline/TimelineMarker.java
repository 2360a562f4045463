package io.pirack.ui.timeline;

import io.pirack.core.timeline.TimelineEventKind;
import java.time.Instant;
import java.util.List;

/**
 * One thing to draw on a lane: an event or a predicted milestone (heartbeats are strips, outages bands).
 *
 * @param kind       null for predicted milestones
 * @param symbol     a shape that tells the kind apart without colour
 * @param labels     Kubernetes Events attached to this marker ("reason: message")
 * @param predicted  a forecast from the settings, drawn as a dashed band from {@code at} to {@code until}
 * @param until      end of a predicted window (null for events)
 */
public record TimelineMarker(String lane, Instant at, Instant serverTime, TimelineEventKind kind, String symbol,
                             String text, List<String> labels, boolean predicted, String styleClass,
                             Instant until) {

    public TimelineMarker {
        labels = List.copyOf(labels);
    }
}
