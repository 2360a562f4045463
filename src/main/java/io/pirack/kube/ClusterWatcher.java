package io.pirack.kube;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.probe.TcpProbe;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the cluster with fabric8 informers (Node, Pod, Lease in kube-node-lease, Event,
 * ReplicaSet) and feeds the {@link ClusterStore}. No polling of the API: informers list once and
 * then watch, relisting by themselves after a broken watch. A small health loop turns informer
 * state and a TCP check of the API endpoint into the connection state the UI shows, because a
 * silently dead control-plane Pi never closes the watch connection.
 */
public final class ClusterWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatcher.class);
    /** Consecutive failed TCP checks (1 s apart) before the API counts as unreachable. */
    static final int FAILED_CHECKS_FOR_UNREACHABLE = 2;

    private final KubernetesClient client;
    private final ClusterStore store;
    private final Clock clock;
    private final TcpProbe probe;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final ScheduledExecutorService health;
    private volatile String lastError;
    private int failedChecks;
    private boolean everConnected;

    public ClusterWatcher(KubernetesClient client, ClusterStore store, Clock clock, TcpProbe probe) {
        this.client = client;
        this.store = store;
        this.clock = clock;
        this.probe = probe;
        this.health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-health");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the informers without waiting for them; progress shows in the store's API status. */
    public void start() {
        register(client.nodes().runnableInformer(0),
                n -> store.putNode(KubeMapper.node(n, clock.instant())),
                n -> store.removeNode(n.getMetadata().getName()));
        register(client.pods().inAnyNamespace().runnableInformer(0),
                p -> store.putPod(KubeMapper.pod(p, clock.instant())),
                p -> store.removePod(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
        register(client.leases().inNamespace("kube-node-lease").runnableInformer(0),
                l -> store.putLease(KubeMapper.lease(l, clock.instant())),
                l -> store.removeLease(l.getMetadata().getName()));
        register(client.v1().events().inAnyNamespace().runnableInformer(0),
                e -> store.addEvent(KubeMapper.event(e, clock.instant())),
                e -> { });
        register(client.apps().replicaSets().inAnyNamespace().runnableInformer(0),
                rs -> store.putReplicaSet(KubeMapper.replicaSet(rs)),
                rs -> store.removeReplicaSet(rs.getMetadata().getNamespace() + "/" + rs.getMetadata().getName()));
        for (SharedIndexInformer<?> informer : informers) {
            informer.start().whenComplete((ignored, error) -> {
                if (error != null) {
                    lastError = describe(error);
                }
            });
        }
        health.scheduleWithFixedDelay(this::checkHealth, 100, 500, TimeUnit.MILLISECONDS);
    }

    private <T extends HasMetadata> void register(SharedIndexInformer<T> informer, Consumer<T> upsert, Consumer<T> delete) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T obj) {
                upsert.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                upsert.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                delete.accept(obj);
            }
        });
        informer.exceptionHandler((isStarted, t) -> {
            lastError = describe(t);
            LOG.debug("informer error (retrying): {}", lastError);
            return true;
        });
        informers.add(informer);
    }

    private int ticks;

    private void checkHealth() {
        try {
            boolean watching = !informers.isEmpty() && informers.stream().allMatch(i -> i.hasSynced() && i.isWatching());
            // The TCP check runs every other tick (1 s); a refused or timed-out connect is decisive.
            if (ticks++ % 2 == 0) {
                failedChecks = apiAcceptsConnections() ? 0 : failedChecks + 1;
            }
            if (failedChecks >= FAILED_CHECKS_FOR_UNREACHABLE || (!everConnected && failedChecks > 0)) {
                store.setApiStatus(new ApiStatus.Unreachable(clock.instant(),
                        "no answer from " + client.getMasterUrl().getHost() + ":" + port(client.getMasterUrl())));
            } else if (watching) {
                everConnected = true;
                store.setApiStatus(new ApiStatus.Connected(clock.instant()));
            } else if (everConnected) {
                store.setApiStatus(new ApiStatus.Reconnecting(clock.instant(), lastError == null ? "watch interrupted" : lastError));
            }
        } catch (RuntimeException e) {
            LOG.warn("cluster health check failed: {}", e.toString());
        }
    }

    private boolean apiAcceptsConnections() {
        URL url = client.getMasterUrl();
        return probe.reachable(url.getHost(), port(url), Duration.ofMillis(800));
    }

    private static int port(URL url) {
        return url.getPort() > 0 ? url.getPort() : url.getDefaultPort();
    }

    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        health.shutdownNow();
        informers.forEach(SharedIndexInformer::close);
    }
}
