package io.pirack.timeline;

import io.pirack.core.timeline.DomainFanOut;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.EventDeriver;
import io.pirack.core.timeline.FailoverCorrelator;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RecordingRetention;
import io.pirack.core.timeline.TimelineSnapshot;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The timeline, wired: every domain call is recorded (when a folder is given) and then turned into
 * timeline events for the correlator. Register {@link #listener()} as the store's
 * {@code ClusterChangeListener} and feed plug actions and probe changes to it; call {@link #tick()}
 * about once a second, and take one {@link #snapshot()} per frame for the view.
 */
public final class TimelineService implements AutoCloseable {

    /** Default rotation within a session: 8 MiB per file, 10 files (≈ a long booth day of a five-Pi rack). */
    public static final long DEFAULT_MAX_FILE_BYTES = 8L * 1024 * 1024;
    public static final int DEFAULT_KEEP_FILES = 10;

    private final Clock clock;
    private final FailoverCorrelator correlator;
    private final EventDeriver deriver;
    private final RecordingWriter recorder;
    private final DomainListener fanOut;
    private final List<Waiting> waiting = new ArrayList<>();

    private TimelineService(FailoverSettings defaults, Clock clock, RecordingWriter recorder) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.correlator = new FailoverCorrelator(defaults);
        this.deriver = new EventDeriver(event -> {
            correlator.accept(event);
            completeFinishedRuns();
        }, clock);
        this.recorder = recorder;
        List<DomainListener> listeners = new ArrayList<>();
        if (recorder != null) {
            listeners.add(recorder);
        }
        listeners.add(deriver);
        this.fanOut = new DomainFanOut(listeners);
    }

    /**
     * A live session that records into a folder of its own under {@code recordings} (the app-data
     * folder's), named by its start and {@code source}. Starting it (on {@code ioExecutor}, before the
     * first write) moves an older PiRack's flat files into sessions and applies the retention rule.
     */
    public static TimelineService recording(FailoverSettings defaults, Clock clock, Path recordings, String source,
                                            Executor ioExecutor) {
        RecordingLibrary library = new RecordingLibrary(recordings);
        Instant start = clock.instant();
        Path folder = library.folderFor(source, start);
        ioExecutor.execute(() -> {
            try {
                library.startSession(folder, source, start, RecordingRetention.DEFAULT);
            } catch (RuntimeException e) {
                // The writer then reports why recording stopped; the session goes on.
                org.slf4j.LoggerFactory.getLogger(TimelineService.class).warn(e.getMessage());
            }
        });
        return new TimelineService(defaults, clock, new RecordingWriter(folder, DEFAULT_MAX_FILE_BYTES,
                DEFAULT_KEEP_FILES, clock, ioExecutor));
    }

    /** The folder this session records into, if it records. */
    public Optional<Path> recordingFolder() {
        return recorder == null ? Optional.empty() : Optional.of(recorder.folder());
    }

    /** A session that records nothing (tests, the CLI, or a replay). */
    public static TimelineService unrecorded(FailoverSettings defaults, Clock clock) {
        return new TimelineService(defaults, clock, null);
    }

    /**
     * A timeline fed by {@code replayer}, on the recording's own clock. Deliver the replayer into
     * {@code new DomainFanOut(List.of(replayStore, service.listener()))} so the rack view gets the same calls.
     */
    public static TimelineService forReplay(FailoverSettings defaults, Replayer replayer) {
        return unrecorded(defaults, replayer.sessionClock());
    }

    /** Where cluster changes, plug actions, probe changes and tuning go (recorder first, then the deriver). */
    public DomainListener listener() {
        return fanOut;
    }

    public FailoverCorrelator correlator() {
        return correlator;
    }

    public Clock clock() {
        return clock;
    }

    /** For the timeline view: call once per frame on the FX pulse. */
    public TimelineSnapshot snapshot() {
        return correlator.snapshot(clock.instant());
    }

    /** Reports heartbeats that stopped arriving and runs that timed out; call about once a second. */
    public void tick() {
        deriver.checkHeartbeats(clock.instant());
        completeFinishedRuns();
    }

    /**
     * Completes with the first run of {@code node} that started at or after {@code since}, once it has
     * ended (recovered, node restored, or timed out: timeouts are noticed by {@link #tick()}). This is
     * how {@code pirack drill} waits for its own pull.
     */
    public CompletableFuture<FailoverRun> whenRunEnds(String node, Instant since) {
        return whenRun(node, since, run -> !run.inProgress());
    }

    /**
     * Completes with the first run of {@code node} that started at or after {@code since} once it satisfies
     * {@code condition} (checked on every event and tick), e.g. "NotReady seen" for the drill's out-of-service taint.
     */
    public CompletableFuture<FailoverRun> whenRun(String node, Instant since, Predicate<FailoverRun> condition) {
        CompletableFuture<FailoverRun> future = new CompletableFuture<>();
        synchronized (waiting) {
            waiting.add(new Waiting(node, since, condition, future));
        }
        completeFinishedRuns();
        return future;
    }

    private void completeFinishedRuns() {
        List<Waiting> due = new ArrayList<>();
        synchronized (waiting) {
            if (waiting.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            for (Waiting w : List.copyOf(waiting)) {
                Optional<FailoverRun> run = correlator.runStartedSince(w.node, w.since, now);
                if (w.future.isDone()) {
                    waiting.remove(w);
                } else if (run.isPresent() && w.condition.test(run.get())) {
                    waiting.remove(w);
                    w.result = run.get();
                    due.add(w);
                }
            }
        }
        // Outside the lock: a caller's continuation may ask the service again.
        due.forEach(w -> w.future.complete(w.result));
    }

    /** The first run of {@code node} that started at or after {@code since}: the drill's own pull. */
    public Optional<FailoverRun> runStartedSince(String node, Instant since) {
        return correlator.runStartedSince(node, since, clock.instant());
    }

    public Optional<String> recordingProblem() {
        return recorder == null ? Optional.empty() : recorder.problem();
    }

    private static final class Waiting {
        final String node;
        final Instant since;
        final Predicate<FailoverRun> condition;
        final CompletableFuture<FailoverRun> future;
        FailoverRun result;

        Waiting(String node, Instant since, Predicate<FailoverRun> condition, CompletableFuture<FailoverRun> future) {
            this.node = node;
            this.since = since;
            this.condition = condition;
            this.future = future;
        }
    }

    @Override
    public void close() {
        if (recorder != null) {
            recorder.close();
        }
    }
}
