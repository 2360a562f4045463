package io.pirack.ui.rack;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.TimeText;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns each {@link RackFrame} into immutable per-layer models for the drawn rack. Layers follow the
 * physical order of {@link RackSpec#slots()}; nodes the spec does not know are appended. Models hold
 * only what changes with the cluster (no ages), so a view can skip every layer whose model is
 * unchanged; ages and detail texts are computed on demand from the last frame.
 *
 * <p>It also links rescheduled pods: a pod that appears on one layer while a pod of the same app
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

    /** One Pi layer; {@code lastHeartbeat} is PiRack's receive time of the last Lease renewal (null if none). */
    public record LayerModel(String hostname, String ip, NodeRole role, LinkLed link, HeartbeatLed heartbeat,
                             Instant lastHeartbeat, NodeLed node, String plug, List<PodModel> pods) {

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

    private record Gone(PodModel pod, String node, Instant at) {
    }

    private boolean hideSystemPods;
    private RackFrame lastFrame;
    private final Map<String, Gone> lastSeen = new HashMap<>();
    /** Old pods already linked to a replacement, while they are still Terminating. */
    private final Set<String> linked = new HashSet<>();
    private final Map<String, Gone> recentlyGone = new LinkedHashMap<>();

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
        Map<String, List<PodInfo>> podsByNode = s.podsSorted().stream().filter(PodInfo::scheduled)
                .collect(Collectors.groupingBy(PodInfo::nodeName, LinkedHashMap::new, Collectors.toList()));
        List<LayerModel> layers = new ArrayList<>();
        for (String host : layerOrder(frame.spec(), s)) {
            layers.add(layer(host, frame, podsByNode.getOrDefault(host, List.of())));
        }
        List<Move> moves = api.isLive() ? trackMoves(layers, frame.now()) : List.of();
        long ready = s.readyNodeCount();
        long running = s.pods().values().stream().filter(p -> !p.terminating() && p.ready()).count();
        String counts = layers.size() + " Pis · " + (api.isLive() ? ready + " Ready" : "Ready unknown") + " · "
                + s.pods().size() + " pods (" + running + " ready)";
        String banner = api.isLive() ? null
                : (api instanceof ApiStatus.Connecting ? "Connecting to the Kubernetes API since " + TimeText.clock(api.since())
                : "Kubernetes API " + api.describe() + " — cluster LEDs show “?” (unknown); link LEDs are still live");
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

    static List<String> layerOrder(RackSpec spec, ClusterSnapshot s) {
        List<String> order = new ArrayList<>();
        spec.slots().forEach(slot -> order.add(slot.hostname()));
        Set<String> known = new HashSet<>(order);
        s.nodes().keySet().stream().filter(n -> !known.contains(n)).forEach(order::add);
        return order;
    }

    private LayerModel layer(String host, RackFrame frame, List<PodInfo> pods) {
        ClusterSnapshot s = frame.cluster();
        ApiStatus api = s.api();
        NodeInfo node = s.nodes().get(host);
        PiSlot slot = frame.spec().slot(host).orElse(null);
        String ip = node != null && node.internalIp() != null ? node.internalIp() : slot != null ? slot.ip() : null;
        NodeRole role = node != null ? node.role() : slot != null ? slot.role() : null;
        LeaseInfo lease = s.leases().get(host);
        List<PodModel> models = pods.stream()
                .map(p -> pod(p, api))
                .filter(p -> !hideSystemPods || p.kind() == PodKind.WORKLOAD)
                .sorted(Comparator.comparing((PodModel p) -> p.kind().ordinal()).thenComparing(PodModel::app)
                        .thenComparing(PodModel::name))
                .toList();
        return new LayerModel(host, ip, role, LedStates.link(frame.links().get(host)),
                LedStates.heartbeat(lease, api, frame.now()), lease == null ? null : lease.receivedAt(),
                LedStates.node(node, api), frame.plugs().getOrDefault(host, ""), models);
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

    /**
     * Links each pod new to the rack to a pod of the same app that terminated (or vanished) on
     * another layer within {@link #MOVE_WINDOW}; each old pod is linked at most once.
     */
    private List<Move> trackMoves(List<LayerModel> layers, Instant now) {
        recentlyGone.values().removeIf(g -> Duration.between(g.at(), now).compareTo(MOVE_WINDOW) > 0);
        Map<String, Gone> seen = new HashMap<>();
        List<Gone> appeared = new ArrayList<>();
        for (LayerModel layer : layers) {
            for (PodModel pod : layer.pods()) {
                seen.put(pod.key(), new Gone(pod, layer.hostname(), now));
                if (pod.led() == PodLed.TERMINATING) {
                    if (!linked.contains(pod.key())) {
                        recentlyGone.putIfAbsent(pod.key(), new Gone(pod, layer.hostname(), now));
                    }
                } else if (!lastSeen.containsKey(pod.key()) && !lastSeen.isEmpty()) {
                    appeared.add(new Gone(pod, layer.hostname(), now));
                }
            }
        }
        lastSeen.forEach((key, before) -> {
            if (!seen.containsKey(key) && !linked.contains(key)) {
                recentlyGone.putIfAbsent(key, new Gone(before.pod(), before.node(), now));
            }
        });
        linked.retainAll(seen.keySet());
        List<Move> moves = new ArrayList<>();
        for (Gone arrival : appeared) {
            PodModel pod = arrival.pod();
            Iterator<Map.Entry<String, Gone>> it = recentlyGone.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Gone> e = it.next();
                Gone gone = e.getValue();
                if (!gone.node().equals(arrival.node()) && gone.pod().app().equals(pod.app()) && gone.pod().kind() == pod.kind()) {
                    moves.add(new Move(e.getKey(), gone.node(), pod.key(), arrival.node(), pod.colour()));
                    it.remove();
                    if (seen.containsKey(e.getKey())) {
                        linked.add(e.getKey());
                    }
                    break;
                }
            }
        }
        lastSeen.clear();
        lastSeen.putAll(seen);
        return moves;
    }

    /** The Pi details for hover and click, from the last frame. */
    public String nodeDetail(String host) {
        RackFrame frame = lastFrame;
        if (frame == null) {
            return host;
        }
        ClusterSnapshot s = frame.cluster();
        NodeInfo node = s.nodes().get(host);
        PiSlot slot = frame.spec().slot(host).orElse(null);
        StringBuilder text = new StringBuilder(host);
        String ip = node != null && node.internalIp() != null ? node.internalIp() : slot != null ? slot.ip() : null;
        line(text, "IP", ip);
        line(text, "MAC", slot == null ? null : slot.mac());
        line(text, "Role", node != null ? node.role().label() : slot != null ? slot.role().label() : null);
        line(text, "Link", LedStates.link(frame.links().get(host)).words);
        String plug = frame.plugs().get(host);
        line(text, "Plug", plug == null || plug.isEmpty() ? null : plug);
        if (!s.api().isLive()) {
            text.append("\nKubernetes: unknown — API ").append(s.api().describe());
        }
        if (node == null) {
            text.append("\nNo Node object in the cluster.");
            return text.toString();
        }
        line(text, "State", LedStates.node(node, s.api()).words);
        line(text, "Kubelet", node.kubeletVersion());
        line(text, "OS", node.osImage());
        text.append("\nConditions:");
        for (NodeCondition c : node.conditions()) {
            text.append("\n  ").append(c.type()).append(' ').append(c.status());
            if (c.reason() != null) {
                text.append(" (").append(c.reason()).append(')');
            }
            if (c.lastTransitionTime() != null) {
                text.append(" for ").append(TimeText.age(Duration.between(c.lastTransitionTime(), frame.now())));
            }
        }
        text.append("\nTaints:");
        if (node.taints().isEmpty()) {
            text.append(" none");
        }
        node.taints().forEach(t -> text.append("\n  ").append(t.key()).append(':').append(t.effect())
                .append(t.timeAdded() == null ? "" : " for " + TimeText.age(Duration.between(t.timeAdded(), frame.now()))));
        LeaseInfo lease = s.leases().get(host);
        line(text, "Last heartbeat", lease == null || lease.receivedAt() == null ? "none seen"
                : TimeText.age(Duration.between(lease.receivedAt(), frame.now())) + " ago");
        List<PodInfo> pods = s.podsOn(host);
        text.append("\nPods (").append(pods.size()).append("):");
        pods.forEach(p -> text.append("\n  ").append(p.key()).append(" — ").append(LedStates.pod(p, s.api()).words));
        return text.toString();
    }

    /** The pod details for a click, with its recent Events, from the last frame. */
    public String podDetail(String key) {
        RackFrame frame = lastFrame;
        PodInfo pod = frame == null ? null : frame.cluster().pods().get(key);
        if (pod == null) {
            return key + "\nGone from the cluster.";
        }
        ClusterSnapshot s = frame.cluster();
        PodModel model = pod(pod, s.api());
        StringBuilder text = new StringBuilder(pod.key());
        line(text, "Status", model.led().words);
        line(text, "Kind", model.kind().words);
        line(text, "App", model.app());
        line(text, "Owner", model.owner());
        line(text, "Node", pod.nodeName());
        line(text, "Age", pod.createdAt() == null ? null : TimeText.age(Duration.between(pod.createdAt(), frame.now())));
        if (pod.terminating()) {
            line(text, "Terminating for", TimeText.age(Duration.between(pod.deletionTimestamp(), frame.now()))
                    + (pod.disruptionTarget() ? " (evicted: DisruptionTarget)" : ""));
        }
        line(text, "Images", String.join(", ", pod.images()));
        List<EventInfo> events = s.eventsFor("Pod", pod.name());
        text.append("\nRecent events:");
        if (events.isEmpty()) {
            text.append(" none");
        }
        events.stream().limit(8).forEach(e -> text.append("\n  ").append(TimeText.clock(e.receivedAt())).append(' ')
                .append(e.reason()).append(": ").append(e.message()));
        return text.toString();
    }

    /** The heartbeat LED's tooltip: what it shows and how long ago the last renewal arrived. */
    public String heartbeatDetail(String host) {
        RackFrame frame = lastFrame;
        LeaseInfo lease = frame == null ? null : frame.cluster().leases().get(host);
        HeartbeatLed led = frame == null ? HeartbeatLed.UNKNOWN : LedStates.heartbeat(lease, frame.cluster().api(), frame.now());
        String age = lease == null || lease.receivedAt() == null ? "no heartbeat seen"
                : "last heartbeat " + TimeText.age(Duration.between(lease.receivedAt(), frame.now())) + " ago";
        return "Heartbeat LED: " + led.words + " — " + age;
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append('\n').append(label).append(": ").append(value == null || value.isEmpty() ? "—" : value);
    }
}
