package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Tolerations;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kube-scheduler, reduced to what the demo shows: a node fits when the pod tolerates its NoSchedule
 * and NoExecute taints (the not-ready / unreachable taints keep pods off a dead Pi) and it is not
 * cordoned; among fitting nodes, the one with the fewest pods of the same owner, then the fewest pods.
 */
final class SimScheduler {

    private final SimWriter writer;
    private final SimCache cache;
    private final SimEvents events;
    private final Map<String, String> assumedBindings = new HashMap<>();
    private final Set<String> reportedUnschedulable = new HashSet<>();

    SimScheduler(SimWriter writer, SimCache cache, SimEvents events) {
        this.writer = writer;
        this.cache = cache;
        this.events = events;
    }

    void schedule() {
        List<Pod> pods = cache.pods();
        // An assumed binding stays until the cache shows its pod bound (or gone). One set, not a stream over the
        // 3,000 pods per assumed binding (the scheduler was 11 % of the rack's thread at 100 Pis, session 16).
        Set<String> unbound = new HashSet<>();
        for (Pod p : pods) {
            if (SimObjects.nodeName(p) == null) {
                unbound.add(p.getMetadata().getUid());
            }
        }
        assumedBindings.keySet().retainAll(unbound);
        Map<String, Integer> load = new HashMap<>();
        Map<String, Integer> ownerLoad = new HashMap<>();
        for (Pod p : pods) {
            String node = Optional.ofNullable(SimObjects.nodeName(p)).orElse(assumedBindings.get(p.getMetadata().getUid()));
            if (node != null && !SimObjects.terminating(p)) {
                load.merge(node, 1, Integer::sum);
                ownerLoad.merge(node + "|" + SimObjects.ownerUid(p), 1, Integer::sum);
            }
        }
        // kube-scheduler's reportingInstance is "default-scheduler-" + its host (kubeadm: the control-plane Pi).
        String schedulerHost = cache.nodes().stream()
                .filter(n -> n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"))
                .map(n -> n.getMetadata().getName()).findFirst().orElse("");
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (SimObjects.nodeName(pod) != null || SimObjects.terminating(pod) || assumedBindings.containsKey(uid)) {
                continue;
            }
            List<Node> feasible = cache.nodes().stream().map(writer::latest).filter(n -> fits(pod, n)).toList();
            if (feasible.isEmpty()) {
                if (reportedUnschedulable.add(uid)) {
                    events.warning(pod, "default-scheduler", "FailedScheduling",
                            "0/" + cache.nodes().size() + " nodes are available: nodes are not ready or have untolerated taints.");
                }
                continue;
            }
            String owner = SimObjects.ownerUid(pod);
            Node chosen = feasible.stream().min(Comparator
                    .comparingInt((Node n) -> ownerLoad.getOrDefault(n.getMetadata().getName() + "|" + owner, 0))
                    .thenComparingInt(n -> load.getOrDefault(n.getMetadata().getName(), 0))
                    .thenComparing(n -> n.getMetadata().getName())).orElseThrow();
            String nodeName = chosen.getMetadata().getName();
            boolean bound = writer.set(pod, Map.of("/spec/nodeName", nodeName));
            if (bound) {
                assumedBindings.put(uid, nodeName);
                reportedUnschedulable.remove(uid);
                load.merge(nodeName, 1, Integer::sum);
                ownerLoad.merge(nodeName + "|" + owner, 1, Integer::sum);
                events.scheduled(pod, schedulerHost, "Successfully assigned "
                        + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + nodeName);
            }
        }
    }

    static boolean fits(Pod pod, Node node) {
        var tolerations = SimObjects.coreTolerations(pod);
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())
                && !Tolerations.tolerate(tolerations, new Taint(Taint.UNSCHEDULABLE, null, Taint.NO_SCHEDULE, null))) {
            return false;
        }
        for (var taint : node.getSpec().getTaints()) {
            if (!Taint.NO_SCHEDULE.equals(taint.getEffect()) && !Taint.NO_EXECUTE.equals(taint.getEffect())) {
                continue;
            }
            if (!Tolerations.tolerate(tolerations, SimObjects.coreTaint(taint))) {
                return false;
            }
        }
        return true;
    }
}
