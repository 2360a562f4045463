package io.pirack.testing;

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
import io.pirack.core.cluster.Toleration;
import io.pirack.core.rack.LinkState;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builders of the cluster objects the store hands to listeners, for every test that needs a cluster
 * without one: timed objects for the timeline (times in seconds after {@link #T0}) and still ones for
 * the LED truth tables, the rack view models and the frame tests ({@link #T0} is their "now").
 */
public final class ClusterFixtures {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    public static final ApiStatus LIVE = new ApiStatus.Connected(T0.minusSeconds(600));

    private ClusterFixtures() {
    }

    // ---- timed objects (the timeline) ------------------------------------------------------------

    public static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    /** Server timestamps have whole seconds. */
    public static Instant serverAt(double seconds) {
        return T0.plusSeconds((long) Math.floor(seconds));
    }

    public static NodeInfo node(String name, ConditionStatus ready, String reason, double transitionSeconds,
                                double receivedSeconds, Taint... taints) {
        NodeCondition condition = new NodeCondition("Ready", ready, reason, null, null,
                serverAt(transitionSeconds));
        return new NodeInfo(name, "uid-" + name, NodeRole.WORKER, "192.168.2.10", "v1.32.0", "Debian", "arm64",
                false, List.of(condition), List.of(taints), Set.of(), Map.of(), Map.of(), T0.minusSeconds(3600),
                at(receivedSeconds));
    }

    public static NodeInfo readyNode(String name, double receivedSeconds) {
        return node(name, ConditionStatus.TRUE, "KubeletReady", -3600, receivedSeconds);
    }

    public static NodeInfo unreachableNode(String name, double transitionSeconds, double receivedSeconds,
                                           Taint... taints) {
        return node(name, ConditionStatus.UNKNOWN, "NodeStatusUnknown", transitionSeconds, receivedSeconds, taints);
    }

    public static Taint noExecute(double addedSeconds) {
        return new Taint(Taint.UNREACHABLE, null, Taint.NO_EXECUTE, serverAt(addedSeconds));
    }

    public static Taint noSchedule() {
        return new Taint(Taint.UNREACHABLE, null, Taint.NO_SCHEDULE, null);
    }

    public static LeaseInfo lease(String node, double renewSeconds, double receivedSeconds) {
        return new LeaseInfo(node, serverAt(renewSeconds), 40, at(receivedSeconds));
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    /** A Deployment pod by default: ReplicaSet "web-7d4b9", 5 s tolerations, Running and Ready. */
    public static final class PodBuilder {
        private final String name;
        private String uid;
        private String namespace = "demo";
        private String node;
        private PodPhase phase = PodPhase.RUNNING;
        private boolean ready = true;
        private OwnerKind ownerKind = OwnerKind.REPLICA_SET;
        private String ownerName = "web-7d4b9";
        private Instant deletionTimestamp;
        private boolean disruptionTarget;
        private List<Toleration> tolerations = demoTolerations(5L);
        private Instant createdAt = T0.minusSeconds(600);

        PodBuilder(String name) {
            this.name = name;
            this.uid = "uid-" + name;
        }

        public PodBuilder uid(String value) {
            uid = value;
            return this;
        }

        public PodBuilder on(String value) {
            node = value;
            return this;
        }

        public PodBuilder pending() {
            phase = PodPhase.PENDING;
            ready = false;
            return this;
        }

        public PodBuilder runningNotReady() {
            phase = PodPhase.RUNNING;
            ready = false;
            return this;
        }

        public PodBuilder owner(OwnerKind kind, String value) {
            ownerKind = kind;
            ownerName = value;
            return this;
        }

        public PodBuilder createdAt(double seconds) {
            createdAt = serverAt(seconds);
            return this;
        }

        public PodBuilder markedForDeletion(double seconds, boolean byTaintManager) {
            deletionTimestamp = serverAt(seconds + 30); // graceful: the timestamp is when the grace ends
            disruptionTarget = byTaintManager;
            return this;
        }

        public PodBuilder disruptionTarget() {
            disruptionTarget = true;
            return this;
        }

        public PodBuilder tolerations(List<Toleration> value) {
            tolerations = value;
            return this;
        }

        public PodInfo at(double receivedSeconds) {
            return new PodInfo(namespace, name, uid, node, phase, ready, ownerKind, ownerName, "web", createdAt,
                    deletionTimestamp, disruptionTarget, false, List.of("nginx"), tolerations, Map.of(),
                    ready ? createdAt : null, ClusterFixtures.at(receivedSeconds));
        }
    }

    public static List<Toleration> demoTolerations(Long seconds) {
        List<Toleration> tolerations = new ArrayList<>();
        tolerations.add(new Toleration(Taint.UNREACHABLE, "Exists", null, Taint.NO_EXECUTE, seconds));
        tolerations.add(new Toleration(Taint.NOT_READY, "Exists", null, Taint.NO_EXECUTE, seconds));
        return tolerations;
    }

    // ---- still objects (LED truth tables, rack view models, frames) -------------------------------

    public static NodeInfo node(String name, NodeRole role, ConditionStatus ready, boolean unschedulable, List<Taint> taints) {
        List<NodeCondition> conditions = ready == ConditionStatus.ABSENT ? List.of()
                : List.of(new NodeCondition("Ready", ready, ready == ConditionStatus.TRUE ? "KubeletReady" : "NodeStatusUnknown",
                        null, T0.minusSeconds(5), T0.minusSeconds(60)));
        return new NodeInfo(name, "uid-" + name, role, "192.168.2." + (100 + name.length()), "v1.32.4",
                "Debian GNU/Linux 12 (bookworm)", "arm64", unschedulable, conditions, taints, Set.of(), Map.of(),
                Map.of(), T0.minusSeconds(3600), T0.minusSeconds(5));
    }

    public static NodeInfo readyNode(String name) {
        return node(name, name.equals("rpi1") ? NodeRole.CONTROL_PLANE : NodeRole.WORKER, ConditionStatus.TRUE, false, List.of());
    }

    public static PodInfo pod(String name, String node, PodPhase phase, boolean ready, boolean deleting, OwnerKind owner,
                              String app) {
        return new PodInfo("demo", name, "uid-" + name, node, phase, ready, owner, app + "-rs", app,
                T0.minusSeconds(120), deleting ? T0.minusSeconds(3) : null, false, false, List.of("ghcr.io/pirack/hello:1.0"),
                List.of(), Map.of("app", app), ready ? T0.minusSeconds(100) : null, T0.minusSeconds(1));
    }

    public static PodInfo readyPod(String name, String node, String app) {
        return pod(name, node, PodPhase.RUNNING, true, false, OwnerKind.REPLICA_SET, app);
    }

    public static LeaseInfo lease(String node, Instant received) {
        return new LeaseInfo(node, received, 40, received);
    }

    public static ClusterSnapshot snapshot(ApiStatus api, List<NodeInfo> nodes, List<PodInfo> pods, List<LeaseInfo> leases,
                                           List<EventInfo> events) {
        return new ClusterSnapshot(1, T0, "test cluster", api,
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
            taints.add(new Taint(parts[0], null, parts[1], T0.minusSeconds(20)));
        }
        return taints;
    }
}
