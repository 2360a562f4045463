package io.pirack.timeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a scheduler that only move when the test says so. */
final class ManualTime extends Clock implements ReplayScheduler {

    private Instant now;
    private final List<Task> tasks = new ArrayList<>();
    private long order;

    ManualTime(Instant start) {
        this.now = start;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    void set(Instant instant) {
        now = instant;
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), order++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    /** Runs due tasks, moving the clock forward to each, until none is due by {@code until}. */
    void runUntil(Instant until) {
        runDue(until);
        if (until.isAfter(now)) {
            now = until;
        }
    }

    /** Runs every task, however far ahead, leaving the clock at the last one's time. */
    void runAll() {
        runDue(Instant.MAX);
    }

    private void runDue(Instant until) {
        while (true) {
            Task first = tasks.stream().min(Comparator.comparing(Task::due).thenComparing(Task::order)).orElse(null);
            if (first == null || first.due().isAfter(until)) {
                break;
            }
            tasks.remove(first);
            if (first.due().isAfter(now)) {
                now = first.due();
            }
            first.task().run();
        }
    }

    private record Task(Instant due, long order, Runnable task) {
    }
}
