package io.pirack.sim;

import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProbeTmpTest {
    @Test
    void probe() throws Exception {
        RehearsalRack.Options options = new RehearsalRack.Options(6, true, Set.of("rpi3"), 7L, 0);
        long t0 = System.nanoTime();
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(3), SimTimings.demoTuned(), 1, options)) {
            System.out.println("PROBE rack up after ms " + (System.nanoTime() - t0) / 1_000_000);
            try (StandaloneKubelet external = new StandaloneKubelet(t.rack.apiUrl(), "rpi3", SimTimings.demoTuned())) {
                System.out.println("PROBE kubelet up after ms " + (System.nanoTime() - t0) / 1_000_000);
                try {
                    t.await("x", Duration.ofSeconds(20), s -> false);
                } catch (Exception e) {
                    // ignore
                }
                t.client.v1().events().inAnyNamespace().list().getItems().forEach(e -> System.out.println("PROBE " + e.getFirstTimestamp() + " " + e.getInvolvedObject().getName() + " " + e.getReason() + " " + e.getMessage()));
            }
        }
    }
}
