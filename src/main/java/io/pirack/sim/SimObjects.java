package io.pirack.sim;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small helpers the simulated components share for reading and writing API objects. */
final class SimObjects {

    /** Keeps pods of a dead node Terminating until its kubelet returns, as a real kubelet does. */
    static final String KUBELET_FINALIZER = "pirack.io/simulated-kubelet";

    private SimObjects() {
    }

    /** Kubernetes "Time": RFC 3339 with second resolution. */
    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Kubernetes "MicroTime". */
    static ZonedDateTime microTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }

    private static final java.time.format.DateTimeFormatter MICRO_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * MicroTime as the API server writes it: always six fraction digits. ({@code ZonedDateTime.toString()}
     * drops trailing zeros, and fabric8 then fails to read the Lease back.)
     */
    static String microTimeText(Instant instant) {
        return MICRO_TIME.format(instant);
    }

    static Instant parseTime(String text) {
        return text == null || text.isEmpty() ? null : ZonedDateTime.parse(text).toInstant();
    }

    static Optional<OwnerReference> controller(HasMetadata object) {
        return object.getMetadata().getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController()))
                .findFirst();
    }

    static boolean terminating(HasMetadata object) {
        return object.getMetadata().getDeletionTimestamp() != null;
    }

    static long resourceVersion(HasMetadata object) {
        String rv = object.getMetadata().getResourceVersion();
        try {
            return rv == null ? 0 : Long.parseLong(rv);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String nodeName(Pod pod) {
        return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    }

    static Optional<PodCondition> podCondition(Pod pod, String type) {
        if (pod.getStatus() == null) {
            return Optional.empty();
        }
        // A loop, not a stream: the controllers ask this of every pod on every pass (3,000 at 100 Pis).
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if (type.equals(condition.getType())) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    static boolean podReady(Pod pod) {
        return podCondition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /** Replaces (or adds) one pod condition, leaving the others untouched. */
    static void setPodCondition(Pod pod, String type, String status, String reason, String message, Instant now) {
        List<PodCondition> conditions = new ArrayList<>(pod.getStatus().getConditions());
        Optional<PodCondition> existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
        String transition = existing.filter(c -> status.equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime).orElse(time(now));
        conditions.removeIf(c -> type.equals(c.getType()));
        conditions.add(new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(transition).build());
        pod.getStatus().setConditions(conditions);
    }

    static io.pirack.core.cluster.Taint coreTaint(io.fabric8.kubernetes.api.model.Taint t) {
        return new io.pirack.core.cluster.Taint(t.getKey(), t.getValue(), t.getEffect(), parseTime(t.getTimeAdded()));
    }

    static List<io.pirack.core.cluster.Toleration> coreTolerations(Pod pod) {
        List<io.pirack.core.cluster.Toleration> result = new ArrayList<>();
        for (Toleration t : pod.getSpec().getTolerations()) {
            result.add(new io.pirack.core.cluster.Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect(),
                    t.getTolerationSeconds()));
        }
        return result;
    }

    static String readyStatus(io.fabric8.kubernetes.api.model.Node node) {
        return node.getStatus() == null ? "Unknown" : node.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType())).map(io.fabric8.kubernetes.api.model.NodeCondition::getStatus)
                .findFirst().orElse("Unknown");
    }

    static boolean hasTaint(io.fabric8.kubernetes.api.model.Node node, String key, String effect) {
        return node.getSpec().getTaints().stream().anyMatch(t -> key.equals(t.getKey()) && effect.equals(t.getEffect()));
    }

    /** The owning controller's uid, or the pod's own name for a bare pod. */
    static String ownerUid(Pod pod) {
        return controller(pod).map(OwnerReference::getUid).orElse(pod.getMetadata().getName());
    }

    /** A Node carrying only its name: enough to address a write to it ({@link SimWriter#set}). */
    static io.fabric8.kubernetes.api.model.Node nodeNamed(String name) {
        return new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    /** Sets a node's taints (the whole list) by JSON patch. */
    static boolean writeTaints(SimWriter writer, String node, List<io.fabric8.kubernetes.api.model.Taint> taints) {
        List<java.util.Map<String, Object>> maps = new ArrayList<>();
        for (var t : taints) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("key", t.getKey());
            if (t.getValue() != null) {
                m.put("value", t.getValue());
            }
            m.put("effect", t.getEffect());
            if (t.getTimeAdded() != null) {
                m.put("timeAdded", t.getTimeAdded());
            }
            maps.add(m);
        }
        return writer.set(nodeNamed(node), java.util.Map.of("/spec/taints", maps));
    }

    static Toleration noExecuteToleration(String key, Long seconds) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute")
                .withTolerationSeconds(seconds).build();
    }
}
