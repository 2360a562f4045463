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
import java.util.Objects;
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
    /** Pods this controller deleted but the cache still shows as active. */
    private final Map<String, Set<String>> pendingDeletes = new HashMap<>();

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

    /**
     * The Deployment controller's RollingUpdate (pkg/controller/deployment/rolling.go): the ReplicaSet
     * of the current pod template (named and labelled with its pod-template-hash) scales up within
     * maxSurge, old ones scale down while at least replicas − maxUnavailable pods stay available
     * (25 % each by default, surge rounded up, unavailable down); one step per pass, as each step
     * waits for the ReplicaSets' status to catch up.
     */
    private void syncDeployments() {
        for (Deployment deployment : SimCache.sorted(cache.deployments)) {
            String ns = deployment.getMetadata().getNamespace();
            String hash = templateHash(deployment.getSpec().getTemplate());
            String rsName = deployment.getMetadata().getName() + "-" + hash;
            int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
            List<ReplicaSet> owned = SimCache.sorted(cache.replicaSets).stream()
                    .filter(rs -> ownedBy(rs, deployment.getMetadata().getUid())).toList();
            if (owned.stream().anyMatch(rs -> !writer.isCurrent(rs))) {
                continue; // our last scaling is not in the cache yet
            }
            ReplicaSet newRs = owned.stream().filter(rs -> rs.getMetadata().getName().equals(rsName)).findFirst().orElse(null);
            List<ReplicaSet> old = owned.stream().filter(rs -> rs != newRs)
                    .sorted(Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp())).toList();
            int[] surgeAndUnavailable = rollingParameters(deployment, replicas);
            int all = owned.stream().mapToInt(WorkloadControllers::specReplicas).sum();
            String key = "rs:" + ns + "/" + rsName;
            if (newRs == null) {
                if (!pendingCreates.containsKey(key)) {
                    int start = old.isEmpty() ? replicas : Math.max(0, Math.min(replicas + surgeAndUnavailable[0] - all, replicas));
                    createReplicaSet(deployment, ns, rsName, hash, start);
                }
                writeDeploymentStatus(deployment, owned, null);
                continue;
            }
            pendingCreates.remove(key);
            if (!scaleUpNew(deployment, newRs, replicas, surgeAndUnavailable[0], all)) {
                scaleDownOld(deployment, newRs, old, replicas, surgeAndUnavailable[1], all);
            }
            writeDeploymentStatus(deployment, owned, newRs);
        }
    }

    private void createReplicaSet(Deployment deployment, String ns, String rsName, String hash, int replicas) {
        PodTemplateSpec template = writer.client().getKubernetesSerialization().clone(deployment.getSpec().getTemplate());
        template.getMetadata().getLabels().put("pod-template-hash", hash);
        Map<String, String> selector = new HashMap<>(deployment.getSpec().getSelector().getMatchLabels());
        selector.put("pod-template-hash", hash);
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata().withName(rsName).withNamespace(ns)
                    .withLabels(template.getMetadata().getLabels())
                    .withOwnerReferences(ownerRef(deployment))
                .endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(selector)
                    .endSelector().withTemplate(template).endSpec()
                .build();
        if (writer.create(writer.client().apps().replicaSets().inNamespace(ns).resource(rs))) {
            pendingCreates.put("rs:" + ns + "/" + rsName, Set.of(rsName));
            events.normal(deployment, "deployment-controller", "ScalingReplicaSet",
                    "Scaled up replica set " + rsName + " from 0 to " + replicas);
        }
    }

    /** NewRSNewReplicas: up to replicas + maxSurge pods in all ReplicaSets together. True if it scaled. */
    private boolean scaleUpNew(Deployment deployment, ReplicaSet newRs, int replicas, int maxSurge, int all) {
        int current = specReplicas(newRs);
        int want = current;
        if (current > replicas) {
            want = replicas;
        } else if (current < replicas) {
            want = current + Math.max(0, Math.min(replicas + maxSurge - all, replicas - current));
        }
        return want != current && scale(deployment, newRs, want);
    }

    /**
     * reconcileOldReplicaSets: scale old ReplicaSets down by what keeps replicas − maxUnavailable pods
     * available, unhealthy pods first (cleanupUnhealthyReplicas), oldest ReplicaSet first.
     */
    private void scaleDownOld(Deployment deployment, ReplicaSet newRs, List<ReplicaSet> old, int replicas, int maxUnavailable, int all) {
        int minAvailable = replicas - maxUnavailable;
        int newUnavailable = specReplicas(newRs) - available(newRs);
        int maxScaledDown = all - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return;
        }
        int cleaned = 0;
        for (ReplicaSet rs : old) {
            int unhealthy = specReplicas(rs) - available(rs);
            int down = Math.min(unhealthy, maxScaledDown - cleaned);
            if (down > 0 && scale(deployment, rs, specReplicas(rs) - down)) {
                cleaned += down;
            }
        }
        if (cleaned > 0) {
            return;
        }
        int availableAll = available(newRs) + old.stream().mapToInt(WorkloadControllers::available).sum();
        int remaining = availableAll - minAvailable;
        for (ReplicaSet rs : old) {
            int down = Math.min(specReplicas(rs), remaining);
            if (down > 0 && scale(deployment, rs, specReplicas(rs) - down)) {
                remaining -= down;
            }
        }
    }

    private boolean scale(Deployment deployment, ReplicaSet rs, int to) {
        int from = specReplicas(rs);
        boolean done = writer.set(rs, Map.of("/spec/replicas", to));
        if (done) {
            events.normal(deployment, "deployment-controller", "ScalingReplicaSet",
                    "Scaled " + (to > from ? "up" : "down") + " replica set " + rs.getMetadata().getName() + " from " + from + " to " + to);
        }
        return done;
    }

    /** maxSurge / maxUnavailable from the strategy (ints or percentages), 25 % / 25 % by default. */
    static int[] rollingParameters(Deployment deployment, int replicas) {
        var strategy = deployment.getSpec().getStrategy();
        var rolling = strategy == null ? null : strategy.getRollingUpdate();
        int surge = resolve(rolling == null ? null : rolling.getMaxSurge(), replicas, true);
        int unavailable = resolve(rolling == null ? null : rolling.getMaxUnavailable(), replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1; // ResolveFenceposts: a rollout must be able to make progress
        }
        return new int[] {surge, unavailable};
    }

    private static int resolve(io.fabric8.kubernetes.api.model.IntOrString value, int replicas, boolean roundUp) {
        if (value == null) {
            return roundUp ? (replicas * 25 + 99) / 100 : replicas * 25 / 100;
        }
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String text = value.getStrVal().trim();
        int percent = Integer.parseInt(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
        return roundUp ? (replicas * percent + 99) / 100 : replicas * percent / 100;
    }

    private void writeDeploymentStatus(Deployment deployment, List<ReplicaSet> owned, ReplicaSet newRs) {
        int total = owned.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas()).sum();
        int ready = owned.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas()).sum();
        int availableAll = owned.stream().mapToInt(WorkloadControllers::available).sum();
        int updated = newRs == null || newRs.getStatus() == null || newRs.getStatus().getReplicas() == null ? 0 : newRs.getStatus().getReplicas();
        int replicas = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        Long generation = deployment.getMetadata().getGeneration();
        Map<String, Object> status = new java.util.LinkedHashMap<>();
        status.put("observedGeneration", generation == null ? 1L : generation);
        status.put("replicas", total);
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", availableAll);
        status.put("unavailableReplicas", Math.max(0, replicas - availableAll));
        var current = deployment.getStatus();
        if (current != null && Objects.equals(current.getObservedGeneration(), status.get("observedGeneration"))
                && Objects.equals(current.getReplicas(), total) && Objects.equals(current.getUpdatedReplicas(), updated)
                && Objects.equals(current.getReadyReplicas(), ready) && Objects.equals(current.getAvailableReplicas(), availableAll)
                && Objects.equals(current.getUnavailableReplicas(), status.get("unavailableReplicas"))) {
            return;
        }
        if (writer.isCurrent(deployment)) {
            writer.set(deployment, Map.of("/status", status));
        }
    }

    private static int specReplicas(ReplicaSet rs) {
        return Optional.ofNullable(rs.getSpec().getReplicas()).orElse(1);
    }

    private static int available(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
    }

    /**
     * The ReplicaSet controller, in two rounds per pass: every ReplicaSet's surplus pods are deleted
     * before any ReplicaSet's missing pods are created. During a rollout the Deployment controller
     * scales the new ReplicaSet up as soon as the old one's spec is down; creating first would show,
     * for a moment, one pod more than maxSurge allows (kube-controller-manager's workers race the same
     * way, but only for milliseconds; at the rehearsal rack's pass rate an audience could see it).
     * Deletions, like creations, are remembered until the cache shows them ("expectations"), so a
     * surplus pod is never deleted twice while the cache lags.
     */
    private void syncReplicaSets() {
        List<Pod> pods = cache.pods();
        List<Runnable> creations = new ArrayList<>();
        for (ReplicaSet rs : SimCache.sorted(cache.replicaSets)) {
            String ns = rs.getMetadata().getNamespace();
            String key = "pods:" + ns + "/" + rs.getMetadata().getName();
            List<Pod> owned = pods.stream().filter(p -> ownedBy(p, rs.getMetadata().getUid())).toList();
            Set<String> seen = new HashSet<>(owned.stream().map(p -> p.getMetadata().getName()).toList());
            Set<String> pending = pendingCreates.computeIfAbsent(key, k -> new HashSet<>());
            pending.removeIf(seen::contains);
            // Terminating pods do not count: the replacement is created as soon as the old pod is marked.
            List<Pod> notTerminating = owned.stream().filter(p -> !SimObjects.terminating(p)).toList();
            Set<String> deleting = pendingDeletes.computeIfAbsent(key, k -> new HashSet<>());
            deleting.retainAll(notTerminating.stream().map(p -> p.getMetadata().getName()).toList());
            List<Pod> active = notTerminating.stream().filter(p -> !deleting.contains(p.getMetadata().getName())
                    && !"Succeeded".equals(SimObjects.phase(p)) && !"Failed".equals(SimObjects.phase(p))).toList();
            int want = Optional.ofNullable(rs.getSpec().getReplicas()).orElse(1);
            int have = active.size() + pending.size();
            if (have < want) {
                creations.add(() -> create(rs, ns, want - have, pending));
            }
            if (have > want && pending.isEmpty()) {
                // getPodsToDelete / ActivePods ordering: unscheduled, then pending, then not ready, then newest.
                active.stream()
                        .sorted(Comparator.comparing((Pod p) -> SimObjects.nodeName(p) != null)
                                .thenComparing(p -> !"Pending".equals(SimObjects.phase(p)))
                                .thenComparing(SimObjects::podReady)
                                .thenComparing(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()).reversed()))
                        .limit(have - want)
                        .forEach(p -> {
                            writer.client().pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
                            deleting.add(p.getMetadata().getName());
                            events.normal(rs, "replicaset-controller", "SuccessfulDelete", "Deleted pod: " + p.getMetadata().getName());
                        });
            }
            int ready = (int) active.stream().filter(SimObjects::podReady).count();
            Integer currentReady = rs.getStatus() == null ? null : rs.getStatus().getReadyReplicas();
            Integer currentReplicas = rs.getStatus() == null ? null : rs.getStatus().getReplicas();
            if ((currentReady == null || currentReady != ready || currentReplicas == null || currentReplicas != active.size())
                    && writer.isCurrent(rs)) {
                writer.set(rs, Map.of("/status", Map.of("replicas", active.size(), "readyReplicas", ready, "availableReplicas", ready)));
            }
        }
        creations.forEach(Runnable::run);
    }

    private void create(ReplicaSet rs, String ns, int count, Set<String> pending) {
        for (int i = 0; i < count; i++) {
            String name = rs.getMetadata().getName() + "-" + randomSuffix();
            Pod pod = podFromTemplate(rs.getSpec().getTemplate(), ns, name, ownerRef(rs));
            if (writer.create(writer.client().pods().inNamespace(ns).resource(admission.admit(pod)))) {
                pending.add(name);
                events.normal(rs, "replicaset-controller", "SuccessfulCreate", "Created pod: " + name);
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
        // Which controller has a live pod on which node, from one look at the pods (not one per node and DaemonSet:
        // at 100 nodes and 3,000 pods that was 300,000 owner checks a pass).
        Set<String> runningOn = new HashSet<>();
        for (Pod p : cache.pods()) {
            String podNode = SimObjects.nodeName(p);
            if (podNode != null && !SimObjects.terminating(p)) {
                SimObjects.controller(p).ifPresent(owner -> runningOn.add(owner.getUid() + "@" + podNode));
            }
        }
        for (DaemonSet ds : SimCache.sorted(cache.daemonSets)) {
            String ns = ds.getMetadata().getNamespace();
            for (Node node : cache.nodes()) {
                String nodeName = node.getMetadata().getName();
                String key = "ds:" + ns + "/" + ds.getMetadata().getName() + "@" + nodeName;
                boolean running = runningOn.contains(ds.getMetadata().getUid() + "@" + nodeName);
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
