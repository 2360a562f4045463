package io.pirack.core.booth;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.plug.GuardrailFinding;
import io.pirack.core.plug.GuardrailReport;
import io.pirack.core.plug.Guardrails;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Who a visitor's "Pull a plug!" (or the attract loop) may unplug: the healthy worker with the most
 * movable pods — never the control plane, never a Pi whose loss would halt eviction, a Pi with only
 * StatefulSet pods last — and only when the last failover has recovered and the cooldown has passed.
 */
public final class VisitorPolicy {

    /** The choice, or why there is none, in words a visitor can read. */
    public sealed interface Choice {
        record Pull(String node) implements Choice {}

        record Wait(String reason, Instant until) implements Choice {}

        record Refuse(String reason) implements Choice {}
    }

    /** Why no pull is offered when every worker is empty (earlier pulls moved the pods away). */
    public static final String NOTHING_TO_MOVE = "No worker runs pods that would move: the pods are being spread again.";

    private VisitorPolicy() {
    }

    public static Choice choose(ClusterSnapshot snapshot, RackSpec rack, Set<String> unplugged, Instant now,
                                Instant lastPull, Duration cooldown, RandomGenerator random) {
        if (!snapshot.api().isLive()) {
            return new Choice.Refuse("The cluster is not reachable right now.");
        }
        if (!unplugged.isEmpty()) {
            return new Choice.Refuse("A Pi is already unplugged — watch Kubernetes recover first!");
        }
        // Recovery before the cooldown: a countdown that ends while a Pi is still starting up would promise a
        // pull the next moment refuses. The Pi that is not Ready is named: the audience sees it on the rack.
        if (!recovered(snapshot)) {
            Optional<String> notReady = snapshot.nodes().values().stream().filter(n -> n.ready() != ConditionStatus.TRUE)
                    .map(NodeInfo::name).sorted().findFirst();
            if (notReady.isPresent()) {
                return new Choice.Refuse("Waiting for " + notReady.get() + " to be Ready again.");
            }
            return new Choice.Refuse(lastPull == null ? "Waiting for every pod to be Ready."
                    : "Kubernetes is still moving pods from the last pull.");
        }
        if (lastPull != null && now.isBefore(lastPull.plus(cooldown))) {
            return new Choice.Wait("Kubernetes is catching its breath.", lastPull.plus(cooldown));
        }
        List<String> eligible = snapshot.nodes().values().stream()
                .filter(n -> eligible(n, rack))
                .map(NodeInfo::name)
                .filter(n -> guardrailsAllow(Guardrails.assess(snapshot, n, unplugged)))
                .toList();
        if (eligible.isEmpty()) {
            return new Choice.Refuse("No worker can be unplugged safely right now.");
        }
        // A pull must move something the audience can see: the Pi with the most movable pods. A Pi
        // whose only pods are StatefulSet pods (stuck Terminating: a story for the presenter, not
        // for an unattended booth) comes last; ties are broken at random so every Pi gets its turn.
        Comparator<String> best = Comparator.<String>comparingInt(n -> statefulOnly(snapshot, n) ? 0 : 1)
                .thenComparingInt(n -> Guardrails.movablePods(snapshot, n).size());
        String top = eligible.stream().max(best).orElseThrow();
        if (Guardrails.movablePods(snapshot, top).isEmpty()) {
            return new Choice.Refuse(NOTHING_TO_MOVE);
        }
        List<String> pool = eligible.stream().filter(n -> best.compare(n, top) == 0).sorted().toList();
        return new Choice.Pull(pool.get(random.nextInt(pool.size())));
    }

    /** The Pi runs StatefulSet pods and nothing else that would move. */
    private static boolean statefulOnly(ClusterSnapshot snapshot, String node) {
        return Guardrails.movablePods(snapshot, node).isEmpty()
                && snapshot.podsOn(node).stream().anyMatch(p -> p.ownerKind() == OwnerKind.STATEFUL_SET && !p.terminating());
    }

    /** Every node Ready and every workload pod Ready, none Terminating or Pending. */
    public static boolean recovered(ClusterSnapshot snapshot) {
        return snapshot.nodes().values().stream().allMatch(n -> n.ready() == ConditionStatus.TRUE)
                && snapshot.pods().values().stream().filter(p -> !p.controlPlane() && !p.isDaemon())
                        .allMatch(p -> !p.terminating() && p.ready());
    }

    private static boolean eligible(NodeInfo node, RackSpec rack) {
        boolean workerInRack = rack.slot(node.name()).map(s -> s.role() == NodeRole.WORKER).orElse(true);
        return node.role() == NodeRole.WORKER && workerInRack && node.ready() == ConditionStatus.TRUE && !node.unschedulable();
    }

    private static boolean guardrailsAllow(GuardrailReport report) {
        return report.finding(GuardrailFinding.Rule.CONTROL_PLANE_API_DOWN).isEmpty()
                && report.finding(GuardrailFinding.Rule.EVICTION_HALTED).isEmpty()
                && report.finding(GuardrailFinding.Rule.NODE_NOT_SEEN).isEmpty();
    }
}
