package io.pirack.timeline;

import io.pirack.core.timeline.EventDeriver;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverSettings;
import java.time.Instant;
import java.util.List;

/** Runs a recording through the deriver and correlator at once, without waiting: for the CLI and exports. */
public final class RecordingAnalysis {

    private RecordingAnalysis() {
    }

    public static FailoverCorrelator analyse(List<RecordedEntry> entries, FailoverSettings defaults) {
        FailoverCorrelator correlator = new FailoverCorrelator(defaults);
        SettableClock clock = new SettableClock(Instant.EPOCH);
        EventDeriver deriver = new EventDeriver(correlator, clock);
        for (RecordedEntry entry : entries) {
            clock.set(entry.at()); // what the live deriver's clock read when this arrived
            entry.deliverTo(deriver);
        }
        return correlator;
    }

    /** The time of the last entry: "now" for a recording that has ended. */
    public static Instant end(List<RecordedEntry> entries) {
        return entries.isEmpty() ? Instant.EPOCH : entries.get(entries.size() - 1).at();
    }
}
