package io.pirack.core.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Collects timeline events in any order and answers "which failover runs happened, and how did they
 * go". Duplicates (same {@link TimelineEvent#identity()}) keep the earliest receive time, so a relist
 * replaying old facts changes nothing. Results are recomputed from the sorted events on demand and
 * cached until a new event arrives, which makes them independent of delivery order.
 *
 * <p>Thread-safe. Time only comes from the events and the {@code now} the caller passes in.
 */
public final class FailoverCorrelator implements Consumer<TimelineEvent> {

    private final FailoverSettings defaults;
    private final Map<String, TimelineEvent> byIdentity = new HashMap<>();
    private long version;
    private List<TimelineEvent> sortedCache;
    private long runsCacheVersion = -1;
    private Instant runsCacheNow;
    private List<FailoverRun> runsCache;

    /** @param defaults the settings for runs that start before any {@link TimelineEvent.TuningApplied} */
    public FailoverCorrelator(FailoverSettings defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public synchronized void accept(TimelineEvent event) {
        TimelineEvent known = byIdentity.get(event.identity());
        if (known == null || event.receivedAt().isBefore(known.receivedAt())) {
            byIdentity.put(event.identity(), event);
            version++;
            sortedCache = null;
        }
    }

    public synchronized void acceptAll(Iterable<? extends TimelineEvent> events) {
        events.forEach(this::accept);
    }

    /** Increases whenever the accepted events change; cheap to poll per frame. */
    public synchronized long version() {
        return version;
    }

    /** Every distinct event, in time order. */
    public synchronized List<TimelineEvent> events() {
        if (sortedCache == null) {
            List<TimelineEvent> sorted = new ArrayList<>(byIdentity.values());
            sorted.sort(FailoverAnalysis.ORDER);
            sortedCache = List.copyOf(sorted);
        }
        return sortedCache;
    }

    /** All runs as of {@code now}, oldest first; unfinished runs past their timeout count as timed out. */
    public synchronized List<FailoverRun> runs(Instant now) {
        if (!cachedRunsStillHold(now)) {
            runsCache = List.copyOf(FailoverAnalysis.analyse(events(), defaults, now));
            runsCacheVersion = version;
            runsCacheNow = now;
        }
        return runsCache;
    }

    /**
     * The views ask every frame with a new {@code now}; the answer only depends on it through the
     * timeouts of runs in progress and through events later than the cached {@code now}.
     */
    private boolean cachedRunsStillHold(Instant now) {
        if (runsCache == null || runsCacheVersion != version) {
            return false;
        }
        if (now.equals(runsCacheNow)) {
            return true;
        }
        List<TimelineEvent> sorted = events();
        boolean eventsAfterCachedNow = !sorted.isEmpty()
                && sorted.get(sorted.size() - 1).receivedAt().isAfter(runsCacheNow);
        if (now.isBefore(runsCacheNow) || eventsAfterCachedNow) {
            return false;
        }
        for (FailoverRun run : runsCache) {
            if (run.inProgress() && !now.isBefore(run.start().plus(run.settings().runTimeout()))) {
                return false;
            }
        }
        return true;
    }

    public Optional<FailoverRun> latestRun(Instant now) {
        List<FailoverRun> runs = runs(now);
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /** The latest run still in progress, if any (what the stopwatch shows). */
    public Optional<FailoverRun> activeRun(Instant now) {
        List<FailoverRun> runs = runs(now);
        for (int i = runs.size() - 1; i >= 0; i--) {
            if (runs.get(i).inProgress()) {
                return Optional.of(runs.get(i));
            }
        }
        return Optional.empty();
    }

    /** The first run of {@code node} that started at or after {@code since} (the drill's own pull). */
    public Optional<FailoverRun> runStartedSince(String node, Instant since, Instant now) {
        return runs(now).stream()
                .filter(r -> r.node().equals(node) && !r.start().isBefore(since))
                .findFirst();
    }

    public RunHistory history(Instant now) {
        return new RunHistory(runs(now).stream().filter(r -> !r.inProgress()).toList());
    }

    /** One immutable picture for a timeline frame. */
    public synchronized TimelineSnapshot snapshot(Instant now) {
        return TimelineSnapshot.of(version, now, events(), runs(now));
    }
}
