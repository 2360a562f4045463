package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.booth.Spread;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.sim.RackUnderTest;
import io.pirack.sim.SimTimings;
import io.pirack.sim.SimWorkload;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rebalancing on the rehearsal rack: after a pull and plug-back the pods spread evenly again. */
class RolloutRestartTest {

    @Test
    void writesTheTimestampAsKubectlDoes() {
        assertEquals("2026-12-06T03:04:05+01:00",
                RolloutRestart.timestamp(ZonedDateTime.of(2026, 12, 6, 3, 4, 5, 678_000_000, ZoneOffset.ofHours(1))));
        assertEquals("2026-12-06T03:04:00Z",
                RolloutRestart.timestamp(ZonedDateTime.of(2026, 12, 6, 3, 4, 0, 0, ZoneOffset.UTC)));
    }

    @Test
    void aRestartSpreadsThePodsBackOverAPiThatReturned() throws Exception {
        try (RackUnderTest rack = new RackUnderTest(4, SimTimings.demoTuned(), 4)) {
            rack.awaitSteadyDemo(Duration.ofSeconds(60));
            rack.rack.unplug("rpi3");
            rack.await("the demo pods to leave rpi3", Duration.ofSeconds(90), s -> s.podsOn("rpi3").stream()
                    .noneMatch(p -> SimWorkload.DEMO_DEPLOYMENT.equals(p.app()) && !p.terminating())
                    && RackUnderTest.allReady(s, SimWorkload.DEMO_DEPLOYMENT, 6));
            rack.rack.plugIn("rpi3");
            var back = rack.await("rpi3 Ready again", Duration.ofSeconds(60),
                    s -> s.node("rpi3").map(n -> n.ready() == ConditionStatus.TRUE).orElse(false));
            List<Spread.DeploymentRef> uneven = Spread.uneven(back);
            assertEquals(List.of(new Spread.DeploymentRef(SimWorkload.DEMO_NAMESPACE, SimWorkload.DEMO_DEPLOYMENT)), uneven,
                    "rpi3 came back empty: " + Spread.describe(back));
            assertFalse(Spread.isEven(back));

            RolloutRestart.Outcome outcome = new RolloutRestart(rack.client, rack.rack.clock()).restart(uneven);
            assertEquals(uneven, outcome.restarted(), outcome.problems().toString());
            String annotation = rack.client.apps().deployments().inNamespace(SimWorkload.DEMO_NAMESPACE)
                    .withName(SimWorkload.DEMO_DEPLOYMENT).get().getSpec().getTemplate().getMetadata().getAnnotations()
                    .get(RolloutRestart.ANNOTATION);
            assertTrue(annotation.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)"), annotation);

            var even = rack.await("the demo pods spread evenly", Duration.ofSeconds(90), Spread::isEven);
            assertTrue(even.podsOn("rpi3").stream().anyMatch(p -> SimWorkload.DEMO_DEPLOYMENT.equals(p.app())),
                    Spread.describe(even).toString());
        }
    }

    @Test
    void aMissingDeploymentIsReportedNotThrown() throws Exception {
        try (RackUnderTest rack = new RackUnderTest(2, SimTimings.demoTuned(), 4)) {
            RolloutRestart.Outcome outcome = new RolloutRestart(rack.client, rack.rack.clock())
                    .restart(List.of(new Spread.DeploymentRef("demo", "nope")));
            assertTrue(outcome.restarted().isEmpty());
            assertEquals(1, outcome.problems().size(), outcome.problems().toString());
        }
    }
}
