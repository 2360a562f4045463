package io.pirack.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.tuning.ImagePresence;
import io.pirack.core.tuning.ImagePresence.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-pull DaemonSet's shape, progress and cleanup on the embedded API server. */
class ImagePrePullerTest {

    private static final String HELLO = "nginxdemos/hello:plain-text";
    private static final String DISTROLESS = "gcr.io/distroless/static-debian12:nonroot";

    private CrudApiServer server;
    private KubernetesClient client;
    private ImagePrePuller puller;

    @BeforeEach
    void start() {
        server = new CrudApiServer();
        client = server.client;
        puller = new ImagePrePuller(client, "pirack");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void imagesOfDeploymentsIncludeInitContainersWithoutRepeats() throws Exception {
        client.apps().deployments().inNamespace("demo").resource(new DeploymentBuilder()
                .withNewMetadata().withName("hello").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .addNewInitContainer().withName("init").withImage(DISTROLESS).endInitContainer()
                .addNewContainer().withName("web").withImage(HELLO).endContainer()
                .addNewContainer().withName("sidecar").withImage(HELLO).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        assertEquals(List.of(DISTROLESS, HELLO), puller.imagesOf("demo", List.of("hello")));
    }

    @Test
    void daemonSetRunsOneSleepingContainerPerImageWithoutNeedingAShellInTheImage() {
        DaemonSet ds = puller.daemonSet(List.of(HELLO, DISTROLESS, HELLO));
        assertEquals(Map.of("app.kubernetes.io/managed-by", "pirack", "pirack.io/purpose", "image-prepull"),
                ds.getMetadata().getLabels());
        assertEquals(ds.getSpec().getSelector().getMatchLabels(), ds.getSpec().getTemplate().getMetadata().getLabels());
        List<Container> containers = ds.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(List.of(HELLO, DISTROLESS), containers.stream().map(Container::getImage).toList());
        for (Container c : containers) {
            assertEquals(List.of("/pirack-sleep/sleep", "2147483647"), c.getCommand());
            assertEquals("IfNotPresent", c.getImagePullPolicy());
            assertTrue(c.getVolumeMounts().get(0).getReadOnly());
        }
        Container init = ds.getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertEquals(List.of("cp", "/bin/busybox", "/pirack-sleep/sleep"), init.getCommand());
        assertEquals("Exists", ds.getSpec().getTemplate().getSpec().getTolerations().get(0).getOperator(),
                "runs on the control plane too");
        assertEquals(0L, ds.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    }

    @Test
    void startProgressAndCleanup() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("pi1").endMetadata()
                .withNewStatus().withImages(new ContainerImageBuilder()
                        .withNames("docker.io/nginxdemos/hello@sha256:5f0a", "docker.io/nginxdemos/hello:plain-text").build())
                .endStatus().build()).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("pi2").endMetadata().build()).create();

        puller.start(List.of(HELLO));
        assertTrue(puller.running());
        DaemonSet stored = client.apps().daemonSets().inNamespace("pirack").withName(ImagePrePuller.NAME).get();
        assertEquals(1, stored.getSpec().getTemplate().getSpec().getContainers().size());

        // Starting again with more images replaces the DaemonSet instead of failing.
        puller.start(List.of(HELLO, DISTROLESS));
        stored = client.apps().daemonSets().inNamespace("pirack").withName(ImagePrePuller.NAME).get();
        assertEquals(2, stored.getSpec().getTemplate().getSpec().getContainers().size());

        client.pods().inNamespace("pirack").resource(pullPod("pi2", stored)).create();
        ImagePresence presence = puller.progress(List.of(HELLO, DISTROLESS));
        assertEquals(State.PRESENT, presence.cell("pi1", HELLO).state());
        assertEquals(State.MISSING, presence.cell("pi1", DISTROLESS).state());
        assertEquals(State.PULLING, presence.cell("pi2", HELLO).state());
        assertEquals("ContainerCreating", presence.cell("pi2", HELLO).detail());
        assertEquals(State.FAILED, presence.cell("pi2", DISTROLESS).state());

        puller.cleanup();
        assertFalse(puller.running());
        assertEquals(null, client.apps().daemonSets().inNamespace("pirack").withName(ImagePrePuller.NAME).get());
    }

    /** A pod as the DaemonSet controller would create it on pi2, with the kubelet's container states. */
    private static Pod pullPod(String node, DaemonSet ds) {
        List<Container> containers = ds.getSpec().getTemplate().getSpec().getContainers();
        return new PodBuilder()
                .withNewMetadata().withName(ImagePrePuller.NAME + "-" + node).withLabels(ImagePrePuller.labels()).endMetadata()
                .withNewSpec().withNodeName(node).withContainers(containers).endSpec()
                .withNewStatus()
                .addToContainerStatuses(new ContainerStatusBuilder().withName(containers.get(0).getName())
                        .withNewState().withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build())
                .addToContainerStatuses(new ContainerStatusBuilder().withName(containers.get(1).getName())
                        .withNewState().withNewWaiting().withReason("ErrImagePull").endWaiting().endState().build())
                .endStatus()
                .build();
    }
}
