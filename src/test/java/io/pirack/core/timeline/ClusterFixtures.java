package io.pirack.core.timeline;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the cluster objects the store hands to listeners, at times relative to {@link #T0}. */
public final class ClusterFixtures {

    public static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private ClusterFixtures() {
    }

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
}
