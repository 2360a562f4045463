package io.pirack.ui.rack;

import io.pirack.core.images.ImageFailureExplainer;
import io.pirack.core.images.Platform;
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

    /** What the last frame showed of one pod: the object it was mapped from, its tile and its layer (null: unscheduled). */
    private record Mapped(PodInfo info, PodModel model, String node) {
    }

    private static final Comparator<PodModel> TILE_ORDER = Comparator.comparing((PodModel p) -> p.kind().ordinal())
            .thenComparing(PodModel::app).thenComparing(PodModel::name);

    private boolean hideSystemPods;
    private RackFrame lastFrame;
    /*
     * Incremental state: at 100 Pis and 3,000 pods a frame usually changes a handful of pods, so
     * only the pods whose object changed are mapped again and only their layers re-sorted. Pod
     * objects in a snapshot are immutable and shared between snapshots, so identity is the test.
     */
    private final Map<String, Mapped> mapped = new HashMap<>();
    private final Map<String, Map<String, PodModel>> podsByLayer = new HashMap<>();
    private final Map<String, List<PodModel>> sortedByLayer = new HashMap<>();
    private Map<String, PodInfo> mappedPods;
    private boolean mappedLive;
    private boolean mappedHidden;
    private String podCounts = "";
    private RackSpec slotsOf;
    private Map<String, PiSlot> slotsByHost = Map.of();
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
        List<Gone> appeared = updatePods(s, frame.now());
        if (frame.spec() != slotsOf) {
            slotsOf = frame.spec();
            slotsByHost = new HashMap<>();
            frame.spec().slots().forEach(slot -> slotsByHost.put(slot.hostname(), slot));
        }
        List<LayerModel> layers = new ArrayList<>();
        for (String host : layerOrder(frame.spec(), s)) {
            layers.add(layer(host, frame, sortedByLayer.getOrDefault(host, List.of())));
        }
        List<Move> moves = api.isLive() ? linkMoves(appeared) : List.of();
        long ready = s.readyNodeCount();
        String counts = layers.size() + " Pis · " + (api.isLive() ? ready + " Ready" : "Ready unknown") + " · " + podCounts;
        String banner = api.isLive() ? null
                : (api instanceof ApiStatus.Connecting ? "Connecting to the Kubernetes API since " + TimeText.clock(api.since())
                : "Kubernetes API " + api.describe() + " — cluster LEDs show “?” (unknown); link LEDs are still live");
        String title = title(frame.spec().name(), s.source());
        return new RackModel(title, "API " + api.describe(), api.isLive(), counts, banner, layers, moves);
    }

    /**
     * Brings the pod tiles up to date with the snapshot, touching only pods whose object changed
     * (all of them when the API's liveness or the system-pod filter changed), re-sorts the layers
     * they are on, and notes for {@link #linkMoves} which pods arrived and which left.
     *
     * @return pods that arrived on a layer in this frame (none on the first frame)
     */
    private List<Gone> updatePods(ClusterSnapshot s, Instant now) {
        boolean live = s.api().isLive();
        boolean remapAll = live != mappedLive || hideSystemPods != mappedHidden;
        if (s.pods() == mappedPods && !remapAll) {
            return List.of();
        }
        boolean firstFrame = mappedPods == null;
        recentlyGone.values().removeIf(g -> Duration.between(g.at(), now).compareTo(MOVE_WINDOW) > 0);
        Set<String> changedLayers = new HashSet<>();
        List<Gone> appeared = new ArrayList<>();
        int ready = 0;
        int mappedBefore = mapped.size();
        int stillThere = 0;
        for (Map.Entry<String, PodInfo> entry : s.pods().entrySet()) {
            PodInfo info = entry.getValue();
            if (!info.terminating() && info.ready()) {
                ready++;
            }
            Mapped before = mapped.get(entry.getKey());
            if (before != null) {
                stillThere++;
                if (before.info() == info && !remapAll) {
                    continue;
                }
            }
            PodModel model = pod(info, s.api());
            String node = info.scheduled() ? info.nodeName() : null;
            // The snapshot's own key: the same String instance from frame to frame, so lookups compare by identity.
            mapped.put(entry.getKey(), new Mapped(info, model, node));
            String oldNode = before == null ? null : before.node();
            if (oldNode != null) {
                podsByLayer.get(oldNode).remove(model.key());
                changedLayers.add(oldNode);
                if (!oldNode.equals(node)) {
                    left(before.model(), oldNode, now);
                }
            }
            if (node != null) {
                podsByLayer.computeIfAbsent(node, n -> new HashMap<>()).put(entry.getKey(), model);
                changedLayers.add(node);
                if (model.led() == PodLed.TERMINATING) {
                    if (before == null || before.model().led() != PodLed.TERMINATING) {
                        left(model, node, now);
                    }
                } else if (!node.equals(oldNode) && !firstFrame) {
                    appeared.add(new Gone(model, node, now));
                }
            }
        }
        int removed = mappedBefore - stillThere;
        if (removed > 0) {
            Iterator<Mapped> it = mapped.values().iterator();
            while (it.hasNext() && removed > 0) {
                Mapped gone = it.next();
                if (!s.pods().containsKey(gone.model().key())) {
                    removed--;
                    it.remove();
                    if (gone.node() != null) {
                        podsByLayer.get(gone.node()).remove(gone.model().key());
                        changedLayers.add(gone.node());
                        left(gone.model(), gone.node(), now);
                    }
                    linked.remove(gone.model().key());
                }
            }
        }
        for (String node : changedLayers) {
            Map<String, PodModel> onLayer = podsByLayer.get(node);
            // List.copyOf, not Stream.toList: LayerModel copies a list that may hold nulls, so this one is reused as is.
            List<PodModel> sorted = List.copyOf(onLayer.values().stream()
                    .filter(p -> !hideSystemPods || p.kind() == PodKind.WORKLOAD)
                    .sorted(TILE_ORDER)
                    .toList());
            if (onLayer.isEmpty()) {
                podsByLayer.remove(node);
                sortedByLayer.remove(node);
            } else {
                sortedByLayer.put(node, sorted);
            }
        }
        podCounts = s.pods().size() + " pods (" + ready + " ready)";
        mappedPods = s.pods();
        mappedLive = live;
        mappedHidden = hideSystemPods;
        return appeared;
    }

    /** A pod left its layer (deleted, terminating, or bound elsewhere): a replacement may follow. */
    private void left(PodModel pod, String node, Instant now) {
        if (!linked.contains(pod.key())) {
            recentlyGone.putIfAbsent(pod.key(), new Gone(pod, node, now));
        }
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

    private LayerModel layer(String host, RackFrame frame, List<PodModel> pods) {
        ClusterSnapshot s = frame.cluster();
        ApiStatus api = s.api();
        NodeInfo node = s.nodes().get(host);
        PiSlot slot = slotsByHost.get(host);
        String ip = node != null && node.internalIp() != null ? node.internalIp() : slot != null ? slot.ip() : null;
        NodeRole role = node != null ? node.role() : slot != null ? slot.role() : null;
        LeaseInfo lease = s.leases().get(host);
        return new LayerModel(host, ip, role, LedStates.link(frame.links().get(host)),
                LedStates.heartbeat(lease, api, frame.now()), lease == null ? null : lease.receivedAt(),
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

    /**
     * Links each pod new to a layer to a pod of the same app that terminated, vanished or left
     * another layer within {@link #MOVE_WINDOW}; each old pod is linked at most once.
     */
    private List<Move> linkMoves(List<Gone> appeared) {
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
                    if (mapped.containsKey(e.getKey())) {
                        linked.add(e.getKey());
                    }
                    break;
                }
            }
        }
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
        architectureMismatch(pod, s, events).ifPresent(why -> text.append("\nWhy: ").append(why));
        return text.toString();
    }

    /** An image that cannot run on this Pi's CPU fails in words only a runtime speaks; say it plainly. */
    private static java.util.Optional<String> architectureMismatch(PodInfo pod, ClusterSnapshot s, List<EventInfo> events) {
        NodeInfo node = pod.nodeName() == null ? null : s.nodes().get(pod.nodeName());
        java.util.Optional<Platform> platform = node == null || node.architecture() == null || node.architecture().isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of(Platform.ofNode(node.labels().getOrDefault("kubernetes.io/os", "linux"), node.architecture(), ""));
        return events.stream().map(e -> ImageFailureExplainer.explain(e.message(), platform, java.util.Optional.empty()))
                .flatMap(java.util.Optional::stream).findFirst();
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
