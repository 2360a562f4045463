package io.pirack.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Informer caches that the simulated control plane and kubelets read, as real controllers do
 * (listers over watches). Writes go straight to the API; a component that must not act twice on
 * its own write before the cache catches up keeps its own "assumed" state.
 */
final class SimCache implements AutoCloseable {

    private static final String BY_NODE = "spec.nodeName";

    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    final SharedIndexInformer<Node> nodes;
    final SharedIndexInformer<Pod> pods;
    final SharedIndexInformer<Lease> leases;
    final SharedIndexInformer<ReplicaSet> replicaSets;
    final SharedIndexInformer<Deployment> deployments;
    final SharedIndexInformer<StatefulSet> statefulSets;
    final SharedIndexInformer<DaemonSet> daemonSets;

    SimCache(KubernetesClient client, boolean kubeletOnly) {
        nodes = add(client.nodes().runnableInformer(0));
        pods = add(client.pods().inAnyNamespace().runnableInformer(0));
        // A kubelet lists only its own node's pods (it watches them with a spec.nodeName field selector).
        pods.addIndexers(Map.of(BY_NODE, pod -> SimObjects.nodeName(pod) == null ? List.of() : List.of(SimObjects.nodeName(pod))));
        leases = add(client.leases().inNamespace("kube-node-lease").runnableInformer(0));
        if (kubeletOnly) {
            replicaSets = null;
            deployments = null;
            statefulSets = null;
            daemonSets = null;
        } else {
            replicaSets = add(client.apps().replicaSets().inAnyNamespace().runnableInformer(0));
            deployments = add(client.apps().deployments().inAnyNamespace().runnableInformer(0));
            statefulSets = add(client.apps().statefulSets().inAnyNamespace().runnableInformer(0));
            daemonSets = add(client.apps().daemonSets().inAnyNamespace().runnableInformer(0));
        }
    }

    private <T extends HasMetadata> SharedIndexInformer<T> add(SharedIndexInformer<T> informer) {
        informers.add(informer);
        return informer;
    }

    void startAndSync(long timeoutMillis) {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (SharedIndexInformer<?> informer : informers) {
            started.add(informer.start().toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the rehearsal rack", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the rehearsal rack's API server did not answer: " + e.getMessage(), e);
        }
    }

    /** etcd's order: namespace, then name. */
    private static final Comparator<Keyed<?>> ORDER = (a, b) -> {
        int byNamespace = a.namespace().compareTo(b.namespace());
        return byNamespace != 0 ? byNamespace : a.name().compareTo(b.name());
    };

    /** An object with its sort key read once: see {@link #inOrder}. */
    private record Keyed<T extends HasMetadata>(String namespace, String name, T object) {
        Keyed(T object) {
            this(String.valueOf(object.getMetadata().getNamespace()), object.getMetadata().getName(), object);
        }
    }

    static <T extends HasMetadata> List<T> sorted(SharedIndexInformer<T> informer) {
        return inOrder(informer.getStore().list());
    }

    /**
     * The objects in {@link #ORDER}, as a new list. The key is read once per object, not twice per comparison:
     * the controllers sort the 3,000 pods of a 100-Pi rack six times a pass, and a comparator that read the
     * metadata per comparison was 28 % of the rack's thread under pod churn (JFR, session 16).
     */
    private static <T extends HasMetadata> List<T> inOrder(Collection<T> objects) {
        List<Keyed<T>> keyed = new ArrayList<>(objects.size());
        for (T object : objects) {
            keyed.add(new Keyed<>(object));
        }
        keyed.sort(ORDER);
        List<T> items = new ArrayList<>(keyed.size());
        for (Keyed<T> k : keyed) {
            items.add(k.object());
        }
        return items;
    }

    List<Node> nodes() {
        return sorted(nodes);
    }

    List<Pod> pods() {
        return sorted(pods);
    }

    Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.getStore().getByKey(name));
    }

    Optional<Lease> lease(String nodeName) {
        return Optional.ofNullable(leases.getStore().getByKey("kube-node-lease/" + nodeName));
    }

    /** The node's pods, in {@link #pods()}'s order. */
    List<Pod> podsOn(String nodeName) {
        return inOrder(pods.getIndexer().byIndex(BY_NODE, nodeName));
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
    }
}
