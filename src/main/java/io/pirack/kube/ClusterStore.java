package io.pirack.kube;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ApiStatusText;
import io.pirack.core.cluster.ClusterChangeListener;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodJournal;
import io.pirack.core.cluster.ReplicaSetInfo;
import io.pirack.trace.LatencyTrace;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The one place where what PiRack knows about the cluster lives. Informer threads write; anyone
 * may take an immutable {@link ClusterSnapshot} (built at most once per change). Change listeners
 * are called under the store's lock, so they see one total order of changes.
 */
public final class ClusterStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ClusterStore.class);

    /** Events are labels, not the source of truth: keep the most recent ones only. */
    static final int MAX_EVENTS = 500;
    /** How many snapshots back a view may have skipped and still apply only the pods that changed. */
    static final int JOURNAL_STEPS = 16;

    private final Clock clock;
    private final String source;
    private final Object lock = new Object();
    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Map<String, PodInfo> pods = new HashMap<>();
    private final Map<String, LeaseInfo> leases = new HashMap<>();
    private final Map<String, ReplicaSetInfo> replicaSets = new HashMap<>();
    private final ArrayDeque<EventInfo> events = new ArrayDeque<>();
    private final java.util.Set<String> eventKeys = new java.util.HashSet<>();
    private final CopyOnWriteArrayList<ClusterChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Signal> changeSignals = new CopyOnWriteArrayList<>();
    /** The store version after each object's last write, keyed by kind and key: a re-list keeps what is newer. */
    private final Map<Kind, Map<String, Long>> writtenAt = new java.util.EnumMap<>(Kind.class);
    private ApiStatus api;
    private long version;
    private ClusterSnapshot cached;
    /** The pod journal: keys written or removed since the last snapshot built, and the last few steps. */
    private final Object journalOrigin = new Object();
    private java.util.Set<String> podKeysSinceSnapshot = new java.util.HashSet<>();
    private final ArrayDeque<PodJournal.Step> journalSteps = new ArrayDeque<>();
    private long lastSnapshotVersion;
    /** The last snapshot's (immutable) pod map, shared by the next snapshot when no pod changed in between. */
    private Map<String, PodInfo> podsCopy;

    /** Who to signal after a change: {@code watched}, {@code urgent} or {@code routine}, by the change's {@link Urgency}. */
    private record Signal(Runnable watched, Runnable urgent, Runnable routine) {
        Runnable of(Urgency urgency) {
            return switch (urgency) {
                case WATCHED -> watched;
                case URGENT -> urgent;
                case ROUTINE -> routine;
            };
        }
    }

    /** How soon a screen should show a change (see {@link #addChangeSignal(Runnable, Runnable, Runnable)}). */
    private enum Urgency {
        /** A node's or the API's state: what the audience watches for. */
        WATCHED,
        /** A pod, an Event: with the next frame. */
        URGENT,
        /** A Lease renewal, a ReplicaSet's status, an Event seen before, a removal of nothing. */
        ROUTINE
    }

    /** The kinds of object a re-list can reconcile. */
    public enum Kind { NODE, POD, LEASE, REPLICA_SET }

    public ClusterStore(Clock clock, String source) {
        for (Kind kind : Kind.values()) {
            writtenAt.put(kind, new HashMap<>());
        }
        this.clock = clock;
        this.source = source;
        this.api = new ApiStatus.Connecting(clock.instant());
    }

    public Clock clock() {
        return clock;
    }

    public String source() {
        return source;
    }

    public void addListener(ClusterChangeListener listener) {
        listeners.add(listener);
    }

    public void removeListener(ClusterChangeListener listener) {
        listeners.remove(listener);
    }

    /** Called (on the writing thread, outside the lock) after every change; must only set a flag. */
    public void addChangeSignal(Runnable signal) {
        addChangeSignal(signal, signal, signal);
    }

    /**
     * The same, telling routine changes apart: {@code routine} instead of {@code urgent} after a change
     * no listener hears of a node, pod, Event or API status in — a Lease renewal, a ReplicaSet's
     * status, an Event seen before — which a screen can show on its next heartbeat tick (issue 20).
     */
    public void addChangeSignal(Runnable urgent, Runnable routine) {
        addChangeSignal(urgent, urgent, routine);
    }

    /**
     * The same, telling apart too the changes an audience watches for — a node's state (a Pi going NotReady,
     * cordoned, gone) and the API's (unreachable, back) — which a screen may want to show even sooner than the
     * pod churn around them: {@code watched} instead of {@code urgent} after those (issue 20).
     */
    public void addChangeSignal(Runnable watched, Runnable urgent, Runnable routine) {
        changeSignals.add(new Signal(watched, urgent, routine));
    }

    /** Removes a signal added with {@code signal} as its only or urgent one. */
    public void removeChangeSignal(Runnable signal) {
        changeSignals.removeIf(s -> s.urgent() == signal);
    }

    public void putNode(NodeInfo node) {
        change(() -> {
            NodeInfo before = nodes.put(node.name(), node);
            written(Kind.NODE, node.name());
            each(l -> l.nodeChanged(before, node));
            return Urgency.WATCHED;
        });
    }

    public void removeNode(String name) {
        change(() -> {
            NodeInfo before = nodes.remove(name);
            writtenAt.get(Kind.NODE).remove(name);
            if (before != null) {
                each(l -> l.nodeChanged(before, null));
            }
            return before != null ? Urgency.WATCHED : Urgency.ROUTINE;
        });
    }

    public void putPod(PodInfo pod) {
        change(() -> {
            String key = pod.key();
            PodInfo before = pods.put(key, pod);
            written(Kind.POD, key);
            podKeysSinceSnapshot.add(key);
            each(l -> l.podChanged(before, pod));
            return Urgency.URGENT;
        });
    }

    public void removePod(String key) {
        change(() -> {
            PodInfo before = pods.remove(key);
            writtenAt.get(Kind.POD).remove(key);
            if (before != null) {
                podKeysSinceSnapshot.add(key);
                each(l -> l.podChanged(before, null));
            }
            return before != null ? Urgency.URGENT : Urgency.ROUTINE;
        });
    }

    public void putLease(LeaseInfo lease) {
        change(() -> {
            LeaseInfo before = leases.put(lease.nodeName(), lease);
            written(Kind.LEASE, lease.nodeName());
            each(l -> l.leaseChanged(before, lease));
            return Urgency.ROUTINE;
        });
    }

    public void removeLease(String nodeName) {
        change(() -> {
            LeaseInfo before = leases.remove(nodeName);
            writtenAt.get(Kind.LEASE).remove(nodeName);
            if (before != null) {
                each(l -> l.leaseChanged(before, null));
            }
            return Urgency.ROUTINE;
        });
    }

    public void putReplicaSet(ReplicaSetInfo rs) {
        change(() -> {
            replicaSets.put(rs.key(), rs);
            written(Kind.REPLICA_SET, rs.key());
            return Urgency.ROUTINE;
        });
    }

    public void removeReplicaSet(String key) {
        change(() -> {
            replicaSets.remove(key);
            writtenAt.get(Kind.REPLICA_SET).remove(key);
            return Urgency.ROUTINE;
        });
    }

    public void addEvent(EventInfo event) {
        change(() -> {
            // A relist delivers the same event again; count it once.
            String key = event.uid() + "#" + event.count();
            if (!eventKeys.add(key)) {
                return Urgency.ROUTINE;
            }
            events.addLast(event);
            while (events.size() > MAX_EVENTS) {
                EventInfo dropped = events.removeFirst();
                eventKeys.remove(dropped.uid() + "#" + dropped.count());
            }
            each(l -> l.eventReceived(event));
            return Urgency.URGENT;
        });
    }

    /**
     * Calls every listener; one that throws is logged and skipped, so it can neither undo a change
     * nor keep the other listeners (the timeline, the recorder) from seeing it.
     */
    private void each(java.util.function.Consumer<ClusterChangeListener> call) {
        for (ClusterChangeListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("cluster change listener {} failed: {}", listener.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private void signalChange(Urgency urgency) {
        for (Signal signal : changeSignals) {
            try {
                signal.of(urgency).run();
            } catch (RuntimeException e) {
                LOG.warn("a change signal failed: {}", e.toString());
            }
        }
    }

    private void written(Kind kind, String key) {
        writtenAt.get(kind).put(key, version + 1);
    }

    /**
     * Reconciles one kind with a fresh list from the API, as one change (one frame): removes every
     * object that the list does not contain and that was last written at or before
     * {@code listedFrom} (the {@link #version()} read before the list was requested), so an object
     * added by a watch event after the list started is kept. This is how deletions missed while a
     * watch was re-established disappear.
     *
     * @return how many objects were removed
     */
    public int reconcile(Kind kind, java.util.Set<String> listed, long listedFrom) {
        int removed;
        synchronized (lock) {
            Map<String, Long> written = writtenAt.get(kind);
            java.util.List<String> gone = new ArrayList<>();
            for (Map.Entry<String, Long> e : written.entrySet()) {
                if (!listed.contains(e.getKey()) && e.getValue() <= listedFrom) {
                    gone.add(e.getKey());
                }
            }
            removed = gone.size();
            if (removed == 0) {
                return 0;
            }
            for (String key : gone) {
                written.remove(key);
                switch (kind) {
                    case NODE -> {
                        NodeInfo before = nodes.remove(key);
                        each(l -> l.nodeChanged(before, null));
                    }
                    case POD -> {
                        PodInfo before = pods.remove(key);
                        podKeysSinceSnapshot.add(key);
                        each(l -> l.podChanged(before, null));
                    }
                    case LEASE -> {
                        LeaseInfo before = leases.remove(key);
                        each(l -> l.leaseChanged(before, null));
                    }
                    case REPLICA_SET -> replicaSets.remove(key);
                }
            }
            version++;
            cached = null;
            lock.notifyAll();
        }
        signalChange(switch (kind) {
            case NODE -> Urgency.WATCHED;
            case POD -> Urgency.URGENT;
            case LEASE, REPLICA_SET -> Urgency.ROUTINE;
        });
        return removed;
    }

    public void setApiStatus(ApiStatus status) {
        synchronized (lock) {
            // Keep the original "since" while the kind of state does not change — unless a 403 came or went,
            // which the status bar says at once.
            if (api.getClass() == status.getClass() && Objects.equals(ApiStatusText.forbidden(api), ApiStatusText.forbidden(status))) {
                return;
            }
        }
        change(() -> {
            ApiStatus before = api;
            api = status;
            each(l -> l.apiStatusChanged(before, status));
            return Urgency.WATCHED;
        });
    }

    public ApiStatus apiStatus() {
        synchronized (lock) {
            return api;
        }
    }

    /** @param mutation applies the change; says how soon a screen should show it */
    private void change(java.util.function.Supplier<Urgency> mutation) {
        Urgency urgency;
        long changed;
        synchronized (lock) {
            urgency = mutation.get();
            changed = ++version;
            cached = null;
            lock.notifyAll();
        }
        LatencyTrace.storeChanged(changed);
        signalChange(urgency);
    }

    public long version() {
        synchronized (lock) {
            return version;
        }
    }

    public ClusterSnapshot snapshot() {
        synchronized (lock) {
            if (cached == null) {
                if (podsCopy == null || !podKeysSinceSnapshot.isEmpty()) {
                    podsCopy = Map.copyOf(pods);
                }
                cached = new ClusterSnapshot(version, clock.instant(), source, api, new java.util.TreeMap<>(nodes),
                        podsCopy, new HashMap<>(leases), new HashMap<>(replicaSets), new ArrayList<>(events), nextJournal());
            }
            return cached;
        }
    }

    /** Closes the journal's step up to this version (under the lock, once per snapshot built). */
    private PodJournal nextJournal() {
        if (version != lastSnapshotVersion) {
            journalSteps.addLast(new PodJournal.Step(lastSnapshotVersion, version, podKeysSinceSnapshot));
            podKeysSinceSnapshot = new java.util.HashSet<>();
            lastSnapshotVersion = version;
            while (journalSteps.size() > JOURNAL_STEPS) {
                journalSteps.removeFirst();
            }
        }
        return new PodJournal(journalOrigin, version, new ArrayList<>(journalSteps));
    }

    /**
     * Blocks until a snapshot satisfies the condition, woken by each change (no polling or
     * sleeping). Used by the CLI's drill and by tests.
     */
    public ClusterSnapshot await(Predicate<ClusterSnapshot> condition, Duration timeout, String what)
            throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                ClusterSnapshot snapshot = snapshot();
                if (condition.test(snapshot)) {
                    return snapshot;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new TimeoutException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
                }
                lock.wait(Math.max(1, remaining / 1_000_000));
            }
        }
    }
}
