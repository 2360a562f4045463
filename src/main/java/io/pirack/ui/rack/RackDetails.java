package io.pirack.ui.rack;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.images.ImageFailureExplainer;
import io.pirack.core.images.Platform;
import io.pirack.core.rack.LedStates;
import io.pirack.core.rack.LedStates.HeartbeatLed;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.RackFrame;
import io.pirack.ui.rack.RackViewModel.PodModel;
import java.time.Duration;
import java.util.List;

/** The detail texts of the drawn rack (hover, click, tooltip), worked out on demand from one frame (null: none yet). */
final class RackDetails {

    private RackDetails() {
    }

    /** The Pi details for hover and click. */
    static String node(RackFrame frame, String host) {
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

    /** The pod details for a click, with its recent Events. */
    static String pod(RackFrame frame, String key) {
        PodInfo pod = frame == null ? null : frame.cluster().pods().get(key);
        if (pod == null) {
            return key + "\nGone from the cluster.";
        }
        ClusterSnapshot s = frame.cluster();
        PodModel model = RackViewModel.pod(pod, s.api());
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
    static String heartbeat(RackFrame frame, String host) {
        LeaseInfo lease = frame == null ? null : frame.cluster().leases().get(host);
        HeartbeatLed led = HeartbeatLed.UNKNOWN;
        if (frame != null) {
            List<String> hosts = frame.hosts();
            led = LedStates.heartbeat(lease, frame.cluster().api(), frame.now(), LedStates.heartbeatPhase(hosts.indexOf(host), hosts.size()));
        }
        String age = lease == null || lease.receivedAt() == null ? "no heartbeat seen"
                : "last heartbeat " + TimeText.age(Duration.between(lease.receivedAt(), frame.now())) + " ago";
        return "Heartbeat LED: " + led.words + " — " + age;
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append('\n').append(label).append(": ").append(value == null || value.isEmpty() ? "—" : value);
    }
}
