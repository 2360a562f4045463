package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.cluster.Taint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated kube-controller-manager and kube-scheduler: node lifecycle (grace period →
 * Unknown → unreachable taints, with the small-cluster halt), taint-based eviction, and the
 * Deployment, ReplicaSet, StatefulSet and DaemonSet controllers. Reads come from informer caches,
 * writes go through the API; everything runs on the rack's one simulation thread.
 */
final class SimControlPlane {

    private static final Logger LOG = LoggerFactory.getLogger(SimControlPlane.class);
    private static final List<String> LIFECYCLE_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    /** --unhealthy-zone-threshold; and clusters this small stop NoExecute tainting when it is crossed. */
    static final double UNHEALTHY_ZONE_THRESHOLD = 0.55;

    private final SimWriter writer;
    private final SimCache cache;
    private final SimTimings timings;
    private final SimEvents events;
    private final SimAdmission admission;
    private final Random names;

    private Instant lastMonitor;
    /** Pods this control plane created or bound but the cache has not shown yet ("assumed"). */
    private final Map<String, Set<String>> pendingCreates = new HashMap<>();
    private final Map<String, String> assumedBindings = new HashMap<>();
    private final Set<String> evicted = new HashSet<>();
    private final Map<String, Set<String>> scheduledEvictions = new HashMap<>();
    private final Set<String> reportedUnschedulable = new HashSet<>();

    SimControlPlane(SimWriter writer, SimCache cache, SimTimings timings, SimEvents events, long seed) {
        this.writer = writer;
        this.cache = cache;
        this.timings = timings;
        this.events = events;
        this.admission = new SimAdmission(timings.defaultTolerationSeconds());
        this.names = new Random(seed);
    }

    SimAdmission admission() {
        return admission;
    }

    void sync(Instant now) {
        step("node lifecycle", () -> {
            if (lastMonitor == null || Duration.between(lastMonitor, now).compareTo(timings.nodeMonitorPeriod()) >= 0) {
                monitorNodes(now);
                lastMonitor = now;
            }
        });
        step("taint eviction", () -> evictPods(now));
        step("deployments", this::syncDeployments);
        step("replicasets", this::syncReplicaSets);
        step("statefulsets", this::syncStatefulSets);
        step("daemonsets", this::syncDaemonSets);
        step("scheduler", this::schedule);
    }

