package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.pirack.core.rack.RackSpec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ground-truth hook the benchmarks use: every simulated write, as the server returned it. */
class RehearsalRackWriteListenerTest {

    @Test
    void writeListenerSeesAnUnpluggedNodeMarkedUnknownAsTheServerStoredIt() throws Exception {
        try (RehearsalRack rack = RehearsalRack.start(RackSpec.rehearsal(2), SimTimings.demoTuned(), SimClock.realTime(20))) {
            CompletableFuture<Node> markedUnknown = new CompletableFuture<>();
            rack.addWriteListener((HasMetadata written) -> {
                if (written instanceof Node n && "rpi2".equals(n.getMetadata().getName())
                        && n.getStatus().getConditions().stream()
                                .anyMatch(c -> "Ready".equals(c.getType()) && "Unknown".equals(c.getStatus()))) {
                    markedUnknown.complete(n);
                }
            });
            rack.unplug("rpi2");

            Node node = markedUnknown.get(30, TimeUnit.SECONDS);
            // The server's copy: it carries the version the write produced.
            assertTrue(Long.parseLong(node.getMetadata().getResourceVersion()) > 0);
            assertEquals("NodeStatusUnknown", node.getStatus().getConditions().stream()
                    .filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow().getReason());
        }
    }
}
