package io.pirack.plug;

import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Pulls and restores plugs and remembers each Pi's {@link PlugState}. Every action runs on that
 * Pi's executor ({@link PiExecutors}: one serial lane per Pi in the app, so one Pi's trouble never
 * delays another); the listener hears every state change and a timeline event for each pull and
 * restore. One action per Pi at a time. On start, call {@link #refreshAll()}: each Pi is asked
 * whether PiRack's cut is still in place, so a Pi unplugged before a crash shows as unplugged.
 *
 * <p>Futures complete with the new state, or exceptionally with a {@link PlugException} (whose
 * message the state's {@link PlugState.Failed#reason()} repeats and which may carry a sudoers
 * snippet), an {@link IllegalArgumentException} for an unknown Pi, or an
 * {@link IllegalStateException} when the Pi is busy or already unplugged.
 */
public final class PlugController {

    private final Supplier<RackSpec> rack;
    private final Map<PlugMethod, PlugStrategy> strategies;
    private final PiExecutors executors;
    private final Clock clock;
    private final PlugListener listener;
    private final Map<String, PlugState> states = new TreeMap<>();
    private final Map<String, Instant> lastPolled = new java.util.HashMap<>();
    private final Set<String> checking = new java.util.HashSet<>();

    /** How often an unplugged Pi is asked whether it is back, when its restore time is unknown or later. */
    public static final java.time.Duration POLL_UNPLUGGED = java.time.Duration.ofSeconds(10);

    /**
     * @param rack       the current rack (read at each action, so edits apply to the next one)
     * @param strategies one per method the presenter may choose; missing methods report "not set up"
     */
    public PlugController(Supplier<RackSpec> rack, List<PlugStrategy> strategies, Executor executor, Clock clock,
                          PlugListener listener) {
        this(rack, strategies, PiExecutors.shared(executor), clock, listener);
    }

    public PlugController(Supplier<RackSpec> rack, List<PlugStrategy> strategies, PiExecutors executors, Clock clock,
                          PlugListener listener) {
        this.rack = Objects.requireNonNull(rack);
        this.strategies = new EnumMap<>(PlugMethod.class);
        strategies.forEach(s -> this.strategies.put(s.method(), s));
        this.executors = Objects.requireNonNull(executors);
        this.clock = Objects.requireNonNull(clock);
        this.listener = Objects.requireNonNull(listener);
    }

    public synchronized PlugState state(String node) {
        return states.getOrDefault(node, PlugState.PLUGGED);
    }

    public synchronized Map<String, PlugState> states() {
        return Map.copyOf(states);
    }

    /** Pis PiRack currently holds unplugged (or is unplugging), for the guardrails. */
    public synchronized Set<String> unpluggedNodes() {
        Set<String> nodes = new TreeSet<>();
        states.forEach((node, state) -> {
            if (state.isUnplugged() || state instanceof PlugState.Pulling) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    /** The strategy that would act on this Pi, if one is configured. */
    public Optional<PlugStrategy> strategyFor(String node) {
        return rack.get().slot(node).map(slot -> strategies.get(rack.get().plugMethodFor(slot)));
    }

    public CompletableFuture<PlugState> pull(String node) {
        return act(node, true);
    }

    public CompletableFuture<PlugState> restore(String node) {
        return act(node, false);
    }

    private CompletableFuture<PlugState> act(String node, boolean pull) {
        PiSlot slot;
        PlugState busy;
        Instant requestedAt = clock.instant();
        synchronized (this) {
            Optional<PiSlot> found = rack.get().slot(node);
            if (found.isEmpty()) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(node + " is not in the rack"));
            }
            PlugState current = state(node);
            if (current.isBusy()) {
                return CompletableFuture.failedFuture(new IllegalStateException(node + " is busy: " + current.describe()));
            }
            if (pull && current.isUnplugged()) {
                return CompletableFuture.failedFuture(new IllegalStateException(node + " is already unplugged"));
            }
            slot = found.get();
            busy = pull ? new PlugState.Pulling(requestedAt) : new PlugState.Restoring(requestedAt);
            store(node, busy);
        }
        listener.plugStateChanged(node, busy);
        return CompletableFuture.supplyAsync(() -> {
            try {
                PlugStrategy strategy = usableStrategy(slot);
                PlugState after;
                PlugActionEvent event;
                if (pull) {
                    PullResult result = strategy.pull(slot);
                    Instant at = clock.instant();
                    // "Unplugged since" is the click, as the timeline's run and the audience's stopwatch count
                    // from it; a slow command (SSH, a busy rehearsal rack) otherwise put the card seconds later.
                    after = new PlugState.Unplugged(requestedAt, result.deadManDelay() == null ? null : at.plus(result.deadManDelay()),
                            result.deadManDelay() != null);
                    event = new PlugActionEvent(node, PlugActionEvent.Action.PULLED, strategy.method(), requestedAt, at,
                            clock.getZone(), result.detail());
                } else {
                    strategy.restore(slot);
                    after = PlugState.PLUGGED;
                    event = new PlugActionEvent(node, PlugActionEvent.Action.RESTORED, strategy.method(), requestedAt,
                            clock.instant(), clock.getZone(), "");
                }
                transition(node, after);
                listener.plugAction(event);
                return after;
            } catch (PlugException e) {
                transition(node, new PlugState.Failed(e.getMessage(), clock.instant()));
                throw new CompletionException(e);
            } catch (RuntimeException e) {
                // A strategy bug must not leave the Pi shown as "pulling…" forever.
                transition(node, new PlugState.Failed("unexpected error: " + e, clock.instant()));
                throw e;
            }
        }, executors.forPi(node));
    }

    private PlugStrategy usableStrategy(PiSlot slot) throws PlugException {
        PlugMethod method = rack.get().plugMethodFor(slot);
        PlugStrategy strategy = method == null ? null : strategies.get(method);
        if (strategy == null) {
            throw new PlugException("No way to pull " + slot.hostname() + "'s plug is set up"
                    + (method == null ? "" : " (" + method.label() + ")") + ".");
        }
        Availability availability = strategy.availability(slot);
        if (!availability.available()) {
            throw new PlugException(availability.reason());
        }
        return strategy;
    }

    /** Asks every Pi in the rack whether it is still unplugged by PiRack. */
    public CompletableFuture<Void> refreshAll() {
        return CompletableFuture.allOf(rack.get().slots().stream()
                .map(slot -> refresh(slot.hostname()).exceptionally(e -> state(slot.hostname())))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Re-reads the unplugged Pis that are due, so a Pi its dead-man switch restored shows as back
     * (with a {@link PlugActionEvent.Action#FOUND_RESTORED} event) within a tick of the restore: every
     * unplugged Pi whose restore time has come, and every other unplugged Pi (restore time unknown
     * after a restart, or a restore by hand) at most every {@link #POLL_UNPLUGGED}. Call it from the
     * app's one-second tick; a Pi whose check is still running is not asked again.
     */
    public CompletableFuture<Void> refreshDeadManExpired() {
        Instant now = clock.instant();
        List<String> due;
        synchronized (this) {
            due = states.entrySet().stream()
                    .filter(e -> e.getValue() instanceof PlugState.Unplugged u && isDue(e.getKey(), u, now))
                    .map(Map.Entry::getKey)
                    .filter(node -> !checking.contains(node))
                    .toList();
            due.forEach(node -> {
                lastPolled.put(node, now);
                checking.add(node);
            });
        }
        return CompletableFuture.allOf(due.stream()
                .map(node -> refresh(node).exceptionally(e -> state(node)).whenComplete((state, e) -> {
                    synchronized (this) {
                        checking.remove(node);
                    }
                }))
                .toArray(CompletableFuture[]::new));
    }

    private boolean isDue(String node, PlugState.Unplugged unplugged, Instant now) {
        if (unplugged.autoRestoreAt() != null && !unplugged.autoRestoreAt().isAfter(now)) {
            return true;
        }
        Instant last = lastPolled.get(node);
        return last == null || !last.plus(POLL_UNPLUGGED).isAfter(now);
    }

    /** Re-reads one Pi's state from the Pi; a Pi in the middle of an action is left alone. */
    public CompletableFuture<PlugState> refresh(String node) {
        Optional<PiSlot> found = rack.get().slot(node);
        if (found.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(node + " is not in the rack"));
        }
        return CompletableFuture.supplyAsync(() -> {
            if (state(node).isBusy()) {
                return state(node);
            }
            try {
                PlugStrategy strategy = usableStrategy(found.get());
                PlugStatus status = strategy.status(found.get());
                return applyStatus(node, strategy.method(), status);
            } catch (PlugException e) {
                PlugState failed = new PlugState.Failed("could not check " + node + ": " + e.getMessage(), clock.instant());
                transition(node, failed);
                throw new CompletionException(e);
            }
        }, executors.forPi(node));
    }

    private PlugState applyStatus(String node, PlugMethod method, PlugStatus status) {
        PlugState before;
        PlugState after;
        boolean changed;
        synchronized (this) {
            before = state(node);
            if (before.isBusy()) {
                return before;
            }
            if (status.unplugged()) {
                // The Pi's own count wins: after a restart it is the only one there is.
                Instant restoreAt = !status.deadManArmed() ? null
                        : status.deadManLeft() != null ? clock.instant().plus(status.deadManLeft())
                        : before instanceof PlugState.Unplugged u ? u.autoRestoreAt() : null;
                after = new PlugState.Unplugged(before instanceof PlugState.Unplugged u ? u.since() : null, restoreAt,
                        status.deadManArmed());
            } else {
                after = PlugState.PLUGGED;
            }
            changed = store(node, after);
        }
        if (changed) {
            listener.plugStateChanged(node, after);
        }
        if (before.isUnplugged() && !after.isUnplugged()) {
            Instant now = clock.instant();
            listener.plugAction(new PlugActionEvent(node, PlugActionEvent.Action.FOUND_RESTORED, method, now, now,
                    clock.getZone(), status.detail()));
        }
        return after;
    }

    /** Sets the state and tells the listener (outside the lock, so a listener may call back). */
    private void transition(String node, PlugState next) {
        if (next instanceof PlugState.Unplugged) {
            synchronized (this) {
                lastPolled.put(node, clock.instant());
            }
        }
        if (store(node, next)) {
            listener.plugStateChanged(node, next);
        }
    }

    /** @return whether anything changed */
    private synchronized boolean store(String node, PlugState next) {
        return !next.equals(states.put(node, next));
    }
}