    private static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            LOG.debug("simulated {} pass failed: {}", what, e.getMessage());
        }
    }

    // ---- node lifecycle controller -------------------------------------------------------------

    private void monitorNodes(Instant now) {
        List<Node> nodes = cache.nodes().stream().filter(writer::isCurrent).toList();
        Map<String, String> readyByNode = new HashMap<>();
        for (Node node : nodes) {
            String ready = readyStatus(node);
            Instant cached = cache.lease(node.getMetadata().getName())
                    .map(Lease::getSpec).map(s -> s.getRenewTime() == null ? null : s.getRenewTime().toInstant())
                    .orElse(SimObjects.parseTime(node.getMetadata().getCreationTimestamp()));
            Instant written = writer.lastLeaseRenewal(node.getMetadata().getName()).orElse(null);
            Instant lastHeartbeat = written != null && (cached == null || written.isAfter(cached)) ? written : cached;
            boolean stale = lastHeartbeat != null && Duration.between(lastHeartbeat, now).compareTo(timings.nodeMonitorGracePeriod()) > 0;
            if (stale && !"Unknown".equals(ready)) {
                markUnknown(node, now);
                ready = "Unknown";
            }
            readyByNode.put(node.getMetadata().getName(), ready);
        }
        long notReady = readyByNode.values().stream().filter(r -> !"True".equals(r)).count();
        boolean evictionHalted = nodes.isEmpty()
                || (notReady > 2 && notReady >= UNHEALTHY_ZONE_THRESHOLD * nodes.size())
                || notReady == nodes.size();
        for (Node node : nodes) {
            String ready = readyByNode.get(node.getMetadata().getName());
            String taintKey = "Unknown".equals(ready) ? Taint.UNREACHABLE : "False".equals(ready) ? Taint.NOT_READY : null;
            syncLifecycleTaints(node, taintKey, evictionHalted, now);
        }
    }

    private static String readyStatus(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(NodeCondition::getStatus).findFirst().orElse("Unknown");
    }

    private void markUnknown(Node node, Instant now) {
        String name = node.getMetadata().getName();
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (NodeCondition c : node.getStatus().getConditions()) {
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("type", c.getType());
            condition.put("lastHeartbeatTime", c.getLastHeartbeatTime());
            if (LIFECYCLE_CONDITIONS.contains(c.getType())) {
                condition.put("status", "Unknown");
                condition.put("reason", "NodeStatusUnknown");
                condition.put("message", "Kubelet stopped posting node status.");
                condition.put("lastTransitionTime", SimObjects.time(now));
            } else {
                condition.put("status", c.getStatus());
                condition.put("reason", c.getReason());
                condition.put("message", c.getMessage());
                condition.put("lastTransitionTime", c.getLastTransitionTime());
            }
            conditions.add(condition);
        }
        if (!writer.set(writer.client().nodes().withName(name), Map.of("/status/conditions", conditions))) {
            return;
        }
        events.normal(node, "node-controller", "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
        // MarkPodsNotReady: every pod on the node loses its Ready condition at once.
        for (Pod pod : cache.podsOn(name)) {
            if (SimObjects.terminating(pod) || !SimObjects.podReady(pod)) {
                continue;
            }
            Pod copy = writer.client().getKubernetesSerialization().clone(pod);
            SimObjects.setPodCondition(copy, "Ready", "False", null, null, now);
            SimObjects.setPodCondition(copy, "ContainersReady", "False", null, null, now);
            writer.set(writer.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()),
                    Map.of("/status/conditions", copy.getStatus().getConditions()));
            events.warning(pod, "node-controller", "NodeNotReady", "Node is not ready");
        }
    }

    private void syncLifecycleTaints(Node node, String wantedKey, boolean evictionHalted, Instant now) {
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(node.getSpec().getTaints());
        List<io.fabric8.kubernetes.api.model.Taint> updated = new ArrayList<>();
        boolean removedNoExecute = false;
        for (var t : taints) {
            boolean lifecycle = Taint.UNREACHABLE.equals(t.getKey()) || Taint.NOT_READY.equals(t.getKey());
            if (lifecycle && !t.getKey().equals(wantedKey)) {
                removedNoExecute |= "NoExecute".equals(t.getEffect());
                continue;
            }
            updated.add(t);
        }
        if (wantedKey != null) {
            if (updated.stream().noneMatch(t -> wantedKey.equals(t.getKey()) && "NoSchedule".equals(t.getEffect()))) {
                updated.add(new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(wantedKey).withEffect("NoSchedule").build());
            }
            // The NoExecute taint is what starts evictions; a disrupted small cluster stops adding it.
            if (!evictionHalted && updated.stream().noneMatch(t -> wantedKey.equals(t.getKey()) && "NoExecute".equals(t.getEffect()))) {
                updated.add(new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(wantedKey).withEffect("NoExecute")
                        .withTimeAdded(SimObjects.time(now)).build());
            }
        }
        if (updated.equals(taints)) {
            return;
        }
        List<Map<String, Object>> taintMaps = new ArrayList<>();
        for (var t : updated) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", t.getKey());
            m.put("value", t.getValue());
            m.put("effect", t.getEffect());
            m.put("timeAdded", t.getTimeAdded());
            taintMaps.add(m);
        }
        writer.set(writer.client().nodes().withName(node.getMetadata().getName()), Map.of("/spec/taints", taintMaps));
        if (removedNoExecute) {
            Set<String> cancelled = scheduledEvictions.remove(node.getMetadata().getName());
            if (cancelled != null) {
                for (Pod pod : cache.podsOn(node.getMetadata().getName())) {
                    if (cancelled.contains(pod.getMetadata().getUid()) && !SimObjects.terminating(pod)) {
                        events.normal(pod, "taint-eviction-controller", "TaintManagerEviction",
                                "Cancelling deletion of Pod " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
                    }
                }
            }
        }
    }

    // ---- taint eviction controller -------------------------------------------------------------

    private void evictPods(Instant now) {
        for (Node node : cache.nodes()) {
            List<io.fabric8.kubernetes.api.model.Taint> noExecute = node.getSpec().getTaints().stream()
                    .filter(t -> "NoExecute".equals(t.getEffect())).toList();
            if (noExecute.isEmpty()) {
                continue;
            }
            for (Pod pod : cache.podsOn(node.getMetadata().getName())) {
                String uid = pod.getMetadata().getUid();
                if (SimObjects.terminating(pod) || evicted.contains(uid)) {
                    continue;
                }
                Optional<Instant> deadline = evictionDeadline(pod, noExecute);
                if (deadline.isEmpty()) {
                    continue;
                }
                scheduledEvictions.computeIfAbsent(node.getMetadata().getName(), n -> new HashSet<>()).add(uid);
                if (!now.isBefore(deadline.get())) {
                    evict(pod, now);
                }
            }
        }
        evicted.retainAll(cache.pods().stream().map(p -> p.getMetadata().getUid()).toList());
    }

    /** When the pod must go: now if a taint is not tolerated, never if all are tolerated forever. */
    static Optional<Instant> evictionDeadline(Pod pod, List<io.fabric8.kubernetes.api.model.Taint> noExecuteTaints) {
        Instant earliest = null;
        for (var taint : noExecuteTaints) {
            Instant added = Optional.ofNullable(SimObjects.parseTime(taint.getTimeAdded())).orElse(Instant.EPOCH);
            Long seconds = null;
            boolean tolerated = false;
            boolean forever = false;
            for (Toleration t : pod.getSpec().getTolerations()) {
                if (toleration(t).tolerates(taint.getKey(), taint.getEffect())) {
                    tolerated = true;
                    if (t.getTolerationSeconds() == null) {
                        forever = true;
                    } else {
                        seconds = seconds == null ? t.getTolerationSeconds() : Math.min(seconds, t.getTolerationSeconds());
                    }
                }
            }
            if (!tolerated) {
                return Optional.of(Instant.EPOCH);
            }
            if (forever && seconds == null) {
                continue;
            }
            Instant due = added.plusSeconds(Math.max(0, seconds));
            earliest = earliest == null || due.isBefore(earliest) ? due : earliest;
        }
        return Optional.ofNullable(earliest);
    }

    private static io.pirack.core.cluster.Toleration toleration(Toleration t) {
        return new io.pirack.core.cluster.Toleration(t.getKey(), t.getOperator(), t.getValue(), t.getEffect(), t.getTolerationSeconds());
    }

    private void evict(Pod pod, Instant now) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Pod copy = writer.client().getKubernetesSerialization().clone(pod);
        if (copy.getStatus() == null) {
            copy.setStatus(new io.fabric8.kubernetes.api.model.PodStatus());
        }
        SimObjects.setPodCondition(copy, "DisruptionTarget", "True", "DeletionByTaintManager",
                "Taint manager: deleting due to NoExecute taint", now);
        var resource = writer.client().pods().inNamespace(ns).withName(name);
        writer.set(resource, Map.of("/status", copy.getStatus()));
        events.normal(pod, "taint-eviction-controller", "TaintManagerEviction", "Marking for deletion Pod " + ns + "/" + name);
        resource.delete();
        evicted.add(pod.getMetadata().getUid());
    }

    // ---- workload controllers ------------------------------------------------------------------

    private void syncDeployments() {
        for (Deployment deployment : SimCache.sorted(cache.deployments)) {
            String ns = deployment.getMetadata().getNamespace();
            String hash = templateHash(deployment.getSpec().getTemplate());
            String rsName = deployment.getMetadata().getName() + "-" + hash;
            int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            List<ReplicaSet> owned = SimCache.sorted(cache.replicaSets).stream()
                    .filter(rs -> ownedBy(rs, deployment.getMetadata().getUid())).toList();
            boolean exists = false;
            for (ReplicaSet rs : owned) {
                boolean current = rs.getMetadata().getName().equals(rsName);
                exists |= current;
                int want = current ? replicas : 0;
                if (!Integer.valueOf(want).equals(rs.getSpec().getReplicas()) && writer.isCurrent(rs)) {
                    writer.set(writer.client().apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName()),
                            Map.of("/spec/replicas", want));
                    events.normal(deployment, "deployment-controller", "ScalingReplicaSet",
                            "Scaled " + (current ? "up" : "down") + " replica set " + rs.getMetadata().getName() + " to " + want);
                }
            }
            if (!exists && !pendingCreates.containsKey("rs:" + ns + "/" + rsName)) {
                PodTemplateSpec template = writer.client().getKubernetesSerialization().clone(deployment.getSpec().getTemplate());
                template.getMetadata().getLabels().put("pod-template-hash", hash);
                ReplicaSet rs = new ReplicaSetBuilder()
                        .withNewMetadata().withName(rsName).withNamespace(ns)
                            .withLabels(template.getMetadata().getLabels())
                            .withOwnerReferences(ownerRef(deployment))
                        .endMetadata()
                        .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(template.getMetadata().getLabels())
                            .endSelector().withTemplate(template).endSpec()
                        .build();
                if (writer.create(writer.client().apps().replicaSets().inNamespace(ns).resource(rs))) {
                    pendingCreates.put("rs:" + ns + "/" + rsName, Set.of(rsName));
                    events.normal(deployment, "deployment-controller", "ScalingReplicaSet",
                            "Scaled up replica set " + rsName + " to " + replicas);
                }
            }
            if (exists) {
                pendingCreates.remove("rs:" + ns + "/" + rsName);
            }
        }
    }

    private void syncReplicaSets() {
        List<Pod> pods = cache.pods();
        for (ReplicaSet rs : SimCache.sorted(cache.replicaSets)) {
            String ns = rs.getMetadata().getNamespace();
            String key = "pods:" + ns + "/" + rs.getMetadata().getName();
            List<Pod> owned = pods.stream().filter(p -> ownedBy(p, rs.getMetadata().getUid())).toList();
            Set<String> seen = new HashSet<>(owned.stream().map(p -> p.getMetadata().getName()).toList());
            Set<String> pending = pendingCreates.computeIfAbsent(key, k -> new HashSet<>());
            pending.removeIf(seen::contains);
            // Terminating pods do not count: the replacement is created as soon as the old pod is marked.
            List<Pod> active = owned.stream().filter(p -> !SimObjects.terminating(p)
                    && !"Succeeded".equals(SimObjects.phase(p)) && !"Failed".equals(SimObjects.phase(p))).toList();
            int want = Optional.ofNullable(rs.getSpec().getReplicas()).orElse(1);
            int have = active.size() + pending.size();
            for (int i = have; i < want; i++) {
                String name = rs.getMetadata().getName() + "-" + randomSuffix();
                Pod pod = podFromTemplate(rs.getSpec().getTemplate(), ns, name, ownerRef(rs));
                if (writer.create(writer.client().pods().inNamespace(ns).resource(admission.admit(pod)))) {
                    pending.add(name);
                    events.normal(rs, "replicaset-controller", "SuccessfulCreate", "Created pod: " + name);
                }
            }
            if (have > want && pending.isEmpty()) {
                active.stream()
                        .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed())
                        .limit(have - want)
                        .forEach(p -> {
                            writer.client().pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
                            events.normal(rs, "replicaset-controller", "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
                        });
            }
            int ready = (int) active.stream().filter(SimObjects::podReady).count();
            Integer currentReady = rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas();
            Integer currentReplicas = rs.getStatus() == null ? null : rs.getStatus().getReplicas();
            if ((currentReady == null || currentReady != ready || currentReplicas == null || currentReplicas != active.size())
                    && writer.isCurrent(rs)) {
                writer.set(writer.client().apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName()),
                        Map.of("/status", Map.of("replicas", active.size(), "readyReplicas", ready, "availableReplicas", ready)));
            }
        }
    }

    private void syncStatefulSets() {
        List<Pod> pods = cache.pods();
        for (StatefulSet sts : SimCache.sorted(cache.statefulSets)) {
            String ns = sts.getMetadata().getNamespace();
            int want = Optional.ofNullable(sts.getSpec().getReplicas()).orElse(1);
            for (int i = 0; i < want; i++) {
                String name = sts.getMetadata().getName() + "-" + i;
                String key = "sts:" + ns + "/" + name;
                // A StatefulSet pod keeps its name: no replacement while the old object still exists.
                boolean exists = pods.stream().anyMatch(p -> ns.equals(p.getMetadata().getNamespace()) && name.equals(p.getMetadata().getName()));
                if (exists) {
                    pendingCreates.remove(key);
                    continue;
                }
                if (pendingCreates.containsKey(key)) {
                    continue;
                }
                Pod pod = podFromTemplate(sts.getSpec().getTemplate(), ns, name, ownerRef(sts));
                if (writer.create(writer.client().pods().inNamespace(ns).resource(admission.admit(pod)))) {
                    pendingCreates.put(key, Set.of(name));
                    events.normal(sts, "statefulset-controller", "SuccessfulCreate", "create Pod " + name + " in StatefulSet "
                            + sts.getMetadata().getName() + " successful");
                }
            }
        }
    }

    private void syncDaemonSets() {
        List<Pod> pods = cache.pods();
        for (DaemonSet ds : SimCache.sorted(cache.daemonSets)) {
            String ns = ds.getMetadata().getNamespace();
            for (Node node : cache.nodes()) {
                String nodeName = node.getMetadata().getName();
                String key = "ds:" + ns + "/" + ds.getMetadata().getName() + "@" + nodeName;
                boolean running = pods.stream().anyMatch(p -> ownedBy(p, ds.getMetadata().getUid())
                        && nodeName.equals(SimObjects.nodeName(p)) && !SimObjects.terminating(p));
                if (running) {
                    pendingCreates.remove(key);
                    continue;
                }
                if (pendingCreates.containsKey(key)) {
                    continue;
                }
                String name = ds.getMetadata().getName() + "-" + randomSuffix();
                Pod pod = podFromTemplate(ds.getSpec().getTemplate(), ns, name, ownerRef(ds));
                pod.getSpec().setNodeName(nodeName);
                // DaemonSet pods tolerate a dead node forever (the DaemonSet controller adds these).
                List<Toleration> tolerations = new ArrayList<>(pod.getSpec().getTolerations());
                tolerations.add(SimObjects.noExecuteToleration(Taint.UNREACHABLE, null));
                tolerations.add(SimObjects.noExecuteToleration(Taint.NOT_READY, null));
                pod.getSpec().setTolerations(tolerations);
                if (writer.create(writer.client().pods().inNamespace(ns).resource(admission.admit(pod)))) {
                    pendingCreates.put(key, Set.of(name));
                    events.normal(ds, "daemonset-controller", "SuccessfulCreate", "Created pod: " + name);
                }
            }
        }
    }

    // ---- scheduler -----------------------------------------------------------------------------

    private void schedule() {
        List<Pod> pods = cache.pods();
        assumedBindings.keySet().removeIf(uid -> pods.stream().noneMatch(p -> uid.equals(p.getMetadata().getUid())
                && SimObjects.nodeName(p) == null));
        Map<String, Integer> load = new HashMap<>();
        Map<String, Integer> ownerLoad = new HashMap<>();
        for (Pod p : pods) {
            String node = Optional.ofNullable(SimObjects.nodeName(p)).orElse(assumedBindings.get(p.getMetadata().getUid()));
            if (node != null && !SimObjects.terminating(p)) {
                load.merge(node, 1, Integer::sum);
                ownerLoad.merge(node + "|" + ownerUid(p), 1, Integer::sum);
            }
        }
        for (Pod pod : pods) {
            String uid = pod.getMetadata().getUid();
            if (SimObjects.nodeName(pod) != null || SimObjects.terminating(pod) || assumedBindings.containsKey(uid)) {
                continue;
            }
            List<Node> feasible = cache.nodes().stream().filter(n -> fits(pod, n)).toList();
            if (feasible.isEmpty()) {
                if (reportedUnschedulable.add(uid)) {
                    events.warning(pod, "default-scheduler", "FailedScheduling",
                            "0/" + cache.nodes().size() + " nodes are available: nodes are not ready or have untolerated taints.");
                }
                continue;
            }
            String owner = ownerUid(pod);
            Node chosen = feasible.stream().min(Comparator
                    .comparingInt((Node n) -> ownerLoad.getOrDefault(n.getMetadata().getName() + "|" + owner, 0))
                    .thenComparingInt(n -> load.getOrDefault(n.getMetadata().getName(), 0))
                    .thenComparing(n -> n.getMetadata().getName())).orElseThrow();
            String nodeName = chosen.getMetadata().getName();
            boolean bound = writer.set(writer.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()),
                    Map.of("/spec/nodeName", nodeName));
            if (bound) {
                assumedBindings.put(uid, nodeName);
                reportedUnschedulable.remove(uid);
                load.merge(nodeName, 1, Integer::sum);
                ownerLoad.merge(nodeName + "|" + owner, 1, Integer::sum);
                events.normal(pod, "default-scheduler", "Scheduled", "Successfully assigned "
                        + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + nodeName);
            }
        }
    }

    private static boolean fits(Pod pod, Node node) {
        if (!"True".equals(readyStatus(node)) || Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        for (var taint : node.getSpec().getTaints()) {
            if ("PreferNoSchedule".equals(taint.getEffect())) {
                continue;
            }
            boolean tolerated = pod.getSpec().getTolerations().stream()
                    .anyMatch(t -> toleration(t).tolerates(taint.getKey(), taint.getEffect()));
            if (!tolerated) {
                return false;
            }
        }
        return true;
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static boolean ownedBy(io.fabric8.kubernetes.api.model.HasMetadata object, String ownerUid) {
        return SimObjects.controller(object).map(o -> ownerUid.equals(o.getUid())).orElse(false);
    }

    private static String ownerUid(Pod pod) {
        return SimObjects.controller(pod).map(OwnerReference::getUid).orElse(pod.getMetadata().getName());
    }

    private static OwnerReference ownerRef(io.fabric8.kubernetes.api.model.HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    private Pod podFromTemplate(PodTemplateSpec template, String ns, String name, OwnerReference owner) {
        PodTemplateSpec copy = writer.client().getKubernetesSerialization().clone(template);
        return new PodBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns)
                        .withLabels(copy.getMetadata() == null ? Map.of() : copy.getMetadata().getLabels())
                        .withOwnerReferences(owner).build())
                .withSpec(copy.getSpec())
                .build();
    }

    private String randomSuffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(names.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String templateHash(PodTemplateSpec template) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String json = io.fabric8.kubernetes.client.utils.Serialization.asJson(template);
            byte[] hash = digest.digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
