package io.pirack.core.booth;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.ReplicaSetInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the demo's Deployment pods are spread over the healthy workers. Kubernetes never moves pods
 * back to a Pi that returned, so after a few pulls one Pi runs nothing and the next pull of it
 * shows nothing moving; a rollout restart spreads them again. "Even" means, for each demo
 * Deployment, at most one pod more on one healthy worker than on another, and every pod settled
 * (Ready, none Terminating) — the restart is over.
 */
public final class Spread {

    /** A Deployment, as {@code kubectl rollout restart deployment/NAME -n NAMESPACE} names it. */
    public record DeploymentRef(String namespace, String name) {
        @Override
        public String toString() {
            return namespace + "/" + name;
        }
    }

    private Spread() {
    }

    /** The demo's Deployments: those whose pods run outside the kube-* namespaces. */
    public static List<DeploymentRef> demoDeployments(ClusterSnapshot snapshot) {
        return pods(snapshot).keySet().stream().toList();
    }

    /** Demo Deployments whose pods are not spread evenly over the healthy workers. */
    public static List<DeploymentRef> uneven(ClusterSnapshot snapshot) {
        List<String> workers = healthyWorkers(snapshot);
        List<DeploymentRef> uneven = new ArrayList<>();
        pods(snapshot).forEach((deployment, pods) -> {
            if (workers.size() < 2) {
                return;
            }
            Map<String, Integer> perNode = new TreeMap<>();
            workers.forEach(w -> perNode.put(w, 0));
            pods.stream().filter(p -> !p.terminating() && perNode.containsKey(p.nodeName()))
                    .forEach(p -> perNode.merge(p.nodeName(), 1, Integer::sum));
            int max = perNode.values().stream().max(Integer::compare).orElse(0);
            int min = perNode.values().stream().min(Integer::compare).orElse(0);
            if (max - min > 1) {
                uneven.add(deployment);
            }
        });
        return uneven;
    }

    /** Every demo pod settled and spread evenly: a pull now moves a fair share. */
    public static boolean isEven(ClusterSnapshot snapshot) {
        boolean settled = pods(snapshot).values().stream().flatMap(List::stream)
                .allMatch(p -> !p.terminating() && p.ready());
        return settled && uneven(snapshot).isEmpty();
    }

    /** One line per demo Deployment: "demo/hello: rpi2 2 · rpi3 2 · rpi4 2". */
    public static List<String> describe(ClusterSnapshot snapshot) {
        List<String> workers = healthyWorkers(snapshot);
        List<String> lines = new ArrayList<>();
        pods(snapshot).forEach((deployment, pods) -> {
            Map<String, Integer> perNode = new TreeMap<>();
            workers.forEach(w -> perNode.put(w, 0));
            pods.stream().filter(p -> !p.terminating() && p.nodeName() != null)
                    .forEach(p -> perNode.merge(p.nodeName(), 1, Integer::sum));
            List<String> parts = new ArrayList<>();
            perNode.forEach((node, count) -> parts.add(node + " " + count));
            lines.add(deployment + ": " + String.join(" · ", parts));
        });
        return lines;
    }

    private static List<String> healthyWorkers(ClusterSnapshot snapshot) {
        return snapshot.nodes().values().stream()
                .filter(n -> n.role() == NodeRole.WORKER && n.ready() == ConditionStatus.TRUE && !n.unschedulable())
                .map(NodeInfo::name)
                .toList();
    }

    private static Map<DeploymentRef, List<PodInfo>> pods(ClusterSnapshot snapshot) {
        Map<DeploymentRef, List<PodInfo>> byDeployment = new TreeMap<>(
                java.util.Comparator.comparing(DeploymentRef::namespace).thenComparing(DeploymentRef::name));
        for (PodInfo pod : snapshot.pods().values()) {
            if (pod.ownerKind() != OwnerKind.REPLICA_SET || pod.namespace().startsWith("kube-") || pod.controlPlane()) {
                continue;
            }
            ReplicaSetInfo rs = snapshot.replicaSets().get(pod.namespace() + "/" + pod.ownerName());
            if (rs == null || rs.deploymentName() == null) {
                continue;
            }
            byDeployment.computeIfAbsent(new DeploymentRef(pod.namespace(), rs.deploymentName()), d -> new ArrayList<>()).add(pod);
        }
        return byDeployment;
    }
}
