package io.pirack.kube;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.ReplicaSetInfo;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Copies fabric8 API objects into PiRack's own immutable records; the only place that knows both. */
public final class KubeMapper {

    private KubeMapper() {
    }

    public static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static NodeInfo node(Node node, Instant receivedAt) {
        var meta = node.getMetadata();
        var status = node.getStatus();
        Map<String, String> labels = nullSafe(meta.getLabels());
        boolean controlPlane = labels.containsKey("node-role.kubernetes.io/control-plane")
                || labels.containsKey("node-role.kubernetes.io/master")
                || "true".equals(labels.get("node-role.kubernetes.io/control-plane"));
        String internalIp = status == null ? null : status.getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse(null);
        List<NodeCondition> conditions = status == null ? List.of() : status.getConditions().stream()
                .map(c -> new NodeCondition(c.getType(), ConditionStatus.of(c.getStatus()), c.getReason(), c.getMessage(),
                        time(c.getLastHeartbeatTime()), time(c.getLastTransitionTime())))
                .toList();
        List<Taint> taints = node.getSpec() == null ? List.of() : node.getSpec().getTaints().stream()
                .map(t -> new Taint(t.getKey(), t.getValue(), t.getEffect(), time(t.getTimeAdded())))
                .toList();
        Set<String> images = new LinkedHashSet<>();
        if (status != null) {
            for (ContainerImage image : status.getImages()) {
                images.addAll(image.getNames());
            }
        }
        var info = status == null ? null : status.getNodeInfo();
        return new NodeInfo(meta.getName(), meta.getUid(), controlPlane ? NodeRole.CONTROL_PLANE : NodeRole.WORKER,
                internalIp,
                info == null ? null : info.getKubeletVersion(),
                info == null ? null : info.getOsImage(),
                info == null ? null : info.getArchitecture(),
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable()),
                conditions, taints, images, labels, nullSafe(meta.getAnnotations()),
                time(meta.getCreationTimestamp()), receivedAt);
    }

    public static PodInfo pod(Pod pod, Instant receivedAt) {
        var meta = pod.getMetadata();
        Optional<OwnerReference> owner = meta.getOwnerReferences().stream()
                .filter(o -> Boolean.TRUE.equals(o.getController())).findFirst()
                .or(() -> meta.getOwnerReferences().stream().findFirst());
        Map<String, String> labels = nullSafe(meta.getLabels());
        String app = Optional.ofNullable(labels.get("app"))
                .or(() -> Optional.ofNullable(labels.get("app.kubernetes.io/name")))
                .or(() -> Optional.ofNullable(labels.get("k8s-app")))
                .or(() -> Optional.ofNullable(labels.get("component")))
                .orElse(owner.map(OwnerReference::getName).orElse(meta.getName()));
        List<PodCondition> conditions = pod.getStatus() == null ? List.of() : pod.getStatus().getConditions();
        Optional<PodCondition> ready = conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
        boolean isReady = ready.map(c -> "True".equals(c.getStatus())).orElse(false);
        boolean disruption = conditions.stream().anyMatch(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean controlPlane = "control-plane".equals(labels.get("tier")) || (owner.isPresent() && "Node".equals(owner.get().getKind()));
        var spec = pod.getSpec();
        List<String> images = spec == null ? List.of() : spec.getContainers().stream().map(c -> c.getImage()).filter(Objects::nonNull).toList();
        List<Toleration> tolerations = spec == null ? List.of() : spec.getTolerations().stream()
                .map(t -> new Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect(), t.getTolerationSeconds()))
                .toList();
        return new PodInfo(meta.getNamespace(), meta.getName(), meta.getUid(),
                spec == null ? null : spec.getNodeName(),
                PodPhase.of(pod.getStatus() == null ? null : pod.getStatus().getPhase()),
                isReady,
                OwnerKind.of(owner.map(OwnerReference::getKind).orElse(null)),
                owner.map(OwnerReference::getName).orElse(null),
                app,
                time(meta.getCreationTimestamp()),
                time(meta.getDeletionTimestamp()),
                disruption,
                controlPlane,
                images, tolerations, labels,
                isReady ? ready.map(c -> time(c.getLastTransitionTime())).orElse(null) : null,
                receivedAt);
    }

    public static LeaseInfo lease(Lease lease, Instant receivedAt) {
        var spec = lease.getSpec();
        return new LeaseInfo(lease.getMetadata().getName(),
                spec == null || spec.getRenewTime() == null ? null : spec.getRenewTime().toInstant(),
                spec == null ? null : spec.getLeaseDurationSeconds(), receivedAt);
    }

    public static EventInfo event(Event event, Instant receivedAt) {
        var involved = event.getInvolvedObject();
        Instant last = Optional.ofNullable(time(event.getLastTimestamp()))
                .or(() -> Optional.ofNullable(event.getEventTime()).map(t -> time(t.getTime())))
                .orElse(time(event.getFirstTimestamp()));
        String source = event.getSource() != null && event.getSource().getComponent() != null
                ? event.getSource().getComponent() : event.getReportingComponent();
        return new EventInfo(event.getMetadata().getUid(), event.getMetadata().getNamespace(),
                involved == null ? null : involved.getKind(), involved == null ? null : involved.getName(),
                event.getReason(), event.getMessage(), event.getType(), source, last,
                event.getCount() == null ? 1 : event.getCount(), receivedAt);
    }

    public static ReplicaSetInfo replicaSet(ReplicaSet rs) {
        String deployment = rs.getMetadata().getOwnerReferences().stream()
                .filter(o -> "Deployment".equals(o.getKind())).map(OwnerReference::getName).findFirst().orElse(null);
        int desired = rs.getSpec() == null || rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
        int ready = rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas();
        return new ReplicaSetInfo(rs.getMetadata().getNamespace(), rs.getMetadata().getName(), deployment, desired, ready);
    }

    private static Map<String, String> nullSafe(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
