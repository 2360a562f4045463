package io.pirack.tuning;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.ImagePresence.PullPod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the demo images on every node with a DaemonSet that runs one sleeping container per image,
 * so the kubelet's image garbage collection (at 85 % disk) never removes an image in use.
 *
 * <p>How the containers sleep: many demo images are distroless or scratch and have neither a shell
 * nor {@code sleep}, so {@code command: [sleep, …]} would crash-loop them. As che's
 * kubernetes-image-puller does, an init container copies a static {@code busybox} into an
 * {@code emptyDir}, and every image container runs that copy as {@code sleep} (busybox picks the
 * applet from the file name). The one limit: an image must exist for the node's architecture (arm64
 * on a Pi 4/5), which it must anyway for the demo to run there.
 */
public final class ImagePrePuller {

    public static final String NAME = "pirack-prepull";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "pirack";
    public static final String PURPOSE_LABEL = "pirack.io/purpose";
    public static final String PURPOSE = "image-prepull";
    /**
     * The musl build is statically linked, so the copy runs in any image, even one without a libc;
     * multi-architecture (arm64 and 32-bit arm included); pinned so every node pulls the same bytes.
     */
    public static final String SLEEP_SOURCE_IMAGE = "docker.io/library/busybox:1.36.1-musl";
    static final String SLEEP_DIR = "/pirack-sleep";
    static final String SLEEP_BINARY = SLEEP_DIR + "/sleep";
    /** About 68 years: busybox sleep takes whole seconds up to a signed 32-bit value everywhere. */
    static final String FOREVER_SECONDS = "2147483647";

    private final KubernetesClient client;
    private final String namespace;

    public ImagePrePuller(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The images of the given Deployments' pod templates (init containers too), without repeats. */
    public List<String> imagesOf(String deploymentNamespace, List<String> deploymentNames) throws ConfigEditException {
        Set<String> images = new LinkedHashSet<>();
        for (String name : deploymentNames) {
            Deployment deployment = client.apps().deployments().inNamespace(deploymentNamespace).withName(name).get();
            if (deployment == null) {
                throw new ConfigEditException("Deployment " + deploymentNamespace + "/" + name + " does not exist.");
            }
            PodSpec spec = deployment.getSpec().getTemplate().getSpec();
            Stream.concat(Optional.ofNullable(spec.getInitContainers()).orElse(List.of()).stream(), spec.getContainers().stream())
                    .map(Container::getImage)
                    .forEach(images::add);
        }
        return List.copyOf(images);
    }

    /** The DaemonSet that keeps {@code images} on every node (and on the control plane). */
    public DaemonSet daemonSet(List<String> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to pre-pull");
        }
        Map<String, String> labels = labels();
        List<Container> sleepers = new ArrayList<>();
        List<String> distinct = images.stream().distinct().toList();
        for (int i = 0; i < distinct.size(); i++) {
            sleepers.add(new ContainerBuilder()
                    .withName("image-" + i)
                    .withImage(distinct.get(i))
                    .withImagePullPolicy("IfNotPresent")
                    .withCommand(SLEEP_BINARY, FOREVER_SECONDS)
                    .withNewResources()
                    .addToRequests("cpu", new Quantity("1m"))
                    .addToRequests("memory", new Quantity("4Mi"))
                    .addToLimits("memory", new Quantity("16Mi"))
                    .endResources()
                    .addNewVolumeMount().withName("sleep").withMountPath(SLEEP_DIR).withReadOnly(true).endVolumeMount()
                    .build());
        }
        return new DaemonSetBuilder()
                .withNewMetadata().withName(NAME).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                // busybox sleep as PID 1 ignores SIGTERM: without this, cleanup waits 30 s per pod.
                .withTerminationGracePeriodSeconds(0L)
                .addNewToleration().withOperator("Exists").endToleration()
                .addNewInitContainer()
                .withName("copy-sleep")
                .withImage(SLEEP_SOURCE_IMAGE)
                .withImagePullPolicy("IfNotPresent")
                .withCommand("cp", "/bin/busybox", SLEEP_BINARY)
                .addNewVolumeMount().withName("sleep").withMountPath(SLEEP_DIR).endVolumeMount()
                .endInitContainer()
                .withContainers(sleepers)
                .addNewVolume().withName("sleep").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** Creates the DaemonSet, or replaces it when a pre-pull for other images is already there. */
    public DaemonSet start(List<String> images) {
        return client.apps().daemonSets().inNamespace(namespace).resource(daemonSet(images))
                .createOr(NonDeletingOperation::update);
    }

    /** Per node and image: present, pulling, failed or missing, from node images and the pre-pull pods. */
    public ImagePresence progress(List<String> images) {
        List<Node> nodes = client.nodes().list().getItems();
        List<PullPod> pullPods = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(labels()).list().getItems()) {
            pullPods.add(pullPod(pod));
        }
        Map<String, Set<String>> imageNamesByNode = new LinkedHashMap<>();
        nodes.forEach(n -> imageNamesByNode.put(n.getMetadata().getName(), imageNames(n)));
        return ImagePresence.of(images, imageNamesByNode, pullPods);
    }

    /** Deletes every pre-pull DaemonSet PiRack made in the namespace (its pods go with it). */
    public void cleanup() {
        client.apps().daemonSets().inNamespace(namespace).withLabels(labels()).delete();
    }

    public boolean running() {
        return !client.apps().daemonSets().inNamespace(namespace).withLabels(labels()).list().getItems().isEmpty();
    }

    static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(PURPOSE_LABEL, PURPOSE);
        return labels;
    }

    private static PullPod pullPod(Pod pod) {
        Map<String, String> imageByContainer = new LinkedHashMap<>();
        pod.getSpec().getContainers().forEach(c -> imageByContainer.put(c.getName(), c.getImage()));
        Map<String, Optional<String>> waiting = new LinkedHashMap<>();
        List<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
        for (ContainerStatus status : statuses) {
            String image = imageByContainer.get(status.getName());
            if (image == null || status.getState() == null) {
                continue;
            }
            if (status.getState().getRunning() != null) {
                waiting.put(image, Optional.empty());
            } else if (status.getState().getWaiting() != null) {
                waiting.put(image, Optional.ofNullable(status.getState().getWaiting().getReason()).or(() -> Optional.of("Waiting")));
            }
        }
        return new PullPod(pod.getSpec().getNodeName(), waiting);
    }

    private static Set<String> imageNames(Node node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.getStatus() != null && node.getStatus().getImages() != null) {
            for (ContainerImage image : node.getStatus().getImages()) {
                if (image.getNames() != null) {
                    names.addAll(image.getNames());
                }
            }
        }
        return names;
    }
}
