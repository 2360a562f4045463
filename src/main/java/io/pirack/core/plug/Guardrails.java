package io.pirack.core.plug;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.Taint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Explains what pulling one Pi's plug will do to the demo before it happens (KNOWLEDGE §1): the
 * control plane takes the API with it; too many nodes down makes the node lifecycle controller stop
 * evicting; StatefulSet pods never move on their own. It only explains — the presenter decides.
 */
public final class Guardrails {

    /** kube-controller-manager {@code --unhealthy-zone-threshold} default. */
    static final double UNHEALTHY_ZONE_THRESHOLD = 0.55;
    /** Fewer unhealthy nodes than this never count as a zone disruption. */
    static final int DISRUPTION_MIN_NODES = 3;

    private Guardrails() {
    }

    /**
     * @param snapshot        the cluster as last seen
     * @param node            the Pi about to be unplugged
     * @param unpluggedNodes  Pis PiRack has already unplugged (they may still look Ready for a while)
     */
    public static GuardrailReport assess(ClusterSnapshot snapshot, String node, Set<String> unpluggedNodes) {
        List<GuardrailFinding> findings = new ArrayList<>();
        Optional<NodeInfo> info = snapshot.node(node);
        if (info.isEmpty()) {
            findings.add(new GuardrailFinding(GuardrailFinding.Rule.NODE_NOT_SEEN, GuardrailFinding.Severity.INFO,
                    node + " is not in the cluster as PiRack sees it",
                    "PiRack cannot tell what depends on " + node + " right now (" + snapshot.api().describe()
                            + "), so these warnings may be incomplete.", List.of()));
        }
        controlPlane(snapshot, node, info).ifPresent(findings::add);
        evictionHalt(snapshot, node, unpluggedNodes).ifPresent(findings::add);
        statefulPods(snapshot, node).ifPresent(findings::add);
        if (info.isPresent() && findings.stream().noneMatch(f -> f.rule() == GuardrailFinding.Rule.CONTROL_PLANE_API_DOWN)) {
            nothingToMove(snapshot, node).ifPresent(findings::add);
        }
        return new GuardrailReport(node, findings);
    }

    private static Optional<GuardrailFinding> controlPlane(ClusterSnapshot snapshot, String node, Optional<NodeInfo> info) {
        boolean controlPlane = info.map(n -> n.role() == NodeRole.CONTROL_PLANE).orElse(false)
                || snapshot.podsOn(node).stream().anyMatch(PodInfo::controlPlane);
        if (!controlPlane) {
            return Optional.empty();
        }
        return Optional.of(new GuardrailFinding(GuardrailFinding.Rule.CONTROL_PLANE_API_DOWN,
                GuardrailFinding.Severity.CONFIRM,
                node + " runs the control plane: the Kubernetes API goes down with it",
                "Nobody can watch the failover while the API is down: the rack will show \"API unreachable\" "
                        + "(the reachability probes keep running), and no pods move until " + node + " is back.",
                List.of()));
    }

    private static Optional<GuardrailFinding> evictionHalt(ClusterSnapshot snapshot, String node, Set<String> unpluggedNodes) {
        int total = snapshot.nodes().size();
        if (total == 0) {
            return Optional.empty();
        }
        Set<String> down = new TreeSet<>();
        for (NodeInfo n : snapshot.nodes().values()) {
            if (n.ready() != ConditionStatus.TRUE || unpluggedNodes.contains(n.name())) {
                down.add(n.name());
            }
        }
        if (snapshot.nodes().containsKey(node)) {
            down.add(node);
        }
        boolean halted = down.size() >= DISRUPTION_MIN_NODES && down.size() >= UNHEALTHY_ZONE_THRESHOLD * total;
        if (!halted) {
            return Optional.empty();
        }
        String why = down.size() == total
                ? "With every node down, Kubernetes assumes its own network is broken and evicts nothing."
                : "With more than 2 nodes and at least 55 % of a small cluster down, the node lifecycle controller "
                        + "treats it as a zone outage and stops evicting pods.";
        return Optional.of(new GuardrailFinding(GuardrailFinding.Rule.EVICTION_HALTED, GuardrailFinding.Severity.WARNING,
                "After this pull " + down.size() + " of " + total + " nodes are down " + down + ": no failover will be seen",
                why + " Plug a Pi back in first to keep the demo moving.", List.of()));
    }

    /**
     * The pods Kubernetes re-creates elsewhere when {@code node} dies: those of a ReplicaSet (a
     * Deployment) or a Job, not Terminating. DaemonSet and static pods belong to the node;
     * StatefulSet pods wait for it; bare pods are simply gone.
     */
    public static List<PodInfo> movablePods(ClusterSnapshot snapshot, String node) {
        return snapshot.podsOn(node).stream()
                .filter(p -> !p.terminating() && !p.controlPlane()
                        && (p.ownerKind() == OwnerKind.REPLICA_SET || p.ownerKind() == OwnerKind.JOB))
                .toList();
    }

    private static Optional<GuardrailFinding> nothingToMove(ClusterSnapshot snapshot, String node) {
        if (!movablePods(snapshot, node).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GuardrailFinding(GuardrailFinding.Rule.NOTHING_TO_MOVE, GuardrailFinding.Severity.WARNING,
                node + " runs no movable pods: nothing will move",
                "Kubernetes never moves pods back to a Pi that returned, so after earlier pulls " + node
                        + " may be empty. Rebalance first (a rollout restart spreads the demo's pods again), "
                        + "or pull a Pi that runs some.", List.of()));
    }

    private static Optional<GuardrailFinding> statefulPods(ClusterSnapshot snapshot, String node) {
        List<PodInfo> stateful = snapshot.podsOn(node).stream()
                .filter(p -> p.ownerKind() == OwnerKind.STATEFUL_SET && !p.terminating())
                .toList();
        if (stateful.isEmpty()) {
            return Optional.empty();
        }
        List<String> names = stateful.stream().map(PodInfo::key).toList();
        List<String> forceDeletes = stateful.stream()
                .map(p -> "kubectl delete pod --namespace " + p.namespace() + " " + p.name() + " --force --grace-period=0")
                .toList();
        String taint = Taint.OUT_OF_SERVICE + "=nodeshutdown:" + Taint.NO_EXECUTE;
        List<Remedy> remedies = List.of(
                new Remedy(Remedy.Kind.FORCE_DELETE_PODS, "Force-delete the StatefulSet pods on " + node,
                        "Removes the pod objects without waiting for the kubelet, so the StatefulSet re-creates them "
                                + "elsewhere. Only when the Pi is really off: after a network cut the old pod may "
                                + "still run and write to the same volume.",
                        forceDeletes),
                new Remedy(Remedy.Kind.OUT_OF_SERVICE_TAINT, "Mark " + node + " out of service",
                        "The out-of-service taint makes Kubernetes force-delete the node's pods and detach their "
                                + "volumes. Remove the taint after the Pi is plugged back in.",
                        List.of("kubectl taint nodes " + node + " " + taint,
                                "kubectl taint nodes " + node + " " + taint + "-")));
        return Optional.of(new GuardrailFinding(GuardrailFinding.Rule.STATEFUL_PODS_STAY, GuardrailFinding.Severity.WARNING,
                stateful.size() + " StatefulSet pod(s) on " + node + " will not move: " + String.join(", ", names),
                "A StatefulSet cannot re-create a pod while the old one, stuck Terminating on the dead node, still "
                        + "exists. Kubernetes will wait for " + node + " forever unless you step in.",
                remedies));
    }
}
