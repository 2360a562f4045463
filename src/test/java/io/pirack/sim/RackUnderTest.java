package io.pirack.sim;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterChangeListener;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.kube.ClusterStore;
import io.pirack.kube.ClusterWatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A rehearsal rack plus PiRack's own informer store connected to it, for tests. Waits are on store
 * changes (no sleeping); the store runs on the rack's simulated clock so durations are simulated.
 */
public final class RackUnderTest implements AutoCloseable {

    public final RehearsalRack rack;
    public final KubernetesClient client;
    public final ClusterStore store;
    private final ClusterWatcher watcher;

    public RackUnderTest(int pis, SimTimings timings, double scale) {
        this(RackSpec.rehearsal(pis), timings, scale, RehearsalRack.Options.defaults());
    }

    public RackUnderTest(RackSpec spec, SimTimings timings, double scale, RehearsalRack.Options options) {
        rack = RehearsalRack.start(spec, timings, SimClock.realTime(scale), options);
        client = ClusterConnection.forUrl(rack.apiUrl());
        store = new ClusterStore(rack.clock(), "rehearsal rack");
        watcher = new ClusterWatcher(client, store, rack.clock());
        watcher.start();
    }

    public ClusterSnapshot await(String what, Duration realTimeout, Predicate<ClusterSnapshot> condition)
            throws TimeoutException, InterruptedException {
        try {
            return store.await(condition, realTimeout, what);
        } catch (TimeoutException e) {
            TimeoutException detailed = new TimeoutException(e.getMessage() + "; last state:\n" + describe(store.snapshot()));
            detailed.initCause(e);
            throw detailed;
        }
    }

    /**
     * What a stall of the loaded test machine costs in simulated time. The rack's clock runs on the wall clock, so
     * every real second a starved thread or a GC pause holds up a step of the story (a controller's pass, an
     * informer passing a change on) is {@code scale} simulated seconds. An upper bound on a simulated duration adds
     * this for one real second (three times the worst seen on a machine at load 14), small next to what such bounds
     * tell apart (grace + 2 s against grace + 300 s).
     */
    public Duration stall() {
        return Duration.ofMillis((long) (1000 * rack.clock().scale()));
    }

    /**
     * Starts listening for a state another actor may undo at once (a booting kubelet's NotReady before its Ready):
     * every change the store applies is checked, under the store's lock and in order, so a state that lasts a
     * moment is heard even when a waiter woken by it would look too late. Call before the action that leads there;
     * then {@link Heard#await}.
     */
    public Heard hear(String what, Predicate<ClusterSnapshot> condition) {
        return new Heard(what, condition);
    }

    /** The first state a {@link #hear} condition held in. */
    public final class Heard implements ClusterChangeListener {
        private final String what;
        private final Predicate<ClusterSnapshot> condition;
        private final CompletableFuture<ClusterSnapshot> first = new CompletableFuture<>();

        private Heard(String what, Predicate<ClusterSnapshot> condition) {
            this.what = what;
            this.condition = condition;
            store.addListener(this);
            check();
        }

        private void check() {
            if (!first.isDone()) {
                // Called under the store's lock, after the change: this snapshot is exactly the state it made.
                ClusterSnapshot now = store.snapshot();
                if (condition.test(now)) {
                    first.complete(now);
                }
            }
        }

        @Override
        public void nodeChanged(NodeInfo before, NodeInfo after) {
            check();
        }

        @Override
        public void podChanged(PodInfo before, PodInfo after) {
            check();
        }

        @Override
        public void leaseChanged(LeaseInfo before, LeaseInfo after) {
            check();
        }

        @Override
        public void eventReceived(EventInfo event) {
            check();
        }

        @Override
        public void apiStatusChanged(ApiStatus before, ApiStatus after) {
            check();
        }

        /** The snapshot right after the change that made the condition true. */
        public ClusterSnapshot await(Duration realTimeout) throws TimeoutException, InterruptedException {
            try {
                return first.get(realTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                TimeoutException detailed = new TimeoutException("never heard " + what + " within " + realTimeout.toSeconds()
                        + " s; last state:\n" + describe(store.snapshot()));
                detailed.initCause(e);
                throw detailed;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            } finally {
                store.removeListener(this);
            }
        }
    }

    /** A readable dump of a snapshot for failure messages. */
    public String describe(ClusterSnapshot s) {
        StringBuilder sb = new StringBuilder("  api " + s.api() + " sim-now " + rack.clock().instant() + "\n");
        s.nodes().values().forEach(n -> sb.append("  node ").append(n.name()).append(' ').append(n.ready())
                .append(" taints=").append(n.taints().stream().map(x -> x.key() + ":" + x.effect()).toList())
                .append(" lease=").append(s.lease(n.name()).map(l -> l.renewTime()).orElse(null)).append('\n'));
        s.podsSorted().forEach(p -> sb.append("  pod ").append(p.key()).append(" on ").append(p.nodeName()).append(' ')
                .append(p.phase()).append(p.ready() ? " ready" : " not-ready").append(p.terminating() ? " terminating" : "").append('\n'));
        return sb.toString();
    }

    /**
     * Waits until the simulated clock has passed {@code instant} (a timer on the rack's simulation
     * thread, so it also works while the API is down), then returns PiRack's view at that moment.
     */
    public ClusterSnapshot awaitSimTime(Instant instant, Duration realTimeout) throws TimeoutException, InterruptedException {
        rack.awaitSimTime(instant, realTimeout);
        return store.snapshot();
    }

    public static List<PodInfo> pods(ClusterSnapshot s, String app) {
        return s.podsSorted().stream().filter(p -> app.equals(p.app())).toList();
    }

    public static boolean allReady(ClusterSnapshot s, String app, int count) {
        List<PodInfo> pods = pods(s, app).stream().filter(p -> !p.terminating()).toList();
        return pods.size() == count && pods.stream().allMatch(PodInfo::ready);
    }

    public ClusterSnapshot awaitSteadyDemo(Duration realTimeout) throws TimeoutException, InterruptedException {
        return await("the demo workload to be ready", realTimeout, s -> s.api().isLive()
                && allReady(s, SimWorkload.DEMO_DEPLOYMENT, 6) && allReady(s, SimWorkload.DEMO_STATEFULSET, 1)
                && allReady(s, SimWorkload.DEMO_DAEMONSET, rack.spec().slots().size()));
    }

    @Override
    public void close() {
        watcher.close();
        client.close();
        rack.close();
    }
}
