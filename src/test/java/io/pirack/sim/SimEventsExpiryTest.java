package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
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

    /**
     * A repeat counts on the event still kept for it: after that event expired the next one is written anew at
     * once (not after a failed patch of the gone one), and an event written anew because someone else deleted the
     * old one keeps counting when the old one's expiry comes round.
     */
    @Test
    void aRepeatCountsOnTheEventStillKeptForItBeforeAndAfterExpiry() {
        Clock clock = Clock.systemUTC();
        SimEvents events = new SimEvents(client, clock);
        var crashing = new PodBuilder().withNewMetadata().withName("crashing").withNamespace("demo").withUid("c1")
                .endMetadata().build();
        events.warning(crashing, "kubelet", "BackOff", "Back-off restarting failed container");
        events.warning(crashing, "kubelet", "BackOff", "Back-off restarting failed container");
        assertEquals(List.of(2), backOffCounts(), "a repeat counts on the first event");

        client.v1().events().inNamespace("demo").delete(); // someone else deletes it (kubectl delete events --all)
        events.warning(crashing, "kubelet", "BackOff", "Back-off restarting failed container");
        assertEquals(List.of(1), backOffCounts(), "the gone event is written anew");
        writeOthersAndExpire(events, clock, SimEvents.MAX_EVENTS - 1); // over the cap by one: the deleted event's turn
        assertEquals(List.of(1), backOffCounts(), "the deleted event's expiry left the new one alone");
        events.warning(crashing, "kubelet", "BackOff", "Back-off restarting failed container");
        assertEquals(List.of(2), backOffCounts(), "and it still counts on the new one");

        writeOthersAndExpire(events, clock, 1); // the new one's turn
        assertEquals(List.of(), backOffCounts(), "the new one expired too");
        int before = server.requests();
        events.warning(crashing, "kubelet", "BackOff", "Back-off restarting failed container");
        assertEquals(1, server.requests() - before, "an expired event is written anew in one request, no failed patch first");
        assertEquals(List.of(1), backOffCounts());
    }

    /** Writes {@code others} other events, then expires down to the cap (oldest first). */
    private void writeOthersAndExpire(SimEvents events, Clock clock, int others) {
        for (int i = 0; i < others; i++) {
            events.normal(new PodBuilder().withNewMetadata().withName("other-" + i).withNamespace("demo")
                    .withUid("f" + i + "-" + System.nanoTime()).endMetadata().build(), "kubelet", "Pulling", "Pulling image");
        }
        for (int pass = 0; pass < 1 + SimEvents.MAX_EVENTS / SimEvents.MAX_EXPIRED_PER_PASS; pass++) {
            events.expire(clock.instant());
        }
    }

    private List<Integer> backOffCounts() {
        return client.v1().events().inNamespace("demo").list().getItems().stream()
                .filter(e -> "BackOff".equals(e.getReason())).map(e -> e.getCount()).toList();
    }

    private int stored() {
        return client.v1().events().inNamespace("demo").list().getItems().size();
    }
}
