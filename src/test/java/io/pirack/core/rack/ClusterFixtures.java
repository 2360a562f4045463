package io.pirack.core.rack;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.Taint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Small builders of cluster objects for truth-table and view-model tests. */
public final class ClusterFixtures {

    public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    public static final ApiStatus LIVE = new ApiStatus.Connected(NOW.minusSeconds(600));

    private ClusterFixtures() {
    }

    public static NodeInfo node(String name, NodeRole role, ConditionStatus ready, boolean unschedulable, List<Taint> taints) {
        List<NodeCondition> conditions = ready == ConditionStatus.ABSENT ? List.of()
                : List.of(new NodeCondition("Ready", ready, ready == ConditionStatus.TRUE ? "KubeletReady" : "NodeStatusUnknown",
                        null, NOW.minusSeconds(5), NOW.minusSeconds(60)));
        return new NodeInfo(name, "uid-" + name, role, "192.168.2." + (100 + name.length()), "v1.32.4",
                "Debian GNU/Linux 12 (bookworm)", "arm64", unschedulable, conditions, taints, java.util.Set.of(), Map.of(),
                Map.of(), NOW.minusSeconds(3600), NOW.minusSeconds(5));
    }

    public static NodeInfo readyNode(String name) {
        return node(name, name.equals("rpi1") ? NodeRole.CONTROL_PLANE : NodeRole.WORKER, ConditionStatus.TRUE, false, List.of());
    }

    public static PodInfo pod(String name, String node, PodPhase phase, boolean ready, boolean deleting, OwnerKind owner,
                              String app) {
        return new PodInfo("demo", name, "uid-" + name, node, phase, ready, owner, app + "-rs", app,
                NOW.minusSeconds(120), deleting ? NOW.minusSeconds(3) : null, false, false, List.of("ghcr.io/pirack/hello:1.0"),
                List.of(), Map.of("app", app), ready ? NOW.minusSeconds(100) : null, NOW.minusSeconds(1));
    }

    public static PodInfo readyPod(String name, String node, String app) {
        return pod(name, node, PodPhase.RUNNING, true, false, OwnerKind.REPLICA_SET, app);
    }

    public static LeaseInfo lease(String node, Instant received) {
        return new LeaseInfo(node, received, 40, received);
    }

    public static ClusterSnapshot snapshot(ApiStatus api, List<NodeInfo> nodes, List<PodInfo> pods, List<LeaseInfo> leases,
                                           List<EventInfo> events) {
        return new ClusterSnapshot(1, NOW, "test cluster", api,
                new TreeMap<>(nodes.stream().collect(Collectors.toMap(NodeInfo::name, Function.identity()))),
                pods.stream().collect(Collectors.toMap(PodInfo::key, Function.identity())),
                leases.stream().collect(Collectors.toMap(LeaseInfo::nodeName, Function.identity())), Map.of(), events);
    }

    /** A frame with every spec Pi linked up, unless listed in {@code down}. */
    public static RackFrame frame(RackSpec spec, ClusterSnapshot cluster, Instant now, String... down) {
        List<String> downList = List.of(down);
        Map<String, LinkState> links = new TreeMap<>();
        for (PiSlot slot : spec.slots()) {
            links.put(slot.hostname(), new LinkState(slot.hostname(), !downList.contains(slot.hostname()), now.minusSeconds(30)));
        }
        return new RackFrame(cluster, links, spec, Map.of(), now);
    }

    public static List<Taint> taints(String... keyEffect) {
        List<Taint> taints = new ArrayList<>();
        for (String ke : keyEffect) {
            String[] parts = ke.split(":");
            taints.add(new Taint(parts[0], null, parts[1], NOW.minusSeconds(20)));
        }
        return taints;
    }
}
