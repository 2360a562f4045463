package io.pirack.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.crud.KubernetesCrudDispatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
 */
final class SimStore extends KubernetesCrudDispatcher {

    static final long DEFAULT_POD_GRACE_SECONDS = 30;

    private final Clock clock;

    SimStore(Clock clock) {
        super(List.of());
        this.clock = clock;
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
        super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
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
