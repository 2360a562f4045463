package io.pirack.sim;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.images.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated kubelet for one Pi: renews the node's Lease, posts Ready when it (re)starts, starts the
 * pods bound to its node (slower when the image must be pulled first) and finishes the deletion of
 * its Terminating pods. While its Pi is "unplugged" it does nothing at all — which is exactly what
 * the rest of the control plane has to notice.
 */
public final class SimKubelet {

    private static final Logger LOG = LoggerFactory.getLogger(SimKubelet.class);
    private static final String COMPONENT = "kubelet";
    /** The kubelet's own messages for the pressure conditions (pkg/kubelet/nodestatus). */
    static final Map<String, String> KUBELET_MESSAGES = Map.of(
            "MemoryPressure", "kubelet has sufficient memory available",
            "DiskPressure", "kubelet has no disk pressure",
            "PIDPressure", "kubelet has sufficient PID available");

    private final String nodeName;
    private final SimWriter writer;
    private final SimCache cache;
    private final SimTimings timings;
    private final SimEvents events;
    private final int nodeIndex;

    private volatile boolean powered = true;
    private boolean postedReady;
    /** Set after a power cycle: the Pi is booting until then, and reports NotReady first. */
    private Instant bootedAt;
    private Instant readyAt;
    private Instant lastStatusPost;
    private Instant lastRenew;
    private final Map<String, Instant> containerStartDue = new HashMap<>();
    private final Map<String, Instant> readyDue = new HashMap<>();
    private final Set<String> pulledImages = new LinkedHashSet<>();
    /** The runtime's pull error for (image, this node's platform), empty when the pull works. */
    private final BiFunction<String, Platform, Optional<String>> pullErrors;
    private final Map<String, FailingPull> failingPulls = new HashMap<>();

    SimKubelet(String nodeName, int nodeIndex, SimWriter writer, SimCache cache, SimTimings timings, SimEvents events) {
        this(nodeName, nodeIndex, writer, cache, timings, events, (image, platform) -> Optional.empty());
    }

    SimKubelet(String nodeName, int nodeIndex, SimWriter writer, SimCache cache, SimTimings timings, SimEvents events,
               BiFunction<String, Platform, Optional<String>> pullErrors) {
        this.pullErrors = pullErrors;
        this.nodeName = nodeName;
        this.nodeIndex = nodeIndex;
        this.writer = writer;
        this.cache = cache;
        this.timings = timings;
        this.events = events;
    }

    public String nodeName() {
        return nodeName;
    }

    public boolean powered() {
        return powered;
    }

    /** Time from a kubelet's start to the node being Ready (runtime and network up, PLEG healthy). */
    static final Duration READY_AFTER_START = Duration.ofSeconds(3);

    /** Cuts or restores power: a cut kubelet stops all work; a restored one boots, then starts. */
    void setPowered(boolean on, Instant now) {
        if (on && !powered) {
            postedReady = false;
            lastRenew = null;
            containerStartDue.clear();
            readyDue.clear();
            failingPulls.clear();
            bootedAt = now.plus(timings.bootDelay());
            readyAt = bootedAt.plus(READY_AFTER_START);
        }
        powered = on;
    }

    private boolean booting(Instant now) {
        return bootedAt != null && now.isBefore(bootedAt);
    }

    /** Heartbeat first, separately, so that heavy pod work can never delay it. */
    void heartbeat(Instant now) {
        if (!powered || booting(now)) {
            return;
        }
        try {
            renewLease(now);
        } catch (KubernetesClientException e) {
            LOG.debug("kubelet {} could not renew its lease: {}", nodeName, e.getMessage());
        }
    }

    /** One pass of the kubelet's pod sync loop; called on the rack's single simulation thread. */
    void sync(Instant now) {
        if (!powered || booting(now)) {
            return;
        }
        try {
            cache.node(nodeName).map(writer::latest).ifPresent(node -> {
                // Like a real kubelet's periodic status update: a node the controller marked Unknown while this
                // kubelet kept running (cable pulled, API partitioned) is reported Ready again once it gets through.
                if (!postedReady || (!readyInCache(node) && statusUpdateDue(now)) || statusReportDue(now)) {
                    postReady(node, now);
                }
                for (Pod pod : cache.podsOn(nodeName)) {
                    if (writer.isCurrent(pod)) {
                        syncPod(node, pod, now);
                    }
                }
            });
        } catch (KubernetesClientException e) {
            LOG.debug("kubelet {} sync failed: {}", nodeName, e.getMessage());
        }
    }

