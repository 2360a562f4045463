package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events beyond the rack's cap are deleted a bounded number per pass of the rack's loop: a burst (3,000
 * "Scheduled" events at 100 nodes) used to hold the loop for minutes, deleting one by one, while no kubelet ran.
 */
class SimEventsExpiryTest {

    private final SimStoreServer server = new SimStoreServer();
    private final KubernetesClient client = server.client();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aBurstOverTheCapDrainsOverSeveralPassesNotInOne() {
        Clock clock = Clock.systemUTC();
        SimEvents events = new SimEvents(client, clock);
        int burst = SimEvents.MAX_EVENTS + 2 * SimEvents.MAX_EXPIRED_PER_PASS + 10;
        for (int i = 0; i < burst; i++) {
            events.normal(new PodBuilder().withNewMetadata().withName("hello-" + i).withNamespace("demo").withUid("u" + i)
                    .endMetadata().build(), "kubelet", "Pulling", "Pulling image \"hello\"");
        }

        events.expire(clock.instant());
        assertEquals(burst - SimEvents.MAX_EXPIRED_PER_PASS, stored(), "one pass deletes at most its share");
        events.expire(clock.instant());
        events.expire(clock.instant());
        assertEquals(SimEvents.MAX_EVENTS, stored(), "later passes bring the store down to the cap, and no further");
    }

    private int stored() {
        return client.v1().events().inNamespace("demo").list().getItems().size();
    }
}
