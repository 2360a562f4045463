package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.sim.SimTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code pirack drill} on the rehearsal rack: the story's order and its timings match the preset. */
class DrillCommandTest {

    static CliRun drill(String... args) {
        return CliRun.of(Stream.concat(Stream.of("drill"), Stream.of(args)).toArray(String[]::new));
    }

    static Stream<Arguments> presets() {
        // Not faster than 20x: every real second a loaded machine stalls is `scale` simulated ones.
        return Stream.of(Arguments.of("demo", SimTimings.demoTuned(), "5"), Arguments.of("defaults", SimTimings.kubernetesDefaults(), "20"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("presets")
    void drillRecoversAndItsMeasuredTimingsMatchThePreset(String preset, SimTimings timings, String scale) {
        CliRun run = drill("--sim", "--node", "rpi3", "--tuning", preset, "--time-scale", scale, "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JsonMapper.builder().build().readTree(run.out());
        assertEquals("RECOVERED", json.get("outcome").asText());
        assertEquals(timings.name(), json.get("tuning").asText());
        JsonNode m = json.get("milestones");
        List<String> order = List.of("linkLost", "notReady", "noExecuteTaint", "firstEviction", "firstReplacementReady",
                "lastReplacementReady");
        double previous = -1;
        for (String milestone : order) {
            double offset = m.get(milestone).get("offsetSeconds").asDouble();
            assertTrue(offset >= previous, milestone + " comes after the milestone before it: " + run.out());
            previous = offset;
        }
        // A stall of the machine (a starved thread, a GC pause; up to a second under load) is worth scale × that in
        // simulated time: at 40x, eviction once came 348 s after a 300 s toleration (1.2 real seconds late).
        double slack = 1 + Double.parseDouble(scale) * 1.0;
        double grace = timings.nodeMonitorGracePeriod().toSeconds();
        double renew = timings.leaseRenewInterval().toSeconds();
        double monitor = timings.nodeMonitorPeriod().toSeconds();
        double notReady = m.get("notReady").get("offsetSeconds").asDouble();
        // The grace period runs from the last heartbeat (up to one renewal before the pull); the
        // controller notices at its next monitor pass. One extra second of slack for a loaded machine.
        // The controller sees the last renewal at its next check and notices the expiry at a later one.
        assertTrue(notReady >= grace - renew - slack && notReady <= grace + 2 * monitor + slack + 1,
                "NotReady after " + notReady + " s with grace " + grace + " s");
        long tolerated = timings.demoTolerationSeconds() != null ? timings.demoTolerationSeconds() : timings.defaultTolerationSeconds();
        // Judged on the rack's own clock, not on when PiRack received the two: on a loaded machine the taint's
        // delivery can lag by 200 ms of real time = 8 s of simulated time at 40×. The taint carries timeAdded;
        // the eviction's deletionTimestamp is the request plus the pod's 30 s grace (the demo pods' default).
        Instant taintAdded = Instant.parse(m.get("noExecuteTaint").get("serverTime").asText());
        Instant evicted = Instant.parse(m.get("firstEviction").get("serverTime").asText()).minusSeconds(30);
        double evictionAfterTaint = Duration.between(taintAdded, evicted).toMillis() / 1000.0;
        // Both timestamps have one-second resolution, so eviction can look up to a second early.
        assertTrue(evictionAfterTaint >= tolerated - 1 && evictionAfterTaint <= tolerated + monitor + slack,
                "eviction " + evictionAfterTaint + " s after the taint with tolerationSeconds " + tolerated);
    }

    @Test
    void unknownNodeFailsWithTheListOfNodes() {
        CliRun run = drill("--sim", "--node", "rpi9", "--time-scale", "10", "--timeout", "20");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("there is no node named 'rpi9' (nodes: rpi1, rpi2, rpi3, rpi4)"), run.err());
    }

    @Test
    void badArgumentsAreRejectedBeforeAnythingStarts() {
        assertEquals(2, drill("--sim", "--node", "rpi3;reboot").exitCode());
        assertEquals(2, drill("--sim", "--node", "rpi3", "--tuning", "fast").exitCode());
        CliRun wrongStrategy = drill("--sim", "--node", "rpi3", "--strategy", "stop-agent");
        assertEquals(2, wrongStrategy.exitCode());
        assertTrue(wrongStrategy.err().contains("--strategy sim"), wrongStrategy.err());
    }
}
