package io.pirack.ui.rack;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.RackFrame;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The operator's detail tables: every node and every pod, as words. */
public final class RackTablesViewModel {

    public record NodeRow(String name, String role, String ready, String taints, String ip, String heartbeat) {
    }

    public record PodRow(String key, String name, String namespace, String node, String status, String ready, String owner) {
    }

    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<PodRow> pods = FXCollections.observableArrayList();
    private long shownVersion = -1;
    private Class<?> shownApi;

    public ObservableList<NodeRow> nodes() {
        return nodes;
    }

    public ObservableList<PodRow> pods() {
        return pods;
    }

    /** Rebuilds rows only when the cluster or the API state changed (ages refresh with them). */
    public void show(RackFrame frame) {
        ClusterSnapshot s = frame.cluster();
        boolean apiChanged = shownApi != s.api().getClass();
        if (s.version() == shownVersion && !apiChanged) {
            return;
        }
        shownVersion = s.version();
        shownApi = s.api().getClass();
        ApiStatus api = s.api();
        List<NodeRow> nodeRows = s.nodes().values().stream().map(n -> nodeRow(n, frame)).toList();
        List<PodRow> podRows = s.podsSorted().stream().map(p -> podRow(p, api)).toList();
        if (!nodeRows.equals(nodes)) {
            nodes.setAll(nodeRows);
        }
        if (!podRows.equals(pods)) {
            pods.setAll(podRows);
        }
    }

    private static NodeRow nodeRow(NodeInfo n, RackFrame frame) {
        ClusterSnapshot s = frame.cluster();
        String taints = n.taints().stream()
                .map(t -> t.key() + ":" + t.effect() + (t.timeAdded() == null ? ""
                        : " (" + TimeText.age(Duration.between(t.timeAdded(), frame.now())) + ")"))
                .collect(Collectors.joining(", "));
        String heartbeat = s.lease(n.name()).map(l -> l.renewTime() == null ? "—"
                : TimeText.age(Duration.between(l.renewTime(), frame.now())) + " ago").orElse("—");
        return new NodeRow(n.name(), n.role().label(), LedStates.node(n, s.api()).words, taints.isEmpty() ? "—" : taints,
                n.internalIp() == null ? "—" : n.internalIp(), heartbeat);
    }

    private static PodRow podRow(PodInfo p, ApiStatus api) {
        return new PodRow(p.key(), p.name(), p.namespace(), p.nodeName() == null ? "(unscheduled)" : p.nodeName(),
                LedStates.pod(p, api).words, api.isLive() ? (p.ready() ? "yes" : "no") : "unknown",
                ownerWords(p.ownerKind()) + (p.ownerName() == null ? "" : " " + p.ownerName()));
    }

    /** The owner kind as Kubernetes spells it; static pods are owned by their Node. */
    static String ownerWords(io.pirack.core.cluster.OwnerKind kind) {
        switch (kind) {
            case REPLICA_SET:
                return "ReplicaSet";
            case STATEFUL_SET:
                return "StatefulSet";
            case DAEMON_SET:
                return "DaemonSet";
            case JOB:
                return "Job";
            case NODE:
                return "static pod of";
            case NONE:
                return "no owner";
            default:
                return "other";
        }
    }
}