    private void renewLease(Instant now) {
        if (lastRenew != null && Duration.between(lastRenew, now).compareTo(timings.leaseRenewInterval()) < 0) {
            return;
        }
        var leases = writer.client().leases().inNamespace("kube-node-lease");
        if (cache.lease(nodeName).isEmpty()) {
            writer.create(leases.resource(new LeaseBuilder()
                    .withNewMetadata().withName(nodeName).withNamespace("kube-node-lease").endMetadata()
                    .withNewSpec().withHolderIdentity(nodeName).withLeaseDurationSeconds(timings.leaseDurationSeconds())
                    .withRenewTime(SimObjects.microTime(now)).endSpec().build()));
        } else {
            writer.set(cache.lease(nodeName).get(), Map.of("/spec/renewTime", SimObjects.microTimeText(now)));
        }
        lastRenew = now;
        writer.leaseRenewed(nodeName, now);
    }

    private static boolean readyInCache(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /**
     * kubelet --node-status-report-frequency (5 min by default with node Leases): an unchanged status is
     * still posted that often, refreshing every condition's lastHeartbeatTime.
     */
    static final Duration NODE_STATUS_REPORT_FREQUENCY = Duration.ofMinutes(5);

    private boolean statusReportDue(Instant now) {
        return postedReady && lastStatusPost != null && Duration.between(lastStatusPost, now).compareTo(NODE_STATUS_REPORT_FREQUENCY) >= 0;
    }

    private boolean statusUpdateDue(Instant now) {
        return lastStatusPost == null || Duration.between(lastStatusPost, now).compareTo(timings.leaseRenewInterval()) >= 0;
    }

    private void postReady(Node node, Instant now) {
        lastStatusPost = now;
        boolean firstSinceStart = !postedReady;
        boolean starting = readyAt != null && now.isBefore(readyAt);
        boolean wasReady = node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean wasNotReady = node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "False".equals(c.getStatus()));
        if (starting && wasNotReady) {
            return;
        }
        List<Map<String, Object>> conditions = new ArrayList<>();
        for (String type : List.of("MemoryPressure", "DiskPressure", "PIDPressure", "Ready")) {
            boolean ready = "Ready".equals(type);
            String status = ready && !starting ? "True" : "False";
            String previous = node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                    .map(NodeCondition::getStatus).findFirst().orElse(null);
            String transition = status.equals(previous)
                    ? node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                        .map(NodeCondition::getLastTransitionTime).findFirst().orElse(SimObjects.time(now))
                    : SimObjects.time(now);
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("type", type);
            condition.put("status", status);
            condition.put("reason", ready ? (starting ? "KubeletNotReady" : "KubeletReady")
                    : type.equals("PIDPressure") ? "KubeletHasSufficientPID"
                    : type.equals("DiskPressure") ? "KubeletHasNoDiskPressure" : "KubeletHasSufficientMemory");
            condition.put("message", ready ? (starting ? "container runtime status check may not have completed yet"
                    : "kubelet is posting ready status") : KUBELET_MESSAGES.get(type));
            condition.put("lastHeartbeatTime", SimObjects.time(now));
            condition.put("lastTransitionTime", transition);
            conditions.add(condition);
        }
        if (writer.set(node, Map.of("/status/conditions", conditions))) {
            if (starting) {
                if (!wasNotReady) {
                    events.normal(node, COMPONENT, "Starting", "Starting kubelet.");
                    events.normal(node, COMPONENT, "NodeNotReady", "Node " + nodeName + " status is now: NodeNotReady");
                }
                return;
            }
            postedReady = true;
            readyAt = null;
            if (firstSinceStart && !wasNotReady) {
                events.normal(node, COMPONENT, "Starting", "Starting kubelet.");
            }
            if (!wasReady) {
                events.normal(node, COMPONENT, "NodeReady", "Node " + nodeName + " status is now: NodeReady");
            }
        }
    }

    private void syncPod(Node node, Pod pod, Instant now) {
        String uid = pod.getMetadata().getUid();
        if (SimObjects.terminating(pod)) {
            // The containers stop and the kubelet confirms the deletion.
            events.normal(pod, COMPONENT, "Killing", "Stopping container " + pod.getSpec().getContainers().get(0).getName());
            writer.set(pod, Map.of("/metadata/finalizers", List.of()));
            containerStartDue.remove(uid);
            readyDue.remove(uid);
            failingPulls.remove(uid);
            return;
        }
        String phase = SimObjects.phase(pod);
        if ("Pending".equals(phase)) {
            startContainers(node, pod, now);
        } else if ("Running".equals(phase) && !SimObjects.podReady(pod)) {
            Instant due = readyDue.computeIfAbsent(uid, u -> now.plus(timings.readinessDelay()));
            if (!now.isBefore(due)) {
                // The kubelet reports readiness on the container too (kubectl's READY column reads it).
                List<Map<String, Object>> statuses = new ArrayList<>();
                for (var s : pod.getStatus().getContainerStatuses()) {
                    Map<String, Object> status = new LinkedHashMap<>();
                    status.put("name", s.getName());
                    status.put("image", s.getImage());
                    status.put("imageID", s.getImageID());
                    status.put("ready", true);
                    status.put("started", true);
                    status.put("restartCount", s.getRestartCount() == null ? 0 : s.getRestartCount());
                    status.put("state", s.getState());
                    statuses.add(status);
                }
                writer.set(pod, Map.of("/status/conditions", conditions(pod, now, true, true),
                        "/status/containerStatuses", statuses));
                readyDue.remove(uid);
            }
        }
    }

