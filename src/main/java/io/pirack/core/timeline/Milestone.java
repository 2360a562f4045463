package io.pirack.core.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When a milestone was seen: PiRack's receive time (primary) and the server's timestamp, if any. */
public record Milestone(Instant receivedAt, Instant serverTime) {

    public Milestone {
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public static Milestone of(TimelineEvent event) {
        return event == null ? null : new Milestone(event.receivedAt(), event.serverTime());
    }

    public Duration since(Instant start) {
        return Duration.between(start, receivedAt);
    }
}
