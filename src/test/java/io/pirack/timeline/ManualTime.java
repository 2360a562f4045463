package io.pirack.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock and a scheduler that only move when the test says so. */
final class ManualTime extends SettableClock implements ReplayScheduler {

    private final List<Task> tasks = new ArrayList<>();
    private long order;

    ManualTime(Instant start) {
        super(start);
    }

    @Override
    public Runnable schedule(Duration delay, Runnable task) {
        Task t = new Task(instant().plus(delay), order++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    /** Runs due tasks, moving the clock forward to each, until none is due by {@code until}. */
    void runUntil(Instant until) {
        runDue(until);
        if (until.isAfter(instant())) {
            set(until);
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
            if (first.due().isAfter(instant())) {
                set(first.due());
            }
            first.task().run();
        }
    }

    private record Task(Instant due, long order, Runnable task) {
    }
}
