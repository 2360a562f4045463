package io.pirack.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesResponseComposer;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.zjsonpatch.JsonPatchException;
import io.pirack.trace.HopTrace;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The rehearsal rack's object store: fabric8's CRUD dispatcher with the API server's clock swapped
 * for the simulated one. The mock stamps {@code creationTimestamp} and {@code deletionTimestamp}
 * with the host's wall clock, which at any time scale other than 1 puts a pod's birth or its
 * eviction minutes away from everything else the rack writes. Here every object is born at
 * simulated "now", and a graceful deletion is stamped as kube-apiserver stamps it: request time plus
 * the grace period ({@code terminationGracePeriodSeconds} for pods, 30 s by default), with
 * {@code deletionGracePeriodSeconds}. A JSON patch that cannot be applied (a failed {@code test}, a
 * path that is not there) is answered 422 as kube-apiserver answers it; the mock leaves the exception
 * unhandled on its event loop and never answers, so a client would wait out its timeout.
 *
 * <p>The dispatcher finds an object, or the objects of a list or a collection delete, by matching the
 * request's attributes against every object stored, and at 100 nodes the rack stores ~3,600. Here a
 * {@link StoreIndex} beside the dispatcher's map offers only the objects of that name or that resource
 * (still matched, in the map's order), for the lookup of its PATCH, PUT and POST handlers
 * ({@link #findResource}) and for GET and DELETE, whose matching is re-done here as the dispatcher does
 * it (its {@code handle} is private). Watches are left to the dispatcher, their end moved off the mock
 * server's event loop ({@link OffLoopWatch}). The index is guarded by the
 * dispatcher's own read/write lock, which it hands to {@link #locked} each time it takes it.
 */
final class SimStore extends KubernetesCrudDispatcher {

    static final long DEFAULT_POD_GRACE_SECONDS = 30;

    private final Clock clock;
    /** False only for {@link #scanning}: the dispatcher's own scans, to compare the index with. */
    private final boolean indexed;
    private final StoreIndex index = new StoreIndex();
    private final KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) attributeExtractor;
    /** The dispatcher's lock halves, as it hands them to {@link #locked} (set in the constructor). */
    private Lock readLock;
    private Lock writeLock;
    /** The dispatcher's open watches ({@link #forget}). */
    private final Set<?> watchers = watchers(this);
    /** The dispatcher's resource version as it last handed one out (its counter is private). */
    private volatile long resourceVersion;

    SimStore(Clock clock) {
        this(clock, true);
    }

    /** The same store answering every lookup with the dispatcher's own scan of all objects (for tests). */
    static SimStore scanning(Clock clock) {
        return new SimStore(clock, false);
    }

    private SimStore(Clock clock, boolean indexed) {
        super(List.of());
        this.clock = clock;
        this.indexed = indexed;
        reset(); // takes the write lock: locked() sees it
        super.handleGet("/api/v1/namespaces"); // takes the read lock
        if (readLock == null || writeLock == null) {
            throw new IllegalStateException("fabric8's CRUD dispatcher no longer shows its lock through locked()");
        }
    }

    /** How many lookups matched every object stored (a query with neither a name nor a resource). */
    int fullScans() {
        return index.fullScans();
    }

    @Override
    protected void locked(Lock lock) {
        // Seen in the constructor, before any request thread exists; later calls hand over the same two.
        if (readLock == null && lock instanceof ReentrantReadWriteLock.ReadLock) {
            readLock = lock;
        } else if (writeLock == null && lock instanceof ReentrantReadWriteLock.WriteLock) {
            writeLock = lock;
        }
    }

    @Override
    public long requestResourceVersion() {
        long version = super.requestResourceVersion();
        resourceVersion = version;
        return version;
    }

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        // Called by the create, update and patch handlers with the write lock held.
        if (!indexed) {
            return super.findResource(attributes);
        }
        AttributeSet key = index.first(attributes, map);
        return key == null ? null : Map.entry(key, map.get(key));
    }

    @Override
    public MockResponse handleGet(String path) {
        if (!indexed || detectWatchMode(path)) {
            return super.handleGet(path);
        }
        MockResponse answer;
        readLock.lock();
        try {
            answer = handle(path, false);
        } finally {
            readLock.unlock();
        }
        // An empty list: the dispatcher may answer it with API metadata (custom resources) instead.
        return answer != null ? answer : super.handleGet(path);
    }

    /** The dispatcher's watch, ended off the mock's event loop ({@link OffLoopWatch}). */
    @Override
    public MockResponse handleWatch(String path) {
        MockResponse answer = super.handleWatch(path);
        WebSocketListener watch = answer.getWebSocketListener();
        return watch == null ? answer : answer.withWebSocketUpgrade(new OffLoopWatch(watch, () -> forget(watch)));
    }

    /** Takes a watch out of the dispatcher's watchers; under the write lock, so that no write is sending to it. */
    private void forget(WebSocketListener watch) {
        writeLock.lock();
        try {
            watchers.remove(watch);
        } finally {
            writeLock.unlock();
        }
    }

    /** The dispatcher's (private) set of open watches, which it sends every event to. */
    private static Set<?> watchers(KubernetesCrudDispatcher dispatcher) {
        try {
            java.lang.reflect.Field field = KubernetesCrudDispatcher.class.getDeclaredField("watchEventListeners");
            field.setAccessible(true);
            return (Set<?>) field.get(dispatcher);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("fabric8's CRUD dispatcher no longer keeps its watches in watchEventListeners", e);
        }
    }

    @Override
    public MockResponse handleDelete(String path) {
        if (!indexed) {
            return super.handleDelete(path);
        }
        writeLock.lock();
        try {
            return handle(path, true);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void reset() {
        super.reset();
        if (writeLock == null) {
            index.clear();
            return;
        }
        writeLock.lock();
        try {
            index.clear();
        } finally {
            writeLock.unlock();
        }
    }

    /** The dispatcher's {@code handle}, with the index: null for an empty GET list (see {@link #handleGet}). */
    private MockResponse handle(String path, boolean delete) {
        AttributeSet query = attributeExtractor.fromPath(path);
        List<String> items = new ArrayList<>();
        for (AttributeSet key : index.matching(query, map)) {
            String json = map.get(key);
            items.add(json);
            if (delete) {
                processDelete(path, query, key, json);
            }
        }
        MockResponse response = new MockResponse();
        if (query.containsKey(KubernetesAttributesExtractor.NAME)) {
            if (items.isEmpty()) {
                return response.setResponseCode(HttpURLConnection.HTTP_NOT_FOUND);
            }
            return response.setResponseCode(HttpURLConnection.HTTP_OK).setBody(items.get(0));
        }
        if (items.isEmpty() && !delete) {
            return null;
        }
        return response.setResponseCode(HttpURLConnection.HTTP_OK)
                .setBody(((KubernetesResponseComposer) responseComposer).compose(items, String.valueOf(resourceVersion)));
    }

    /** The dispatcher's {@code processDelete}: gone at once, or marked while finalizers remain. */
    private void processDelete(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, String json) {
        GenericKubernetesResource resource = Serialization.unmarshal(json, GenericKubernetesResource.class);
        if (resource.getFinalizers().isEmpty()) {
            processEvent(path, pathAttributes, oldAttributes, null, null);
        } else if (!resource.isMarkedForDeletion()) {
            // A mark for now; processEvent stamps the simulated request time plus the grace period over it.
            resource.getMetadata().setDeletionTimestamp(SimObjects.time(clock.instant()));
            resource.getMetadata().setResourceVersion(String.valueOf(requestResourceVersion()));
            processEvent(path, pathAttributes, oldAttributes, resource, Serialization.asJson(resource));
        }
    }

    /** The dispatcher's {@code detectWatchMode}. */
    private static boolean detectWatchMode(String path) {
        try {
            String query = new URI(path).getQuery();
            return query != null && query.contains("watch=true");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes,
                             GenericKubernetesResource resource, String newState) {
        if (resource != null && newState != null) {
            Instant now = clock.instant();
            boolean changed = false;
            String previous = oldAttributes == null ? null : map.get(oldAttributes);
            if (previous == null) {
                resource.getMetadata().setCreationTimestamp(SimObjects.time(now));
                changed = true;
            } else if (resource.isMarkedForDeletion()
                    && !Serialization.unmarshal(previous, GenericKubernetesResource.class).isMarkedForDeletion()) {
                long grace = "Pod".equals(resource.getKind()) ? podGrace(resource) : 0;
                resource.getMetadata().setDeletionTimestamp(SimObjects.time(now.plusSeconds(grace)));
                resource.getMetadata().setDeletionGracePeriodSeconds(grace);
                changed = true;
            }
            if (changed) {
                newState = Serialization.asJson(resource);
            }
        }
        // The key the dispatcher stores the new state under, worked out as it does (and the state parsed once:
        // given the resource, the dispatcher extracts from it instead of parsing newState again).
        GenericKubernetesResource stored = resource;
        AttributeSet newAttributes = null;
        if (newState != null) {
            if (stored == null && !newState.isEmpty()) {
                stored = Serialization.unmarshal(newState, GenericKubernetesResource.class);
            }
            newAttributes = stored != null ? extractor.extract(stored) : extractor.fromResource(newState);
            if (!newAttributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
                newAttributes = AttributeSet.merge(pathAttributes, newAttributes);
            }
        }
        try {
            HopTrace.stamp("store.event", newState);
            super.processEvent(path, pathAttributes, oldAttributes, stored, newState);
            HopTrace.stamp("store.evented", newState);
        } finally {
            index.remove(oldAttributes);
            if (newAttributes != null) {
                index.add(newAttributes);
            }
        }
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        try {
            return super.handlePatch(request);
        } catch (JsonPatchException e) {
            KubernetesCrudDispatcherException refused = new KubernetesCrudDispatcherException(
                    "the patch cannot be applied: " + e.getMessage(), 422);
            return new MockResponse().setResponseCode(422).setBody(refused.toStatusBody());
        }
    }

    private static long podGrace(GenericKubernetesResource pod) {
        Object spec = pod.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> m && m.get("terminationGracePeriodSeconds") instanceof Number n) {
            return n.longValue();
        }
        return DEFAULT_POD_GRACE_SECONDS;
    }
}
