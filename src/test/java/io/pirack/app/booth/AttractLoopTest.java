package io.pirack.app.booth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.app.ClusterSession;
import io.pirack.app.Drill;
import io.pirack.app.PlugService;
import io.pirack.core.rack.RackSpec;
import io.pirack.sim.SimTimings;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.timeline.TimelineService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The attract loop on the rehearsal rack at compressed time. */
class AttractLoopTest {

    private static Set<String> pirackThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("attract") || n.startsWith("rehearsal") || n.startsWith("drill") || n.startsWith("cluster-health"))
                .collect(Collectors.toSet());
    }

    @Test
    void runsCyclesThatEachRecoverAndRestoreAndLeavesNoThreadsBehind() throws Exception {
        Set<String> before = pirackThreads();
        SimTimings timings = SimTimings.demoTuned();
        RackSpec rack = RackSpec.rehearsal(4);
        List<AttractLoop.Status> statuses = new CopyOnWriteArrayList<>();
        CountDownLatch twoCycles = new CountDownLatch(1);
        var plugExecutor = Executors.newSingleThreadExecutor();
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(rack, timings, 5));
             PlugService plugs = new PlugService(session, () -> rack, plugExecutor, HostKeyPrompt.REFUSE, PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(
                     timings.failoverSettings(Duration.ofMinutes(2)), session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            AttractLoop loop = new AttractLoop(session, plugs, timeline, () -> rack,
                    timings.failoverSettings(Duration.ofMinutes(2)),
                    Duration.ofSeconds(5), 2, new SplittableRandom(7), status -> {
                        statuses.add(status);
                        if (status.cyclesDone() >= 2) {
                            twoCycles.countDown();
                        }
                    });
            loop.start();
            assertTrue(twoCycles.await(120, TimeUnit.SECONDS), "two cycles within two minutes: " + statuses);
            loop.close();
            assertEquals(2, loop.cyclesDone(), statuses.toString());
            assertTrue(statuses.stream().noneMatch(s -> s.phase() == AttractLoop.Phase.RESTING), statuses.toString());
            assertTrue(plugs.controller().unpluggedNodes().isEmpty(), "every pulled Pi was plugged back in");
            assertEquals(2, timeline.snapshot().runs().stream()
                            .filter(r -> r.trigger().startsWith("plug pulled") && r.verdict().ok()).count(),
                    timeline.snapshot().runs().stream().map(r -> r.node() + " " + r.outcome() + " " + r.failureReason()).toList().toString());
        } finally {
            plugExecutor.shutdownNow();
        }
        assertEquals(before, pirackThreads(), "no loop, rack, drill or informer-health threads left running");
    }
}