    private void startContainers(Node node, Pod pod, Instant now) {
        String uid = pod.getMetadata().getUid();
        List<String> images = pod.getSpec().getContainers().stream().map(c -> c.getImage()).toList();
        Set<String> present = presentImages(node);
        List<String> missing = images.stream().filter(i -> !present.contains(i)).toList();
        Platform platform = platformOf(node);
        for (String image : missing) {
            Optional<String> error = pullErrors.apply(image, platform);
            if (error.isPresent()) {
                failPull(node, pod, now, image, error.get());
                return;
            }
        }
        Instant due = containerStartDue.get(uid);
        if (due == null) {
            due = now.plus(timings.podStart()).plus(missing.isEmpty() ? Duration.ZERO : timings.imagePull());
            containerStartDue.put(uid, due);
            for (String image : missing) {
                events.normal(pod, COMPONENT, "Pulling", "Pulling image \"" + image + "\"");
            }
            return;
        }
        if (now.isBefore(due)) {
            return;
        }
        for (String image : missing) {
            events.normal(pod, COMPONENT, "Pulled", "Successfully pulled image \"" + image + "\"");
        }
        if (!missing.isEmpty()) {
            pulledImages.addAll(missing);
            publishImages(node);
        }
        List<Map<String, Object>> containerStatuses = new ArrayList<>();
        for (var container : pod.getSpec().getContainers()) {
            containerStatuses.add(Map.of("name", container.getName(), "image", container.getImage(), "ready", false,
                    "started", true, "restartCount", 0,
                    "state", Map.of("running", Map.of("startedAt", SimObjects.time(now)))));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Running");
        status.put("startTime", SimObjects.time(now));
        status.put("hostIP", node.getStatus().getAddresses().isEmpty() ? null : node.getStatus().getAddresses().get(0).getAddress());
        status.put("podIP", "10.42." + nodeIndex + "." + (Math.floorMod(uid.hashCode(), 250) + 2));
        status.put("containerStatuses", containerStatuses);
        status.put("conditions", conditions(pod, now, false, true));
        if (writer.set(pod, Map.of("/status", status))) {
            events.normal(pod, COMPONENT, "Created", "Created container " + pod.getSpec().getContainers().get(0).getName());
            events.normal(pod, COMPONENT, "Started", "Started container " + pod.getSpec().getContainers().get(0).getName());
            containerStartDue.remove(uid);
            readyDue.put(uid, now.plus(timings.readinessDelay()));
        }
    }

    /** The kubelet's image pull back-off (pkg/kubelet: 10 s doubling to MaxContainerBackOff, 300 s). */
    static final Duration IMAGE_BACKOFF_INITIAL = Duration.ofSeconds(10);
    static final Duration IMAGE_BACKOFF_MAX = Duration.ofSeconds(300);
    /** A registry that answers at once: the manifest is read and refused within a second. */
    static final Duration PULL_REFUSED_AFTER = Duration.ofSeconds(1);
    /** How often the pod worker retries a pod whose last sync failed. */
    static final Duration FAILED_POD_RESYNC = Duration.ofSeconds(2);

    /** One container's image that the runtime refuses, as the kubelet's image manager tracks it. */
    private static final class FailingPull {
        int failures;
        Instant pullDoneAt;
        Instant backOffUntil;
        Instant nextResync;
        String waitingReason;
    }

    private static Platform platformOf(Node node) {
        var info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        String arch = info == null || info.getArchitecture() == null ? node.getMetadata().getLabels().getOrDefault("kubernetes.io/arch", "arm64")
                : info.getArchitecture();
        String os = info == null || info.getOperatingSystem() == null ? "linux" : info.getOperatingSystem();
        return Platform.ofNode(os, arch, info == null ? null : info.getKernelVersion());
    }

    /**
     * The kubelet's image manager (pkg/kubelet/images) for an image the runtime will not pull: Pulling,
     * then Failed "Failed to pull image …" plus "Error: ErrImagePull", the container waiting with
     * ErrImagePull and the runtime's message; while backing off, BackOff "Back-off pulling image …",
     * "Error: ImagePullBackOff" and waiting ImagePullBackOff; after the back-off, Pulling again.
     */
    private void failPull(Node node, Pod pod, Instant now, String image, String error) {
        FailingPull pull = failingPulls.computeIfAbsent(pod.getMetadata().getUid(), u -> new FailingPull());
        if (pull.pullDoneAt == null && (pull.backOffUntil == null || !now.isBefore(pull.backOffUntil))) {
            pull.backOffUntil = null;
            pull.pullDoneAt = now.plus(PULL_REFUSED_AFTER);
            events.normal(pod, COMPONENT, "Pulling", "Pulling image \"" + image + "\"");
            return;
        }
        if (pull.pullDoneAt != null) {
            if (now.isBefore(pull.pullDoneAt)) {
                return;
            }
            pull.pullDoneAt = null;
            pull.failures++;
            Duration backOff = IMAGE_BACKOFF_INITIAL.multipliedBy(1L << Math.min(pull.failures - 1, 5));
            pull.backOffUntil = now.plus(backOff.compareTo(IMAGE_BACKOFF_MAX) > 0 ? IMAGE_BACKOFF_MAX : backOff);
            pull.nextResync = now.plus(FAILED_POD_RESYNC);
            events.warning(pod, COMPONENT, "Failed", "Failed to pull image \"" + image + "\": " + error);
            events.warning(pod, COMPONENT, "Failed", "Error: ErrImagePull");
            writeWaiting(node, pod, now, pull, "ErrImagePull", error);
            return;
        }
        if (now.isBefore(pull.nextResync)) {
            return;
        }
        pull.nextResync = now.plus(FAILED_POD_RESYNC);
        String message = "Back-off pulling image \"" + image + "\"";
        events.normal(pod, COMPONENT, "BackOff", message);
        events.warning(pod, COMPONENT, "Failed", "Error: ImagePullBackOff");
        writeWaiting(node, pod, now, pull, "ImagePullBackOff", message);
    }

    private void writeWaiting(Node node, Pod pod, Instant now, FailingPull pull,
                              String reason, String message) {
        if (reason.equals(pull.waitingReason)) {
            return;
        }
        pull.waitingReason = reason;
        List<Map<String, Object>> containerStatuses = new ArrayList<>();
        for (var container : pod.getSpec().getContainers()) {
            containerStatuses.add(Map.of("name", container.getName(), "image", container.getImage(), "imageID", "", "ready", false,
                    "started", false, "restartCount", 0, "state", Map.of("waiting", Map.of("reason", reason, "message", message))));
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", "Pending");
        status.put("startTime", pod.getStatus() != null && pod.getStatus().getStartTime() != null ? pod.getStatus().getStartTime() : SimObjects.time(now));
        status.put("hostIP", node.getStatus().getAddresses().isEmpty() ? null : node.getStatus().getAddresses().get(0).getAddress());
        status.put("containerStatuses", containerStatuses);
        status.put("conditions", conditions(pod, now, false, true));
        writer.set(pod, Map.of("/status", status));
    }

    private Set<String> presentImages(Node node) {
        Set<String> present = new LinkedHashSet<>(pulledImages);
        for (ContainerImage image : node.getStatus().getImages()) {
            present.addAll(image.getNames());
        }
        return present;
    }

    private void publishImages(Node node) {
        List<Map<String, Object>> images = new ArrayList<>();
        for (String name : presentImages(node)) {
            images.add(Map.of("names", List.of(name), "sizeBytes", 48_000_000L));
        }
        writer.set(node, Map.of("/status/images", images));
    }

    private static List<Map<String, Object>> conditions(Pod pod, Instant now, boolean ready, boolean initialized) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("PodScheduled", "True");
        wanted.put("Initialized", initialized ? "True" : "False");
        wanted.put("ContainersReady", ready ? "True" : "False");
        wanted.put("Ready", ready ? "True" : "False");
        for (var entry : wanted.entrySet()) {
            String transition = SimObjects.podCondition(pod, entry.getKey())
                    .filter(c -> entry.getValue().equals(c.getStatus()))
                    .map(PodCondition::getLastTransitionTime).orElse(SimObjects.time(now));
            conditions.add(Map.of("type", entry.getKey(), "status", entry.getValue(), "lastTransitionTime", transition));
        }
        // Keep conditions other components own (DisruptionTarget).
        for (PodCondition other : pod.getStatus() == null ? List.<PodCondition>of() : pod.getStatus().getConditions()) {
            if (!wanted.containsKey(other.getType())) {
                Map<String, Object> kept = new LinkedHashMap<>();
                kept.put("type", other.getType());
                kept.put("status", other.getStatus());
                kept.put("reason", other.getReason());
                kept.put("message", other.getMessage());
                kept.put("lastTransitionTime", other.getLastTransitionTime());
                conditions.add(kept);
            }
        }
        return conditions;
    }
}
