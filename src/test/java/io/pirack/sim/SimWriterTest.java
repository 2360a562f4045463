package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated component's write reaches the store as one PATCH, as a controller's does: the state change
 * is not held up behind a read of the object first (issue 20: fabric8's {@code withName(…).patch(context,
 * String)} made every simulated write a GET and a PATCH).
 */
class SimWriterTest {

    private final SimStoreServer server = new SimStoreServer();
    private final KubernetesClient client = server.client();
    private final SimWriter writer = new SimWriter(client);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aWriteIsOneRequestAndIsStored() {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata().withNewSpec().endSpec().build()).create();
        int before = server.requests();

        assertTrue(writer.set(SimObjects.nodeNamed("rpi2"), Map.of("/spec/unschedulable", true)));

        assertEquals(1, server.requests() - before, "one PATCH, no GET before it");
        assertTrue(client.nodes().withName("rpi2").get().getSpec().getUnschedulable());
    }

    @Test
    void aTargetFromAnOlderCacheStillWrites() {
        Node created = client.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata()
                .withNewSpec().endSpec().build()).create();
        writer.set(created, Map.of("/spec/unschedulable", true));

        assertTrue(writer.set(created, Map.of("/spec/podCIDR", "10.244.2.0/24")), "the target only names the object");

        Node stored = client.nodes().withName("rpi2").get();
        assertTrue(stored.getSpec().getUnschedulable());
        assertEquals("10.244.2.0/24", stored.getSpec().getPodCIDR());
    }

    @Test
    void aWriteToAnObjectThatIsGoneSaysSo() {
        assertFalse(writer.set(SimObjects.nodeNamed("rpi9"), Map.of("/spec/unschedulable", true)));
    }
}
