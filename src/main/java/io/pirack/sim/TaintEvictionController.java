package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Pod;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Tolerations;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The taint eviction controller (upstream {@code pkg/controller/tainteviction}): for each pod on a
 * node with NoExecute taints, the tolerations used are the first match per taint
 * ({@link Tolerations}); the pod is deleted at once if one taint is not tolerated, after the shortest
 * {@code tolerationSeconds} counted from when this controller first saw the pod tainted, or never.
 * Taints going away cancel the scheduled deletion ("Cancelling deletion"). A new instance starts with
 * no schedule, as a restarted kube-controller-manager does.
 */
final class TaintEvictionController {

    private record Scheduled(Instant createdAt, Instant fireAt) {
    }

    private final SimWriter writer;
    private final SimCache cache;
    private final SimEvents events;
    private final Map<String, Scheduled> work = new HashMap<>();
    private final Set<String> evicted = new HashSet<>();

    TaintEvictionController(SimWriter writer, SimCache cache, SimEvents events) {
        this.writer = writer;
        this.cache = cache;
        this.events = events;
    }

    void sync(Instant now) {
        Set<String> alive = new HashSet<>();
        // A node's NoExecute taints read once a pass, not once for each of its pods (3,000 at 100 Pis).
        Map<String, Optional<List<Taint>>> noExecuteByNode = new HashMap<>();
        for (Pod pod : cache.pods()) {
            String uid = pod.getMetadata().getUid();
            alive.add(uid);
            String nodeName = SimObjects.nodeName(pod);
            if (nodeName == null || SimObjects.terminating(pod) || evicted.contains(uid)) {
                continue;
            }
            Optional<List<Taint>> nodeTaints = noExecuteByNode.computeIfAbsent(nodeName, n -> cache.node(n).map(writer::latest)
                    .map(node -> node.getSpec().getTaints().stream().map(SimObjects::coreTaint).filter(Taint::isNoExecute).toList()));
            if (nodeTaints.isEmpty()) {
                continue;
            }
            List<Taint> taints = nodeTaints.get();
            if (taints.isEmpty()) {
                cancelWithEvent(pod);
                continue;
            }
            if (Tolerations.matching(taints, SimObjects.coreTolerations(pod)).isEmpty()) {
                // processPodOnNode: a taint nobody tolerates (e.g. out-of-service added to a node whose
                // unreachable taint is tolerated for 300 s) cancels the scheduled work and deletes now.
                cancelWithEvent(pod);
                evict(pod, now);
                evicted.add(uid);
                continue;
            }
            Optional<Duration> delay = Tolerations.timeToEviction(taints, SimObjects.coreTolerations(pod));
            if (delay.isEmpty()) {
                cancelWithEvent(pod);
                continue;
            }
            Scheduled scheduled = work.computeIfAbsent(uid, u -> new Scheduled(now, now.plus(delay.get())));
            if (!now.isBefore(scheduled.fireAt())) {
                evict(pod, now);
                work.remove(uid);
                evicted.add(uid);
            }
        }
        work.keySet().retainAll(alive);
        evicted.retainAll(alive);
    }

    private void cancelWithEvent(Pod pod) {
        if (work.remove(pod.getMetadata().getUid()) != null) {
            events.normal(pod, "taint-eviction-controller", "TaintManagerEviction",
                    "Cancelling deletion of Pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
        }
    }

    private void evict(Pod pod, Instant now) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        events.normal(pod, "taint-eviction-controller", "TaintManagerEviction", "Marking for deletion Pod " + ns + "/" + name);
        Pod copy = writer.client().getKubernetesSerialization().clone(pod);
        if (copy.getStatus() == null) {
            copy.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        SimObjects.setPodCondition(copy, "DisruptionTarget", "True", "DeletionByTaintManager",
                "Taint manager: deleting due to NoExecute taint", now);
        var resource = writer.client().pods().inNamespace(ns).withName(name);
        writer.set(pod, Map.of("/status/conditions", copy.getStatus().getConditions()));
        writer.delete(resource);
    }
}
