package io.pirack.timeline;

import io.pirack.core.timeline.DomainListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Plays a recording back into a {@link DomainListener} (the store for the rack view and the event
 * deriver) at 1×, 2× or 4×, keeping the recorded times: the objects delivered are exactly the recorded
 * ones, so a replayed run has the same metrics as the live one.
 *
 * <p>{@link #sessionClock()} tells the time <em>of the recording</em>: give it to everything that reads
 * "now" during a replay (the deriver, the correlator's {@code runs(now)}, the timeline's now cursor).
 * While an entry is delivered it reads exactly that entry's time.
 */
public final class Replayer {

    public static final Set<Integer> SPEEDS = Set.of(1, 2, 4);

    private final List<RecordedEntry> entries;
    private DomainListener target;
    private final ReplayScheduler scheduler;
    private final Clock wallClock;

    private int speed = 1;
    private int next;
    private boolean playing;
    private Instant wallStart;
    private Instant sessionStart;
    private Instant pinned;
    private Runnable cancelPending = () -> { };
    private Runnable onFinished = () -> { };

    /**
     * Call {@link #deliverTo(DomainListener)} before {@link #play(int)}: the listeners usually need
     * {@link #sessionClock()} to be built.
     */
    public Replayer(List<RecordedEntry> entries, ReplayScheduler scheduler, Clock wallClock) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the recording has no entries to replay");
        }
        this.entries = List.copyOf(entries);
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        // A checkpoint repeats state recorded long before: it is delivered at once, the clock starts after it.
        this.sessionStart = this.entries.stream().filter(e -> !e.isCheckpoint()).findFirst()
                .orElse(this.entries.get(0)).at();
    }

    /** Where the recorded calls go: the store (rack view) and the event deriver, e.g. via a DomainFanOut. */
    public synchronized Replayer deliverTo(DomainListener listener) {
        target = Objects.requireNonNull(listener, "listener");
        return this;
    }

    public synchronized void onFinished(Runnable callback) {
        onFinished = Objects.requireNonNull(callback, "callback");
    }

    /** Starts (or resumes) playing at 1, 2 or 4 times the recorded pace. */
    public synchronized void play(int newSpeed) {
        if (!SPEEDS.contains(newSpeed)) {
            throw new IllegalArgumentException("replay speed must be 1, 2 or 4, not " + newSpeed);
        }
        if (target == null) {
            throw new IllegalStateException("nothing to replay into: call deliverTo(listener) first");
        }
        Instant sessionNow = playing ? sessionNow() : sessionStart;
        cancelPending.run();
        speed = newSpeed;
        sessionStart = sessionNow;
        wallStart = wallClock.instant();
        playing = true;
        publishClock();
        scheduleNext();
    }

    /** Pauses; {@link #play(int)} resumes from the same recorded moment. */
    public synchronized void pause() {
        if (!playing) {
            return;
        }
        sessionStart = sessionNow();
        playing = false;
        publishClock();
        cancelPending.run();
    }

    public synchronized boolean finished() {
        return next >= entries.size();
    }

    public synchronized int speed() {
        return speed;
    }

    /** How far the replay is, 0..1 by entries delivered. */
    public synchronized double progress() {
        return (double) next / entries.size();
    }

    public Clock sessionClock() {
        return new SessionClock();
    }

    private Instant sessionNow() {
        if (pinned != null) {
            return pinned;
        }
        if (!playing) {
            return sessionStart;
        }
        Duration wallElapsed = Duration.between(wallStart, wallClock.instant());
        return sessionStart.plus(wallElapsed.multipliedBy(speed));
    }

    private void scheduleNext() {
        if (finished()) {
            // Hold the session clock at the end of the recording rather than at where play() began.
            sessionStart = entries.get(entries.size() - 1).at();
            playing = false;
            publishClock();
            onFinished.run();
            return;
        }
        Duration sessionAhead = Duration.between(sessionStart, entries.get(next).at());
        Instant due = wallStart.plus(sessionAhead.dividedBy(speed));
        Duration delay = Duration.between(wallClock.instant(), due);
        cancelPending = scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, this::deliverDue);
    }

    private synchronized void deliverDue() {
        if (!playing) {
            return;
        }
        Instant now = sessionNow();
        while (next < entries.size() && !entries.get(next).at().isAfter(now)) {
            RecordedEntry entry = entries.get(next++);
            pinned = entry.at();
            publishClock();
            try {
                entry.deliverTo(target);
            } finally {
                pinned = null;
                publishClock();
            }
        }
        scheduleNext();
    }

    /**
     * What the session clock needs, published as one immutable value after every change, so that
     * reading the clock never takes the replayer's lock: a listener being delivered to (holding its
     * own lock) and another thread reading the clock under that listener's lock would deadlock.
     */
    private record ClockState(Instant pinned, boolean playing, Instant sessionStart, Instant wallStart, int speed) {
    }

    private volatile ClockState clockState;

    private void publishClock() {
        clockState = new ClockState(pinned, playing, sessionStart, wallStart, speed);
    }

    private Instant sessionNow(ClockState state) {
        if (state == null) {
            return sessionStart;
        }
        if (state.pinned() != null) {
            return state.pinned();
        }
        if (!state.playing()) {
            return state.sessionStart();
        }
        Duration wallElapsed = Duration.between(state.wallStart(), wallClock.instant());
        return state.sessionStart().plus(wallElapsed.multipliedBy(state.speed()));
    }

    private final class SessionClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(instant(), zone);
        }

        @Override
        public Instant instant() {
            ClockState state = clockState;
            if (state == null) {
                synchronized (Replayer.this) {
                    return sessionNow();
                }
            }
            return sessionNow(state);
        }
    }
}
