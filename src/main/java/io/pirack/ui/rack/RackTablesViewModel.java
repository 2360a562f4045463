package io.pirack.ui.rack;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodJournal;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.RackFrame;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The operator's detail tables: every node and every pod, as words. */
public final class RackTablesViewModel {

    public record NodeRow(String name, String role, String ready, String taints, String ip, String heartbeat) {
    }

    public record PodRow(String key, String name, String namespace, String node, String status, String ready, String owner) {
    }

    /** More changes than this in one frame: replace the rows wholesale instead of one by one. */
    static final int PIECEWISE_LIMIT = 256;
    private static final Comparator<PodRow> ROW_ORDER = Comparator.comparing(PodRow::namespace).thenComparing(PodRow::name);

    private final ObservableList<NodeRow> nodes = FXCollections.observableArrayList();
    private final ObservableList<PodRow> pods = FXCollections.observableArrayList();
    private long shownVersion = -1;
    private Class<?> shownApi;
    /** The pods the rows were made from (an immutable snapshot map), to find what changed. */
    private Map<String, PodInfo> shownPods;
    /** Where the store's pod journal stood when the rows were made. */
    private PodJournal.Mark shownMark;

    public ObservableList<NodeRow> nodes() {
        return nodes;
    }

    public ObservableList<PodRow> pods() {
        return pods;
    }

    /**
     * Node rows are worked out every frame (a handful; the heartbeat state changes by the clock) and
     * replaced only where they differ; pod rows only when the cluster or the API state changed.
     */
    public void show(RackFrame frame) {
        ClusterSnapshot s = frame.cluster();
        showNodes(s.nodes().values().stream().map(n -> nodeRow(n, frame)).toList());
        boolean apiChanged = shownApi != s.api().getClass();
        if (s.version() == shownVersion && !apiChanged) {
            return;
        }
        shownVersion = s.version();
        shownApi = s.api().getClass();
        showPods(s, apiChanged);
    }

    /**
     * Replaces only the rows that changed. Issue 20: any change to the node table costs, on the
     * software pipeline, a redraw of the table and then one of the whole window (measured with the
     * pulse logger: 3 % of a core at rest when a renewal time changed a cell every 2 s), so nothing in a
     * row changes while the cluster stands still.
     */
    private void showNodes(List<NodeRow> rows) {
        boolean sameNodes = rows.size() == nodes.size();
        for (int i = 0; sameNodes && i < rows.size(); i++) {
            sameNodes = rows.get(i).name().equals(nodes.get(i).name());
        }
        if (!sameNodes) {
            nodes.setAll(rows);
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).equals(nodes.get(i))) {
                nodes.set(i, rows.get(i));
            }
        }
    }

    /**
     * Updates only the rows of pods whose object changed, keeping the list sorted, so a table of
     * 3,000 pods with a few changes per frame is not rebuilt (and does not lose its scroll position).
     */
    private void showPods(ClusterSnapshot s, boolean everyRow) {
        Map<String, PodInfo> current = s.pods();
        ApiStatus api = s.api();
        Map<String, PodInfo> before = shownPods;
        PodJournal.Mark since = shownMark;
        shownPods = current;
        shownMark = s.podJournal().mark();
        if (current == before && !everyRow) {
            return;
        }
        if (before == null || everyRow) {
            pods.setAll(current.values().stream().map(p -> podRow(p, api)).sorted(ROW_ORDER).toList());
            return;
        }
        // The store's journal names the pods written or removed since the rows were made; without it
        // (another store, or too many snapshots ago), every pod is compared.
        Collection<String> keys = s.podJournal().since(since).orElse(null);
        if (keys == null) {
            Set<String> all = new HashSet<>(current.keySet());
            all.addAll(before.keySet());
            keys = all;
        }
        List<PodInfo> changed = new ArrayList<>();
        List<PodInfo> removed = new ArrayList<>();
        for (String key : keys) {
            PodInfo now = current.get(key);
            PodInfo old = before.get(key);
            if (now == null) {
                if (old != null) {
                    removed.add(old);
                }
            } else if (now != old) {
                changed.add(now);
            }
        }
        if (changed.size() + removed.size() > PIECEWISE_LIMIT) {
            pods.setAll(current.values().stream().map(p -> podRow(p, api)).sorted(ROW_ORDER).toList());
            return;
        }
        for (PodInfo gone : removed) {
            int at = Collections.binarySearch(pods, podRow(gone, api), ROW_ORDER);
            if (at >= 0) {
                pods.remove(at);
            }
        }
        for (PodInfo pod : changed) {
            PodRow row = podRow(pod, api);
            int at = Collections.binarySearch(pods, row, ROW_ORDER);
            if (at >= 0) {
                pods.set(at, row);
            } else {
                pods.add(-at - 1, row);
            }
        }
    }

    private static NodeRow nodeRow(NodeInfo n, RackFrame frame) {
        ClusterSnapshot s = frame.cluster();
        String taints = n.taints().stream()
                .map(t -> t.key() + ":" + t.effect() + (t.timeAdded() == null ? "" : " (since " + TimeText.clock(t.timeAdded()) + ")"))
                .collect(Collectors.joining(", "));
        return new NodeRow(n.name(), n.role().label(), LedStates.node(n, s.api()).words, taints.isEmpty() ? "—" : taints,
                n.internalIp() == null ? "—" : n.internalIp(), heartbeatWords(s.lease(n.name()).orElse(null), frame));
    }

    /**
     * The heartbeat as a state, not as the time of each renewal (which changes every 2–10 s): "arriving",
     * "stopped (last 10:42:05)" once none came for the lease duration, "none seen", or "unknown" without
     * the API. The LED beside the Pi shows each renewal; its tooltip and the node's details say how long ago.
     */
    static String heartbeatWords(io.pirack.core.cluster.LeaseInfo lease, RackFrame frame) {
        if (lease == null) {
            return frame.cluster().api().isLive() ? "none seen" : "unknown";
        }
        return switch (LedStates.heartbeat(lease, frame.cluster().api(), frame.now())) {
            case FLASH, BEATING -> "arriving";
            case STOPPED -> "stopped (last " + TimeText.clock(lease.renewTime() != null ? lease.renewTime() : lease.receivedAt()) + ")";
            case UNKNOWN -> "unknown";
        };
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
