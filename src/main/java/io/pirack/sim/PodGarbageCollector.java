package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pirack.core.cluster.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod garbage collector (upstream {@code pkg/controller/podgc}), every 20 s: force-deletes
 * Terminating pods on a NotReady node that carries the {@code node.kubernetes.io/out-of-service}
 * taint (so a StatefulSet can create its pod elsewhere), and pods bound to a Node that no longer
 * exists (after a 40 s quarantine). Force deletion here removes the simulated kubelet's finalizer,
 * which is what stands in for the kubelet's confirmation.
 */
final class PodGarbageCollector {

    static final Duration GC_CHECK_PERIOD = Duration.ofSeconds(20);
    static final Duration QUARANTINE = Duration.ofSeconds(40);

    private final SimWriter writer;
    private final SimCache cache;
    private final Map<String, Instant> orphanSince = new HashMap<>();
    private Instant lastPass;

    PodGarbageCollector(SimWriter writer, SimCache cache) {
        this.writer = writer;
        this.cache = cache;
    }

    void sync(Instant now) {
        if (lastPass != null && Duration.between(lastPass, now).compareTo(GC_CHECK_PERIOD) < 0) {
            return;
        }
        lastPass = now;
        for (Pod pod : cache.pods()) {
            String nodeName = SimObjects.nodeName(pod);
            if (nodeName == null) {
                continue;
            }
            Node node = cache.node(nodeName).map(writer::latest).orElse(null);
            String uid = pod.getMetadata().getUid();
            if (node == null) {
                Instant since = orphanSince.computeIfAbsent(uid, u -> now);
                if (!now.isBefore(since.plus(QUARANTINE))) {
                    forceDelete(pod, now, "PodGC: node no longer exists");
                }
                continue;
            }
            orphanSince.remove(uid);
            if (SimObjects.terminating(pod) && !"True".equals(SimObjects.readyStatus(node))
                    && node.getSpec().getTaints().stream().anyMatch(t -> Taint.OUT_OF_SERVICE.equals(t.getKey()))) {
                forceDelete(pod, now, "PodGC: node is out of service");
            }
        }
    }

    private void forceDelete(Pod pod, Instant now, String message) {
        var resource = writer.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
        Pod copy = writer.client().getKubernetesSerialization().clone(pod);
        if (copy.getStatus() == null) {
            copy.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        SimObjects.setPodCondition(copy, "DisruptionTarget", "True", "DeletionByPodGC", message, now);
        writer.set(pod, Map.of("/status/conditions", copy.getStatus().getConditions(), "/status/phase", "Failed"));
        if (!SimObjects.terminating(pod)) {
            writer.delete(resource);
        }
        writer.set(pod, Map.of("/metadata/finalizers", List.of()));
        orphanSince.remove(pod.getMetadata().getUid());
    }
}
