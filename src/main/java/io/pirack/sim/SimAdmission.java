package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import io.pirack.core.cluster.Taint;
import java.util.ArrayList;
import java.util.List;

/**
 * What the API server's admission chain does to a new pod that matters for failover: the
 * DefaultTolerationSeconds plugin (300 s for not-ready and unreachable unless the pod says
 * otherwise), plus the finalizer that stands in for the kubelet's graceful deletion.
 */
final class SimAdmission {

    private final long defaultTolerationSeconds;

    SimAdmission(long defaultTolerationSeconds) {
        this.defaultTolerationSeconds = defaultTolerationSeconds;
    }

    Pod admit(Pod pod) {
        List<Toleration> tolerations = new ArrayList<>(pod.getSpec().getTolerations());
        for (String key : List.of(Taint.NOT_READY, Taint.UNREACHABLE)) {
            // As the DefaultTolerationSeconds plugin: a key-less toleration counts as one for this key.
            boolean hasOwn = tolerations.stream().anyMatch(t -> (t.getKey() == null || t.getKey().isEmpty() || key.equals(t.getKey()))
                    && (t.getEffect() == null || t.getEffect().isEmpty() || "NoExecute".equals(t.getEffect())));
            if (!hasOwn) {
                tolerations.add(SimObjects.noExecuteToleration(key, defaultTolerationSeconds));
            }
        }
        pod.getSpec().setTolerations(tolerations);
        List<String> finalizers = new ArrayList<>(pod.getMetadata().getFinalizers());
        if (!finalizers.contains(SimObjects.KUBELET_FINALIZER)) {
            finalizers.add(SimObjects.KUBELET_FINALIZER);
        }
        pod.getMetadata().setFinalizers(finalizers);
        return pod;
    }
}
