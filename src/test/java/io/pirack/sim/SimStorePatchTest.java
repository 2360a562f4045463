package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rehearsal rack answers a JSON patch it cannot apply as kube-apiserver does: 422 at once, the object
 * unchanged. (fabric8's mock never answered it, so the out-of-service taint's retry on a failed
 * {@code test} waited out the client's timeout instead.)
 */
class SimStorePatchTest {

    private final SimStoreServer server = new SimStoreServer();
    private final KubernetesClient client = server.client();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFailedTestOperationIsRefused422AndChangesNothing() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata().withNewSpec().endSpec().build()).create();

        KubernetesClientException e = assertThrows(KubernetesClientException.class, () -> client.nodes().withName("rpi2")
                .patch(PatchContext.of(PatchType.JSON), "[{\"op\":\"test\",\"path\":\"/spec/unschedulable\",\"value\":true},"
                        + "{\"op\":\"add\",\"path\":\"/spec/unschedulable\",\"value\":false}]"));

        assertEquals(422, e.getCode(), "answered as the API server answers a failed test, not left to time out");
        assertNull(client.nodes().withName("rpi2").get().getSpec().getUnschedulable(), "nothing of the patch applied");
    }
}
