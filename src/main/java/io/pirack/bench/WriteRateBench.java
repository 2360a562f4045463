package io.pirack.bench;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the rehearsal rack's embedded API server sustains: sequential pod creates from one client
 * while the simulated rack runs, timed in blocks as the object count grows (the CRUD mock server
 * scans every stored object per request, so it slows down as it fills).
 */
final class WriteRateBench {

    Map<String, Object> run(int pods) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "sequential pod creates, one client, on the rehearsal rack's embedded API server (4 Pis running)");
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(4), SimTimings.demoTuned(), SimClock.realTime(1));
             KubernetesClient client = ClusterConnection.forUrl(rack.apiUrl())) {
            int block = Math.max(1, pods / 5);
            Map<String, Object> blocks = new LinkedHashMap<>();
            long blockStart = System.nanoTime();
            for (int i = 0; i < pods; i++) {
                client.pods().inNamespace(LatencyBench.NAMESPACE).resource(new PodBuilder().withNewMetadata().withName("w-" + i)
                        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
                        .endSpec().build()).create();
                if ((i + 1) % block == 0) {
                    double seconds = (System.nanoTime() - blockStart) / 1e9;
                    blocks.put("writes_per_second_at_" + (i + 1) + "_bench_pods", Samples.round(block / seconds));
                    blockStart = System.nanoTime();
                }
            }
            result.putAll(blocks);
        }
        return result;
    }
}
