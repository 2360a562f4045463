package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.pirack.core.rack.RackSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What kubectl and PiRack read on the rehearsal rack, in the shape the real components write it:
 * kube-scheduler's events.k8s.io/v1 Scheduled event, client-go's aggregation of repeated events,
 * the kubelet's periodic node status report, and a create answered with the simulated timestamp.
 */
class EventsAndStatusShapeTest {

    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(180); // a safety net: a loaded machine starts a rack slowly

    @Test
    void scheduledEventsAreEventsV1RepeatsAreCountedHeartbeatsRefreshAndCreatesAnswerOnTheSimClock() throws Exception {
        RehearsalRack.Options options = RehearsalRack.Options.defaults().withAmd64OnlyWorkload();
        try (RackUnderTest t = new RackUnderTest(RackSpec.rehearsal(4), SimTimings.demoTuned(), 30, options)) {
            t.awaitSteadyDemo(REAL_TIMEOUT);
            Instant steady = t.rack.clock().instant();

            Event scheduled = t.client.v1().events().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems().stream()
                    .filter(e -> "Scheduled".equals(e.getReason())).findFirst().orElseThrow();
            assertEquals("default-scheduler", scheduled.getReportingComponent());
            assertEquals("default-scheduler-rpi1", scheduled.getReportingInstance());
            assertEquals("Binding", scheduled.getAction());
            assertTrue(scheduled.getEventTime() != null && scheduled.getEventTime().getTime() != null, "eventTime is set");
            assertNull(scheduled.getLastTimestamp(), "events.k8s.io/v1 has no lastTimestamp");
            assertNull(scheduled.getCount(), "nor a count");
            assertTrue(scheduled.getMessage().matches("Successfully assigned demo/\\S+ to rpi\\d"), scheduled.getMessage());

            // The report pods back off pulling every 2 s: one BackOff event per pod, counted up.
            t.rack.awaitSimTime(steady.plus(Duration.ofMinutes(5)).plusSeconds(10), REAL_TIMEOUT);
            List<Event> backOff = t.client.v1().events().inNamespace(SimWorkload.DEMO_NAMESPACE).list().getItems().stream()
                    .filter(e -> "BackOff".equals(e.getReason())).toList();
            assertEquals(2, backOff.size(), "one aggregated event per pod: " + backOff.stream().map(e -> e.getInvolvedObject().getName()).toList());
            for (Event e : backOff) {
                assertTrue(e.getCount() > 5, "count grows with every repeat: " + e.getCount());
                assertTrue(Instant.parse(e.getLastTimestamp()).isAfter(Instant.parse(e.getFirstTimestamp()).plusSeconds(60)),
                        e.getFirstTimestamp() + " .. " + e.getLastTimestamp());
            }

            // Unchanged node status is still reported every 5 minutes: lastHeartbeatTime moves, the transition does not.
            Instant at = t.rack.clock().instant(); // before the request: its round trip is not the kubelet's delay
            NodeCondition ready = t.client.nodes().withName("rpi2").get().getStatus().getConditions().stream()
                    .filter(c -> "Ready".equals(c.getType())).findFirst().orElseThrow();
            Instant heartbeat = Instant.parse(ready.getLastHeartbeatTime());
            Instant transition = Instant.parse(ready.getLastTransitionTime());
            assertTrue(!heartbeat.isBefore(transition.plus(SimKubelet.NODE_STATUS_REPORT_FREQUENCY).minusSeconds(1)),
                    "heartbeat refreshed at least once after Ready at " + transition + ": " + heartbeat);
            assertTrue(heartbeat.isAfter(at.minus(SimKubelet.NODE_STATUS_REPORT_FREQUENCY).minusSeconds(2)),
                    "and within the last report period before " + at + ": " + heartbeat);
            assertTrue(transition.isBefore(steady), "no new transition: " + transition);

            // Read the simulated clock on both sides of the request: at 30x a loaded machine's slow round trip is
            // many simulated seconds, so only "between the two" holds every time (stamps have 1 s resolution).
            Instant sent = t.rack.clock().instant();
            ConfigMap created = t.client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("probe").endMetadata().addToData("k", "v").build()).create();
            Instant answered = t.rack.clock().instant();
            Instant stamp = Instant.parse(created.getMetadata().getCreationTimestamp());
            assertTrue(!stamp.isBefore(sent.minusSeconds(1)) && !stamp.isAfter(answered),
                    "the create response carries the simulated time (" + sent + " .. " + answered + "), not the host's ("
                            + Instant.now() + "): " + stamp);
            assertEquals(created.getMetadata().getCreationTimestamp(),
                    t.client.configMaps().inNamespace("default").withName("probe").get().getMetadata().getCreationTimestamp());
        }
    }
}
