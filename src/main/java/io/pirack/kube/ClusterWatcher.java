package io.pirack.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;
import io.pirack.concurrent.Background;
import io.pirack.core.cluster.ApiHealth;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.trace.LatencyTrace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the cluster with fabric8 informers (Node, Pod, Lease in kube-node-lease, Event,
 * ReplicaSet) and feeds the {@link ClusterStore}. No polling of the API's objects: informers list
 * once and then watch.
 *
 * <p>Health: a small HTTP check ({@code GET /version}, any answer counts) every
 * {@link EndpointCheck#EVERY} plus the informers' watch state go into {@link ApiHealth}; an object an
 * informer hands on counts as an answer too, and the check waits {@link EndpointCheck#EVERY} from it. While the API is
 * connected the health thread wakes once per check (or at the instant the last answer grows too old, if
 * that comes first); in every other state every {@link #TICK} (see {@link #nextTick}). A watch being
 * re-established is not an outage — fabric8 8's informers close every watch after a random 5–10
 * minutes on purpose (so five informers rotate one watch every ~1.5 min on average), and real API
 * servers close them after {@code --min-request-timeout}. An endpoint that stops answering is: a
 * pulled control-plane Pi never closes the watch connection, so only the check notices it.
 *
 * <p>Re-list: when a watch comes back, the kind is listed once and the store reconciled, because
 * an API server that does not replay a watch from its resourceVersion (the embedded mock replays
 * only what exists) would otherwise leave objects deleted during the gap on screen for good.
 */
public final class ClusterWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);
    /**
     * How often the health state is evaluated while the API is not connected (connecting, reconnecting,
     * unreachable): an answer or a watch coming back shows within this.
     */
    static final Duration TICK = Duration.ofMillis(100);
    private final KubernetesClient client;
    private final ClusterStore store;
    private final Clock clock;
    private final Clock healthClock;
    private final ApiHealth health;
    /** Built on the health thread at its first tick, off the connection's critical path (its own TLS context). */
    private volatile EndpointCheck check;
    private final List<Watched<?>> watched = new ArrayList<>();
    private final ScheduledExecutorService ticker;
    private final ExecutorService relister;
    private final List<java.util.function.BiConsumer<String, Boolean>> watchListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile String lastError;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param clock the store's clock (simulated time on the rehearsal rack), for objects and statuses
     * @param healthClock real time for the endpoint checks and the threshold
     */
    public ClusterWatcher(KubernetesClient client, ClusterStore store, Clock clock, Clock healthClock, Duration threshold) {
        this.client = client;
        this.store = store;
        this.clock = clock;
        this.healthClock = healthClock;
        this.health = new ApiHealth(healthClock.instant(), threshold, ApiHealth.DEFAULT_WATCH_GRACE);
        this.ticker = Background.timer("cluster-health");
        this.relister = Background.newPool("cluster-relist", 1);
    }

    public ClusterWatcher(KubernetesClient client, ClusterStore store, Clock clock) {
        this(client, store, clock, Clock.systemUTC(), ApiHealth.DEFAULT_THRESHOLD);
    }

    /** Starts the informers without waiting for them; progress shows in the store's API status. */
    public void start() {
        register(client.nodes().runnableInformer(0), ClusterStore.Kind.NODE, () -> client.nodes().list().getItems(),
                n -> n.getMetadata().getName(),
                n -> store.putNode(KubeMapper.node(n, clock.instant())), store::removeNode);
        register(slim(client.pods().inAnyNamespace().runnableInformer(0), Pod.class), ClusterStore.Kind.POD,
                () -> client.pods().inAnyNamespace().list().getItems(), ClusterWatcher::namespacedKey,
                p -> store.putPod(KubeMapper.pod(p, clock.instant())), store::removePod);
        register(client.leases().inNamespace("kube-node-lease").runnableInformer(0), ClusterStore.Kind.LEASE,
                () -> client.leases().inNamespace("kube-node-lease").list().getItems(), l -> l.getMetadata().getName(),
                l -> store.putLease(KubeMapper.lease(l, clock.instant())), store::removeLease);
        register(slim(client.v1().events().inAnyNamespace().runnableInformer(0), Event.class), null, null, null,
                e -> store.addEvent(KubeMapper.event(e, clock.instant())), key -> { });
        register(client.apps().replicaSets().inAnyNamespace().runnableInformer(0), ClusterStore.Kind.REPLICA_SET,
                () -> client.apps().replicaSets().inAnyNamespace().list().getItems(), ClusterWatcher::namespacedKey,
                rs -> store.putReplicaSet(KubeMapper.replicaSet(rs)), store::removeReplicaSet);
        for (Watched<?> w : watched) {
            w.informer.start().whenComplete((ignored, error) -> {
                if (error != null) {
                    lastError = KubeErrors.describe(error);
                }
            });
        }
        ticker.execute(this::tick);
    }

    /**
     * Told (on the health thread) when an informer's watch closes or opens again, with the kind's
     * name: how the benchmark counts reconnects and a test finds the gap of one kind.
     */
    public void addWatchListener(java.util.function.BiConsumer<String, Boolean> listener) {
        watchListeners.add(listener);
    }

    private static String namespacedKey(HasMetadata o) {
        return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
    }

    /** One informer, how to list its kind again, and whether its watch was open at the last tick. */
    private final class Watched<T extends HasMetadata> {
        final SharedIndexInformer<T> informer;
        final ClusterStore.Kind kind;
        final Supplier<List<T>> lister;
        final Function<T, String> key;
        boolean everWatched;
        boolean wasWatching;

        Watched(SharedIndexInformer<T> informer, ClusterStore.Kind kind, Supplier<List<T>> lister, Function<T, String> key) {
            this.informer = informer;
            this.kind = kind;
            this.lister = lister;
            this.key = key;
        }

        /** Lists the kind and drops from the store what the list no longer has. */
        void relist() {
            if (closed) {
                return;
            }
            try {
                long from = store.version();
                Set<String> keys = lister.get().stream().map(key).collect(Collectors.toSet());
                int removed = store.reconcile(kind, keys, from);
                if (removed > 0) {
                    LOG.info("re-list after a watch reconnect removed {} {} object(s) deleted during the gap", removed, kind);
                }
            } catch (RuntimeException e) {
                LOG.debug("re-list of {} failed (the next reconnect retries): {}", kind, describe(e));
            }
        }
    }

    /**
     * The informer keeps only each object's key and resourceVersion, not the whole object: the store
     * holds what PiRack shows (a {@link io.pirack.core.cluster.PodInfo}), and at 100 nodes the full Pods and
     * Events in the informers' caches were about a sixth of the live heap (issue 20). Updates are still
     * told apart by resourceVersion, deletions by key.
     */
    private <T extends HasMetadata> SharedIndexInformer<T> slim(SharedIndexInformer<T> informer, Class<T> type) {
        return informer.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, type,
                client.getKubernetesSerialization()));
    }

    private <T extends HasMetadata> void register(SharedIndexInformer<T> informer, ClusterStore.Kind kind,
            Supplier<List<T>> lister, Function<T, String> key, Consumer<T> upsert, Consumer<String> delete) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                heard();
                upsert.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                // A re-established watch may deliver objects again unchanged (the mock replays every
                // object as ADDED): same resourceVersion, nothing new — and a lease re-delivered is
                // not a heartbeat.
                if (!Objects.equals(oldObj.getMetadata().getResourceVersion(), newObj.getMetadata().getResourceVersion())) {
                    heard();
                    long entered = LatencyTrace.on() ? System.nanoTime() : 0;
                    upsert.accept(newObj);
                    if (entered != 0 && kind == ClusterStore.Kind.NODE) {
                        LatencyTrace.nodeApplied(entered, store.version(), newObj.getMetadata().getResourceVersion(),
                                newObj.getMetadata().getName());
                    }
                }
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                heard();
                delete.accept(kind == ClusterStore.Kind.NODE || kind == ClusterStore.Kind.LEASE
                        ? obj.getMetadata().getName() : namespacedKey(obj));
            }
        });
        informer.exceptionHandler((isStarted, t) -> {
            // A 403 is said at once with what was refused (the status bar shows it, not "connecting");
            // the informer keeps retrying, so granting the permission heals it without a restart.
            lastError = KubeErrors.describe(t);
            if (io.pirack.core.cluster.Forbidden.is(lastError)) {
                LOG.warn(lastError);
            } else {
                LOG.debug("informer error (retrying): {}", lastError);
            }
            return true;
        });
        watched.add(new Watched<>(informer, kind, lister, key));
    }

    /**
     * An informer handed on what the API server sent (never a resync from the informer's own cache: the
     * informers have none, and an update with an unchanged resourceVersion does not count): the server is
     * there, so the endpoint check can wait (issue 20).
     */
    private void heard() {
        EndpointCheck c = check;
        if (c != null) {
            c.heard(healthClock.instant());
        }
    }

    private void tick() {
        Instant now = healthClock.instant();
        ApiStatus status = null;
        try {
            if (closed) {
                return;
            }
            if (check == null) {
                check = EndpointCheck.of(client.getConfiguration(), health);
            }
            check.sendIfDue(now);
            boolean synced = true;
            boolean watching = true;
            for (Watched<?> w : watched) {
                boolean on = w.informer.isWatching();
                synced &= w.informer.hasSynced();
                watching &= on;
                if (on && !w.wasWatching && w.everWatched && w.kind != null) {
                    relister.execute(w::relist);
                }
                if (on != w.wasWatching) {
                    String name = w.kind == null ? "EVENT" : w.kind.name();
                    watchListeners.forEach(l -> l.accept(name, on));
                }
                w.everWatched |= on;
                w.wasWatching = on;
            }
            status = health.evaluate(now, new ApiHealth.Watches(!watched.isEmpty() && synced, watching, lastError));
            store.setApiStatus(onStoreClock(status, now));
        } catch (RuntimeException e) {
            LOG.warn("cluster health check failed: {}", e.toString());
        } finally {
            ticks.incrementAndGet();
            if (!closed) {
                EndpointCheck sent = check;
                // 1 ms past the due instant: the timer sleeps on the monotonic clock, the health clock is the wall's,
                // and a tick waking a hair early would find no check due and wake once more.
                Duration wait = nextTick(status, now, sent == null ? null : sent.due().plusMillis(1),
                        sent == null || sent.lastAnswered() == null ? null
                                : sent.lastAnswered().plus(health.threshold()).plusMillis(1));
                try {
                    ticker.schedule(this::tick, wait.toNanos(), TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                    // close() shut the ticker down between the check above and here
                }
            }
        }
    }

    /**
     * How long the health thread sleeps after a tick that found {@code status} (issue 20: each wake-up costs
     * tens of µs of CPU on a small machine, and at rest nothing changes between checks). Connected: until
     * the next check is due, or until the last answered check grows older than the threshold
     * ({@code outageAt}) if that comes first — so an endpoint that stops answering is unreachable at the
     * same moment as with a fast tick, or sooner. Any other state: {@link #TICK}.
     */
    static Duration nextTick(ApiStatus status, Instant now, Instant checkDue, Instant outageAt) {
        if (!(status instanceof ApiStatus.Connected) || checkDue == null) {
            return TICK;
        }
        Instant next = outageAt != null && outageAt.isBefore(checkDue) ? outageAt : checkDue;
        Duration wait = Duration.between(now, next);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Ticks of the health thread so far, for tests of how often it wakes. */
    long ticks() {
        return ticks.get();
    }

    /** {@link ApiHealth} works in real time; the store's instants may be simulated: shift "since" across. */
    private ApiStatus onStoreClock(ApiStatus status, Instant healthNow) {
        Instant since = clock.instant().minus(Duration.between(status.since(), healthNow));
        if (status instanceof ApiStatus.Connecting c) {
            return new ApiStatus.Connecting(since, c.reason());
        }
        if (status instanceof ApiStatus.Connected) {
            return new ApiStatus.Connected(since);
        }
        if (status instanceof ApiStatus.Reconnecting r) {
            return new ApiStatus.Reconnecting(since, r.reason());
        }
        return new ApiStatus.Unreachable(since, ((ApiStatus.Unreachable) status).reason());
    }

    static Throwable root(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    static String describe(Throwable t) {
        Throwable root = root(t);
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (check != null) {
            check.close();
        }
        relister.shutdownNow();
        watched.forEach(w -> w.informer.close());
    }
}
