package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Node;
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
import io.pirack.core.cluster.Taint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The Deployment, ReplicaSet, StatefulSet and DaemonSet controllers of kube-controller-manager:
 * desired pods from each owner's spec, created through the API (admitted like the API server
 * admits them); a StatefulSet pod keeps its name, so it is never replaced while the old object exists.
 */
final class WorkloadControllers {

    private final SimWriter writer;
    private final SimCache cache;
    private final SimEvents events;
    private final SimAdmission admission;
    private final Random names;
    /** Objects this controller created but the cache has not shown yet ("expectations"). */
    private final Map<String, Set<String>> pendingCreates = new HashMap<>();

    WorkloadControllers(SimWriter writer, SimCache cache, SimEvents events, SimAdmission admission, long seed) {
        this.writer = writer;
        this.cache = cache;
        this.events = events;
        this.admission = admission;
        this.names = new Random(seed);
    }

    void syncAll() {
        SimControlPlane.step("deployments", this::syncDeployments);
        SimControlPlane.step("replicasets", this::syncReplicaSets);
        SimControlPlane.step("statefulsets", this::syncStatefulSets);
        SimControlPlane.step("daemonsets", this::syncDaemonSets);
    }

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

    private static boolean ownedBy(io.fabric8.kubernetes.api.model.HasMetadata object, String ownerUid) {
        return SimObjects.controller(object).map(o -> ownerUid.equals(o.getUid())).orElse(false);
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
