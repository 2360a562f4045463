package io.pirack.ui.rack;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.LedStates.HeartbeatLed;
import io.pirack.core.rack.LedStates.LinkLed;
import io.pirack.core.rack.LedStates.NodeLed;
import io.pirack.core.rack.LedStates.PodLed;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each {@link RackFrame} into immutable per-layer models for the drawn rack. Layers follow the
 * physical order of {@link RackSpec#slots()}; nodes the spec does not know are appended. Models hold
 * only what changes with the cluster (no ages), so a view can skip every layer whose model is
 * unchanged; ages and detail texts are computed on demand from the last frame.
 *
 * <p>Its {@link PodTiles} also link rescheduled pods: a pod that appears on one layer while a pod of the same app
 * went away (or started terminating) on another layer shortly before becomes a {@link Move}.
 */
public final class RackViewModel {

    /** How long a terminated pod waits for its replacement to appear elsewhere. */
    public static final Duration MOVE_WINDOW = Duration.ofSeconds(90);

    public enum PodKind {
        WORKLOAD("workload"), DAEMON_SET("DaemonSet"), CONTROL_PLANE("control plane");

        public final String words;

        PodKind(String words) {
            this.words = words;
        }
    }

    /** One pod tile. {@code colour} is a stable slot 0–11 per app. */
    public record PodModel(String key, String name, String app, int colour, PodLed led, PodKind kind, String owner) {
    }

    /**
     * One Pi layer: only what the layer shows, so a frame whose only news is a Lease renewal inside
     * the heartbeat tick maps to an equal model and touches no node (issue 20).
     */
    public record LayerModel(String hostname, String ip, NodeRole role, LinkLed link, HeartbeatLed heartbeat,
                             NodeLed node, String plug, List<PodModel> pods) {

        public LayerModel {
            pods = List.copyOf(pods);
        }

        public String roleWords() {
            return role == null ? "not in the cluster" : role.label();
        }

        /** The tiles to show in {@code capacity} places: all of them, or capacity − 1 and a "+N" place. */
        public List<PodModel> visiblePods(int capacity) {
            if (pods.size() <= capacity) {
                return pods;
            }
            return pods.subList(0, Math.max(0, capacity - 1));
        }

        public int overflow(int capacity) {
            return pods.size() - visiblePods(capacity).size();
        }
    }

    /** A rescheduled pod: the old one on {@code fromNode}, its replacement on {@code toNode}. */
    public record Move(String fromPod, String fromNode, String toPod, String toNode, int colour) {
    }

    /**
     * @param banner null while the API is live; else what the audience must know ("… since 10:32:05")
     * @param moves  replacements first seen in this frame, linked to the pod they replace
     */
    public record RackModel(String title, String apiWords, boolean apiLive, String counts, String banner,
                            List<LayerModel> layers, List<Move> moves) {

        public RackModel {
            layers = List.copyOf(layers);
            moves = List.copyOf(moves);
        }
    }

    private boolean hideSystemPods;
    private RackFrame lastFrame;
    private final PodTiles tiles = new PodTiles();
    private RackSpec slotsOf;
    private Map<String, PiSlot> slotsByHost = Map.of();

    public void setHideSystemPods(boolean hide) {
        hideSystemPods = hide;
    }

    public boolean hideSystemPods() {
        return hideSystemPods;
    }

    public RackFrame lastFrame() {
        return lastFrame;
    }

    public RackModel map(RackFrame frame) {
        lastFrame = frame;
        ClusterSnapshot s = frame.cluster();
        ApiStatus api = s.api();
        List<Move> moves = tiles.update(s, frame.now(), hideSystemPods);
        if (frame.spec() != slotsOf) {
            slotsOf = frame.spec();
            slotsByHost = new HashMap<>();
            frame.spec().slots().forEach(slot -> slotsByHost.put(slot.hostname(), slot));
        }
        List<LayerModel> layers = new ArrayList<>();
        List<String> hosts = frame.hosts();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            layers.add(layer(host, frame, tiles.on(host), LedStates.heartbeatPhase(i, hosts.size())));
        }
        long ready = s.readyNodeCount();
        String counts = layers.size() + " Pis · " + (api.isLive() ? ready + " Ready" : "Ready unknown") + " · " + tiles.counts();
        String banner = io.pirack.core.cluster.ApiStatusText.banner(api, frame.now());
        String title = title(frame.spec().name(), s.source());
        return new RackModel(title, "API " + api.describe(), api.isLive(), counts, banner, layers, moves);
    }

    /** "My rack — pi-cluster", or just the source when it already names the rack ("Rehearsal rack (…)"). */
    static String title(String rackName, String source) {
        String name = rackName == null || rackName.isBlank() ? "Rack" : rackName;
        if (source == null || source.isBlank()) {
            return name;
        }
        if (source.toLowerCase(java.util.Locale.ROOT).startsWith(name.toLowerCase(java.util.Locale.ROOT))) {
            return Character.toUpperCase(source.charAt(0)) + source.substring(1);
        }
        return name + " — " + source;
    }

    private LayerModel layer(String host, RackFrame frame, List<PodModel> pods, Duration heartbeatPhase) {
        ClusterSnapshot s = frame.cluster();
        ApiStatus api = s.api();
        NodeInfo node = s.nodes().get(host);
        PiSlot slot = slotsByHost.get(host);
        String ip = node != null && node.internalIp() != null ? node.internalIp() : slot != null ? slot.ip() : null;
        NodeRole role = node != null ? node.role() : slot != null ? slot.role() : null;
        LeaseInfo lease = s.leases().get(host);
        return new LayerModel(host, ip, role, LedStates.link(frame.links().get(host)),
                LedStates.heartbeat(lease, api, frame.now(), heartbeatPhase),
                LedStates.node(node, api), frame.plugs().getOrDefault(host, ""), pods);
    }

    static PodModel pod(PodInfo p, ApiStatus api) {
        PodKind kind = p.controlPlane() ? PodKind.CONTROL_PLANE
                : p.ownerKind() == OwnerKind.DAEMON_SET ? PodKind.DAEMON_SET : PodKind.WORKLOAD;
        String app = p.app() != null ? p.app() : p.ownerName() != null ? p.ownerName() : p.name();
        String owner = p.ownerName() == null ? ownerWords(p.ownerKind()) : ownerWords(p.ownerKind()) + " " + p.ownerName();
        return new PodModel(p.key(), p.name(), app, LedStates.appColour(app), LedStates.pod(p, api), kind, owner);
    }

    private static String ownerWords(OwnerKind kind) {
        switch (kind) {
            case REPLICA_SET: return "ReplicaSet";
            case STATEFUL_SET: return "StatefulSet";
            case DAEMON_SET: return "DaemonSet";
            case JOB: return "Job";
            case NODE: return "static pod of";
            case NONE: return "bare pod";
            default: return "owned by";
        }
    }

    /** The Pi details for hover and click, from the last frame. */
    public String nodeDetail(String host) {
        return RackDetails.node(lastFrame, host);
    }

    /** The pod details for a click, with its recent Events, from the last frame. */
    public String podDetail(String key) {
        return RackDetails.pod(lastFrame, key);
    }

    /** The heartbeat LED's tooltip: what it shows and how long ago the last renewal arrived. */
    public String heartbeatDetail(String host) {
        return RackDetails.heartbeat(lastFrame, host);
    }
}
