package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.pirack.core.booth.Spread;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PiRack's writes send no read they do not need (issue 20): fabric8's {@code withName(…).patch(…)} GETs
 * the object before it patches, a round trip before the change reaches the API server. Counted on the
 * embedded API server (CRUD mode).
 */
class OneRequestWritesTest {

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()), false);
    private final KubernetesClient client;

    OneRequestWritesTest() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aRolloutRestartIsOnePatchPerDeployment() {
        client.apps().deployments().inNamespace("demo").resource(new DeploymentBuilder().withNewMetadata().withName("hello")
                .withNamespace("demo").endMetadata().withNewSpec().withNewTemplate().withNewMetadata().addToLabels("app", "hello")
                .endMetadata().endTemplate().endSpec().build()).create();
        int before = server.getRequestCount();

        RolloutRestart.Outcome outcome = new RolloutRestart(client, Clock.systemUTC())
                .restart(List.of(new Spread.DeploymentRef("demo", "hello"), new Spread.DeploymentRef("demo", "nope")));

        assertEquals(2, server.getRequestCount() - before, "one PATCH each, no GET before it");
        assertEquals(List.of(new Spread.DeploymentRef("demo", "hello")), outcome.restarted());
        assertEquals(List.of("demo/nope: not found"), outcome.problems());
        assertTrue(client.apps().deployments().inNamespace("demo").withName("hello").get().getSpec().getTemplate()
                .getMetadata().getAnnotations().containsKey(RolloutRestart.ANNOTATION));
    }

    @Test
    void removingTheOutOfServiceTaintIsOneReadAndOnePatch() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata().withNewSpec()
                .addToTaints(new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute").build())
                .endSpec().build()).create();
        assertTrue(OutOfServiceTaint.add(client, "rpi2", Instant.parse("2026-12-07T03:00:00Z")));
        int before = server.getRequestCount();

        OutOfServiceTaint.remove(client, "rpi2");

        assertEquals(2, server.getRequestCount() - before, "the read the patch's test is built from, and the PATCH");
        var taints = client.nodes().withName("rpi2").get().getSpec().getTaints();
        assertEquals(List.of("node.kubernetes.io/unreachable"), taints.stream().map(t -> t.getKey()).toList());
    }
}
