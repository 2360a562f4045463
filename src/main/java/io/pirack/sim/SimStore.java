package io.pirack.sim;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
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
 * {@code deletionGracePeriodSeconds}.
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

    private static long podGrace(GenericKubernetesResource pod) {
        Object spec = pod.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> m && m.get("terminationGracePeriodSeconds") instanceof Number n) {
            return n.longValue();
        }
        return DEFAULT_POD_GRACE_SECONDS;
    }
}
