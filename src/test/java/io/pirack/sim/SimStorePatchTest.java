package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal rack answers a JSON patch it cannot apply as kube-apiserver does: 422 at once, the object
 * unchanged. (fabric8's mock never answered it, so the out-of-service taint's retry on a failed
 * {@code test} waited out the client's timeout instead.)
 */
class SimStorePatchTest {

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new SimStore(Clock.systemUTC()), false);
    private KubernetesClient client;

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    @Test
    void aFailedTestOperationIsRefused422AndChangesNothing() {
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata().withNewSpec().endSpec().build()).create();

        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> client.nodes().withName("rpi2")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"/spec/unschedulable\",\"value\":true},"
                        + "{\"op\":\"add\",\"path\":\"/spec/unschedulable\",\"value\":false}]"));

        assertEquals(422, e.getCode(), "answered as the API server answers a failed test, not left to time out");
        assertNull(client.nodes().withName("rpi2").get().getSpec().getUnschedulable(), "nothing of the patch applied");
    }
}
