package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A simulated kubelet sees exactly its node's pods, in the order the rest of the rack sees all pods (namespace,
 * then name), from the cache's index by node rather than from a sort of every pod in the rack.
 */
class SimCachePodsOnTest {

    private final SimStoreServer server = new SimStoreServer();
    private final KubernetesClient client = server.client();
    private SimCache cache;

    @AfterEach
    void stop() {
        if (cache != null) {
            cache.close();
        }
        server.close();
    }

    @Test
    void eachNodeGetsItsOwnPodsInNamespaceThenNameOrderAndUnscheduledPodsBelongToNone() {
        Random random = new Random(7);
        List<String> nodes = List.of("rpi1", "rpi2", "rpi3");
        for (int i = 0; i < 60; i++) {
            String namespace = random.nextBoolean() ? "demo" : "kube-system";
            int pick = random.nextInt(nodes.size() + 1);
            client.pods().inNamespace(namespace).resource(new PodBuilder().withNewMetadata().withName("p-" + random.nextInt(1000) + "-" + i)
                    .endMetadata().withNewSpec().withNodeName(pick == nodes.size() ? null : nodes.get(pick)).endSpec().build()).create();
        }
        cache = new SimCache(client, true);
        cache.startAndSync(30_000);

        List<Pod> all = cache.pods();
        assertEquals(60, all.size());
        int placed = 0;
        for (String node : nodes) {
            List<String> expected = all.stream().filter(p -> node.equals(p.getSpec().getNodeName())).map(SimCachePodsOnTest::key).toList();
            assertEquals(expected, cache.podsOn(node).stream().map(SimCachePodsOnTest::key).toList(), node);
            placed += expected.size();
        }
        assertEquals(all.stream().filter(p -> p.getSpec().getNodeName() != null).count(), placed);
        assertEquals(List.of(), cache.podsOn("rpi9"));
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
