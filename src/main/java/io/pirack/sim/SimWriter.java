package io.pirack.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Writes for the simulated components: JSON patches (the CRUD mock server supports neither
 * strategic merge nor server-side apply) and a note of the resourceVersion each write produced,
 * so a component does not act again on a cached object that predates its own write.
 */
final class SimWriter {

    private final KubernetesClient client;
    private final Map<String, Long> writtenVersions = new ConcurrentHashMap<>();
    private final Map<String, HasMetadata> writtenObjects = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> leaseRenewals = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<HasMetadata>> writeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    SimWriter(KubernetesClient client) {
        this.client = client;
    }

    KubernetesClient client() {
        return client;
    }

    /**
     * Sets whole fields by JSON pointer ({@code /status/conditions}) with a JSON Patch of "add"
     * operations, which replace what is there. (The mock server merges lists on a JSON merge patch
     * instead of replacing them.) Returns false if the object is gone.
     *
     * <p>{@code target} names the object (kind, namespace, name; the rest of it is not sent). It is
     * one PATCH request, as a controller sends it: fabric8's {@code withName(…).patch(context, String)}
     * GETs the object first when the resource holds no item, which doubled every simulated write
     * and put a read's round trip before each state change (issue 20).
     */
    <T extends HasMetadata> boolean set(T target, Map<String, Object> valuesByPointer) {
        List<Map<String, Object>> ops = new ArrayList<>();
        valuesByPointer.forEach((pointer, value) -> {
            Map<String, Object> op = new LinkedHashMap<>();
            op.put("op", "add");
            op.put("path", pointer);
            op.put("value", value);
            ops.add(op);
        });
        String patch = client.getKubernetesSerialization().asJson(ops);
        return remember(() -> client.resource(target).patch(PatchContext.of(PatchType.JSON), patch));
    }

    <T extends HasMetadata> boolean create(Resource<T> resource) {
        return remember(resource::create);
    }

    private <T extends HasMetadata> boolean remember(Supplier<T> write) {
        try {
            T written = write.get();
            if (written != null) {
                writtenVersions.put(key(written), SimObjects.resourceVersion(written));
                writtenObjects.put(key(written), written);
                writeListeners.forEach(l -> l.accept(written));
            }
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Graceful deletion; the store stamps the simulated time plus the grace period. */
    <T extends HasMetadata> void delete(Resource<T> resource) {
        try {
            resource.delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    /** Told every object a simulated component wrote, as the server returned it, right after the write. */
    void addWriteListener(java.util.function.Consumer<HasMetadata> listener) {
        writeListeners.add(listener);
    }

    /** Remembers a heartbeat this process wrote, so the node monitor never mistakes cache lag for a dead node. */
    void leaseRenewed(String nodeName, java.time.Instant renewTime) {
        leaseRenewals.put(nodeName, renewTime);
    }

    java.util.Optional<java.time.Instant> lastLeaseRenewal(String nodeName) {
        return java.util.Optional.ofNullable(leaseRenewals.get(nodeName));
    }

    /** False while the cache still shows a version older than our last write to that object. */
    boolean isCurrent(HasMetadata cached) {
        String key = key(cached);
        Long written = writtenVersions.get(key);
        if (written == null) {
            return true;
        }
        if (SimObjects.resourceVersion(cached) >= written) {
            writtenVersions.remove(key, written);
            return true;
        }
        return false;
    }

    /**
     * The newest version of an object this process knows: the cached one, or what our own last write
     * returned when the cache has not caught up yet — so two writes in one pass never undo each other.
     */
    @SuppressWarnings("unchecked")
    <T extends HasMetadata> T latest(T cached) {
        HasMetadata written = writtenObjects.get(key(cached));
        if (written != null && written.getClass() == cached.getClass()
                && SimObjects.resourceVersion(written) > SimObjects.resourceVersion(cached)) {
            return (T) written;
        }
        if (written != null) {
            writtenObjects.remove(key(cached), written);
        }
        return cached;
    }

    private static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
}
