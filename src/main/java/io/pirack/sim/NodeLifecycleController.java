package io.pirack.sim;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.pirack.core.cluster.Taint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kube-controller-manager's node lifecycle controller, after upstream's
 * {@code pkg/controller/nodelifecycle/node_lifecycle_controller.go}:
 *
 * <ul>
 *   <li>Health: a node's probe time is the controller's own clock when it last <em>saw</em> a new
 *       heartbeat (Ready heartbeat or Lease renewal) — a freshly started controller sees every node
 *       for the first time and gives each a full grace period from its start.</li>
 *   <li>After the grace period the Ready, MemoryPressure, DiskPressure and PIDPressure conditions turn
 *       Unknown (NodeStatusUnknown) and the node's pods lose Ready.</li>
 *   <li>NoSchedule taints follow the conditions at once; the NoExecute taint goes through a per-zone
 *       rate-limited queue (0.1 node/s, burst 1, in a healthy zone). Up to 1.33 a node is queued on the
 *       pass after the one that marked it (kubernetes#120815), from 1.34 in the same pass.</li>
 *   <li>Disruption: a zone with more than two NotReady nodes and ≥ 55 % NotReady stops tainting
 *       (0.01 node/s beyond 50 nodes); when every zone is fully down all NoExecute taints are
 *       removed and tainting stops; when a node comes back every probe time restarts.</li>
 * </ul>
 *
 * A new instance is a restarted controller (the control plane coming back).
 */
final class NodeLifecycleController {

    static final double EVICTION_QPS = 0.1;
    static final double SECONDARY_EVICTION_QPS = 0.01;
    static final int LARGE_CLUSTER_THRESHOLD = 50;
    static final double UNHEALTHY_ZONE_THRESHOLD = 0.55;
    static final Duration NODE_STARTUP_GRACE_PERIOD = Duration.ofSeconds(60);
    private static final List<String> LIFECYCLE_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    private static final Map<String, Map<String, String>> CONDITION_TAINTS = Map.of(
            "Ready", Map.of("False", Taint.NOT_READY, "Unknown", Taint.UNREACHABLE),
            "MemoryPressure", Map.of("True", "node.kubernetes.io/memory-pressure"),
            "DiskPressure", Map.of("True", "node.kubernetes.io/disk-pressure"),
            "PIDPressure", Map.of("True", "node.kubernetes.io/pid-pressure"),
            "NetworkUnavailable", Map.of("True", "node.kubernetes.io/network-unavailable"));

    enum ZoneState { INITIAL, NORMAL, PARTIAL_DISRUPTION, FULL_DISRUPTION }

    private static final class Health {
        Instant probe;
        String heartbeat;
        Instant lease;
    }

    /** flowcontrol's token bucket with burst 1; qps 0 never admits. */
    static final class TokenBucket {
        final double qps;
        private double tokens = 1;
        private Instant last;

        TokenBucket(double qps) {
            this.qps = qps;
        }

        boolean tryAccept(Instant now) {
            if (qps <= 0) {
                return false;
            }
            if (last != null) {
                tokens = Math.min(1, tokens + qps * Duration.between(last, now).toNanos() / 1e9);
            }
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** RateLimitedTimedQueue: nodes waiting for their NoExecute taint, in order. */
    private static final class Tainter {
        final ArrayDeque<String> queue = new ArrayDeque<>();
        TokenBucket limiter = new TokenBucket(EVICTION_QPS);

        void swapLimiter(double qps, Instant now) {
            if (limiter.qps == qps) {
                return;
            }
            TokenBucket next = new TokenBucket(qps);
            if (qps > 0 && !limiter.tryAccept(now)) {
                next.tryAccept(now);
            }
            limiter = next;
        }
    }

    private final SimWriter writer;
    private final SimCache cache;
    private final SimTimings timings;
    private final SimEvents events;
    private final Map<String, Health> health = new HashMap<>();
    private final Set<String> known = new HashSet<>();
    private final Map<String, ZoneState> zoneStates = new HashMap<>();
    private final Map<String, Tainter> tainters = new HashMap<>();
    private Instant lastMonitor;

    NodeLifecycleController(SimWriter writer, SimCache cache, SimTimings timings, SimEvents events) {
        this.writer = writer;
        this.cache = cache;
        this.timings = timings;
        this.events = events;
    }

    void sync(Instant now) {
        if (lastMonitor == null || Duration.between(lastMonitor, now).compareTo(timings.nodeMonitorPeriod()) >= 0) {
            monitorNodeHealth(now);
            lastMonitor = now;
        }
        for (Node node : nodes()) {
            noScheduleTaintingPass(node, now);
        }
        noExecuteTaintingPass(now);
    }

    ZoneState zoneState(String zone) {
        return zoneStates.getOrDefault(zone, ZoneState.INITIAL);
    }

    private List<Node> nodes() {
        return cache.nodes().stream().map(writer::latest).toList();
    }

    static String zone(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels();
        String region = labels.getOrDefault("topology.kubernetes.io/region", "");
        String zone = labels.getOrDefault("topology.kubernetes.io/zone", "");
        return region.isEmpty() && zone.isEmpty() ? "" : region + ":\u0000:" + zone;
    }

    // ---- monitorNodeHealth ---------------------------------------------------------------------

    private void monitorNodeHealth(Instant now) {
        List<Node> nodes = nodes();
        Set<String> names = new HashSet<>();
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            names.add(name);
            tainters.computeIfAbsent(zone(node), z -> new Tainter());
            zoneStates.putIfAbsent(zone(node), ZoneState.INITIAL);
            if (known.add(name)) {
                events.normal(node, "node-controller", "RegisteredNode", "Registered Node " + name + " in Controller");
                markNodeAsReachable(node);
            }
        }
        for (String gone : new ArrayList<>(known)) {
            if (!names.contains(gone)) {
                known.remove(gone);
                health.remove(gone);
            }
        }
        Map<String, List<String>> zoneConditions = new LinkedHashMap<>();
        for (Node cached : nodes()) {
            Node node = writer.latest(cached);
            String observed = readyOrNull(node);
            String current = tryUpdateNodeHealth(node, now);
            zoneConditions.computeIfAbsent(zone(node), z -> new ArrayList<>()).add(current);
            String decide = timings.version().noExecuteOnePassLate() ? (observed == null ? "Unknown" : observed) : current;
            processTaintBaseEviction(writer.latest(node), decide, now);
            if (!"True".equals(current) && "True".equals(observed)) {
                events.normal(node, "node-controller", "NodeNotReady", "Node " + node.getMetadata().getName()
                        + " status is now: NodeNotReady");
                markPodsNotReady(node.getMetadata().getName(), now);
            }
        }
        handleDisruption(zoneConditions, nodes(), now);
    }

    private static String readyOrNull(Node node) {
        return node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(NodeCondition::getStatus).findFirst().orElse(null);
    }

    /** Returns the Ready status after this pass (Unknown once the grace period has run out). */
    private String tryUpdateNodeHealth(Node node, Instant now) {
        String name = node.getMetadata().getName();
        NodeCondition ready = node.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .findFirst().orElse(null);
        String heartbeat = ready == null ? null : ready.getLastHeartbeatTime();
        Health h = health.get(name);
        if (h == null) {
            h = new Health();
            h.probe = now;
            h.heartbeat = heartbeat;
            health.put(name, h);
        } else if (!Objects.equals(h.heartbeat, heartbeat)) {
            h.heartbeat = heartbeat;
            h.probe = now;
        }
        Instant lease = observedLease(name);
        if (lease != null && (h.lease == null || h.lease.isBefore(lease))) {
            h.lease = lease;
            h.probe = now;
        }
        Duration grace = ready == null ? NODE_STARTUP_GRACE_PERIOD : timings.nodeMonitorGracePeriod();
        if (now.isAfter(h.probe.plus(grace))) {
            if (ready == null || !"Unknown".equals(ready.getStatus())) {
                markUnknown(node, now);
            }
            return "Unknown";
        }
        return ready == null ? "Unknown" : ready.getStatus();
    }

    private Instant observedLease(String node) {
        Instant cached = cache.lease(node).map(Lease::getSpec)
                .map(s -> s.getRenewTime() == null ? null : s.getRenewTime().toInstant()).orElse(null);
        // A renewal this process wrote counts as seen even before the cache shows it (no false alarms from cache lag).
        Instant written = writer.lastLeaseRenewal(node).orElse(null);
        return written != null && (cached == null || written.isAfter(cached)) ? written : cached;
    }

    private void markUnknown(Node node, Instant now) {
        String name = node.getMetadata().getName();
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (String type : LIFECYCLE_CONDITIONS) {
            if (node.getStatus().getConditions().stream().noneMatch(c -> type.equals(c.getType()))) {
                Map<String, Object> condition = new LinkedHashMap<>();
                condition.put("type", type);
                condition.put("status", "Unknown");
                condition.put("reason", "NodeStatusNeverUpdated");
                condition.put("message", "Kubelet never posted node status.");
                condition.put("lastHeartbeatTime", node.getMetadata().getCreationTimestamp());
                condition.put("lastTransitionTime", SimObjects.time(now));
                conditions.add(condition);
            }
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("type", c.getType());
            condition.put("lastHeartbeatTime", c.getLastHeartbeatTime());
            if (LIFECYCLE_CONDITIONS.contains(c.getType()) && !"Unknown".equals(c.getStatus())) {
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
        writer.set(SimObjects.nodeNamed(name), Map.of("/status/conditions", conditions));
    }

    /** MarkPodsNotReady: every pod on the node loses its Ready condition at once. */
    private void markPodsNotReady(String nodeName, Instant now) {
        for (Pod pod : cache.podsOn(nodeName)) {
            if (SimObjects.terminating(pod) || !SimObjects.podReady(pod)) {
                continue;
            }
            Pod copy = writer.client().getKubernetesSerialization().clone(pod);
            SimObjects.setPodCondition(copy, "Ready", "False", null, null, now);
            SimObjects.setPodCondition(copy, "ContainersReady", "False", null, null, now);
            writer.set(pod, Map.of("/status/conditions", copy.getStatus().getConditions()));
            events.warning(pod, "node-controller", "NodeNotReady", "Node is not ready");
        }
    }

    // ---- taints --------------------------------------------------------------------------------

    private void processTaintBaseEviction(Node node, String ready, Instant now) {
        switch (ready) {
            case "False" -> {
                if (SimObjects.hasTaint(node, Taint.UNREACHABLE, Taint.NO_EXECUTE)) {
                    swapNoExecute(node, Taint.NOT_READY, Taint.UNREACHABLE, now);
                } else {
                    markNodeForTainting(node);
                }
            }
            case "Unknown" -> {
                if (SimObjects.hasTaint(node, Taint.NOT_READY, Taint.NO_EXECUTE)) {
                    swapNoExecute(node, Taint.UNREACHABLE, Taint.NOT_READY, now);
                } else {
                    markNodeForTainting(node);
                }
            }
            default -> markNodeAsReachable(node);
        }
    }

    private void markNodeForTainting(Node node) {
        Tainter tainter = tainters.computeIfAbsent(zone(node), z -> new Tainter());
        if (!tainter.queue.contains(node.getMetadata().getName())) {
            tainter.queue.addLast(node.getMetadata().getName());
        }
    }

    /** Removes the NoExecute lifecycle taints and takes the node out of the taint queue. */
    private void markNodeAsReachable(Node node) {
        Node latest = writer.latest(node);
        List<io.fabric8.kubernetes.api.model.Taint> kept = latest.getSpec().getTaints().stream()
                .filter(t -> !(Taint.NO_EXECUTE.equals(t.getEffect())
                        && (Taint.UNREACHABLE.equals(t.getKey()) || Taint.NOT_READY.equals(t.getKey()))))
                .toList();
        if (kept.size() != latest.getSpec().getTaints().size()) {
            SimObjects.writeTaints(writer, node.getMetadata().getName(), kept);
        }
        Tainter tainter = tainters.get(zone(node));
        if (tainter != null) {
            tainter.queue.remove(node.getMetadata().getName());
        }
    }

    /** SwapNodeControllerTaint for the NoExecute lifecycle taints; new taints get timeAdded. */
    private void swapNoExecute(Node node, String add, String remove, Instant now) {
        Node latest = writer.latest(node);
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>(latest.getSpec().getTaints());
        boolean changed = taints.removeIf(t -> remove.equals(t.getKey()) && Taint.NO_EXECUTE.equals(t.getEffect()));
        if (taints.stream().noneMatch(t -> add.equals(t.getKey()) && Taint.NO_EXECUTE.equals(t.getEffect()))) {
            taints.add(new TaintBuilder().withKey(add).withEffect(Taint.NO_EXECUTE).withTimeAdded(SimObjects.time(now)).build());
            changed = true;
        }
        if (changed) {
            SimObjects.writeTaints(writer, node.getMetadata().getName(), taints);
        }
    }

    /** doNoScheduleTaintingPass: NoSchedule taints mirror the conditions (and cordoning) at once. */
    private void noScheduleTaintingPass(Node node, Instant now) {
        Set<String> wanted = new java.util.LinkedHashSet<>();
        for (NodeCondition c : node.getStatus().getConditions()) {
            String key = CONDITION_TAINTS.getOrDefault(c.getType(), Map.of()).get(c.getStatus());
            if (key != null) {
                wanted.add(key);
            }
        }
        if (Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            wanted.add(Taint.UNSCHEDULABLE);
        }
        Set<String> managed = new HashSet<>(List.of(Taint.UNSCHEDULABLE));
        CONDITION_TAINTS.values().forEach(m -> managed.addAll(m.values()));
        List<io.fabric8.kubernetes.api.model.Taint> taints = new ArrayList<>();
        Set<String> present = new HashSet<>();
        boolean changed = false;
        for (var t : node.getSpec().getTaints()) {
            if (Taint.NO_SCHEDULE.equals(t.getEffect()) && managed.contains(t.getKey())) {
                if (!wanted.contains(t.getKey())) {
                    changed = true;
                    continue;
                }
                present.add(t.getKey());
            }
            taints.add(t);
        }
        for (String key : wanted) {
            if (!present.contains(key)) {
                taints.add(new TaintBuilder().withKey(key).withEffect(Taint.NO_SCHEDULE).withTimeAdded(SimObjects.time(now)).build());
                changed = true;
            }
        }
        if (changed) {
            SimObjects.writeTaints(writer, node.getMetadata().getName(), taints);
        }
    }

    /** doNoExecuteTaintingPass: taints queued nodes as fast as each zone's limiter allows. */
    private void noExecuteTaintingPass(Instant now) {
        for (Tainter tainter : tainters.values()) {
            while (!tainter.queue.isEmpty()) {
                if (!tainter.limiter.tryAccept(now)) {
                    break;
                }
                String name = tainter.queue.pollFirst();
                Node node = cache.node(name).map(writer::latest).orElse(null);
                if (node == null) {
                    continue;
                }
                switch (SimObjects.readyStatus(node)) {
                    case "False" -> swapNoExecute(node, Taint.NOT_READY, Taint.UNREACHABLE, now);
                    case "Unknown" -> swapNoExecute(node, Taint.UNREACHABLE, Taint.NOT_READY, now);
                    default -> {
                        // Ready again: nothing to taint.
                    }
                }
            }
        }
    }

    // ---- disruption ----------------------------------------------------------------------------

    private static ZoneState computeZoneState(List<String> readyStatuses) {
        long ready = readyStatuses.stream().filter("True"::equals).count();
        long notReady = readyStatuses.size() - ready;
        if (ready == 0 && notReady > 0) {
            return ZoneState.FULL_DISRUPTION;
        }
        if (notReady > 2 && (double) notReady / (notReady + ready) >= UNHEALTHY_ZONE_THRESHOLD) {
            return ZoneState.PARTIAL_DISRUPTION;
        }
        return ZoneState.NORMAL;
    }

    private void handleDisruption(Map<String, List<String>> zoneConditions, List<Node> nodes, Instant now) {
        Map<String, ZoneState> newStates = new HashMap<>();
        boolean allAreFullyDisrupted = true;
        for (var entry : zoneConditions.entrySet()) {
            ZoneState state = computeZoneState(entry.getValue());
            allAreFullyDisrupted &= state == ZoneState.FULL_DISRUPTION;
            newStates.put(entry.getKey(), state);
            zoneStates.putIfAbsent(entry.getKey(), ZoneState.INITIAL);
        }
        boolean allWasFullyDisrupted = true;
        zoneStates.keySet().retainAll(zoneConditions.keySet());
        for (ZoneState state : zoneStates.values()) {
            if (state != ZoneState.FULL_DISRUPTION) {
                allWasFullyDisrupted = false;
                break;
            }
        }
        if (allAreFullyDisrupted && allWasFullyDisrupted) {
            return;
        }
        if (allAreFullyDisrupted) {
            // Every node is down: most likely the network or the control plane, not the nodes. Stop everything.
            nodes.forEach(this::markNodeAsReachable);
            tainters.values().forEach(t -> t.swapLimiter(0, now));
            zoneStates.replaceAll((k, v) -> ZoneState.FULL_DISRUPTION);
            return;
        }
        if (allWasFullyDisrupted) {
            // Back from a full disruption: every node gets a fresh grace period.
            for (Node node : nodes) {
                Health h = health.get(node.getMetadata().getName());
                if (h != null) {
                    h.probe = now;
                }
            }
            for (String zone : zoneStates.keySet()) {
                setLimiterInZone(zone, zoneConditions.get(zone).size(), newStates.get(zone), now);
                zoneStates.put(zone, newStates.get(zone));
            }
            return;
        }
        for (String zone : new ArrayList<>(zoneStates.keySet())) {
            ZoneState next = newStates.get(zone);
            if (zoneStates.get(zone) != next) {
                setLimiterInZone(zone, zoneConditions.get(zone).size(), next, now);
                zoneStates.put(zone, next);
            }
        }
    }

    private void setLimiterInZone(String zone, int size, ZoneState state, Instant now) {
        Tainter tainter = tainters.computeIfAbsent(zone, z -> new Tainter());
        switch (state) {
            case NORMAL, FULL_DISRUPTION -> tainter.swapLimiter(EVICTION_QPS, now);
            case PARTIAL_DISRUPTION -> tainter.swapLimiter(size > LARGE_CLUSTER_THRESHOLD ? SECONDARY_EVICTION_QPS : 0, now);
            default -> {
            }
        }
    }
}
