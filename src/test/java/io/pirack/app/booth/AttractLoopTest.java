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

    /**
     * Cluster time, which runs 5x the wall clock however little CPU the test gets: 2 min (24 real seconds) ran out on
     * a starved machine while a replacement was still starting. Each cycle ends when its pods are back, not at this.
     */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

    @Test
    void runsCyclesThatEachRecoverAndRestoreAndLeavesNoThreadsBehind() throws Exception {
        Set<String> before = pirackThreads();
        SimTimings timings = SimTimings.demoTuned();
        RackSpec rack = RackSpec.rehearsal(4);
        List<AttractLoop.Status> statuses = new CopyOnWriteArrayList<>();
        CountDownLatch twoCycles = new CountDownLatch(1);
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(rack, timings, 5));
             PlugService plugs = new PlugService(session, () -> rack, HostKeyPrompt.REFUSE, PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(
                     timings.failoverSettings(RUN_TIMEOUT), session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            AttractLoop loop = new AttractLoop(session, plugs, timeline, () -> rack,
                    timings.failoverSettings(RUN_TIMEOUT),
                    Duration.ofSeconds(5), 2, new SplittableRandom(7), status -> {
                        statuses.add(status);
                        if (status.cyclesDone() >= 2) {
                            twoCycles.countDown();
                        }
                    });
            loop.start();
            assertTrue(twoCycles.await(300, TimeUnit.SECONDS), "two cycles within five minutes: " + statuses);
            loop.close();
            assertEquals(2, loop.cyclesDone(), statuses.toString());
            assertTrue(statuses.stream().noneMatch(s -> s.phase() == AttractLoop.Phase.RESTING), statuses.toString());
            assertTrue(plugs.controller().unpluggedNodes().isEmpty(), "every pulled Pi was plugged back in");
            var runs = timeline.snapshot().runs().stream().sorted(java.util.Comparator.comparing(r -> r.start())).toList();
            assertTrue(runs.subList(runs.size() - 2, runs.size()).stream().allMatch(r -> r.replacedCount() > 0),
                    "every pull moved pods: " + timeline.snapshot().runs().stream().map(r -> r.node() + " moved " + r.replacedCount()).toList());
            assertTrue(statuses.stream().anyMatch(s -> s.message().equals("spreading the pods over the Pis again")),
                    "the first cycle's returned Pi got its pods back by a rebalance: " + statuses);
            assertEquals(2, timeline.snapshot().runs().stream()
                            .filter(r -> r.trigger().startsWith("plug pulled") && r.verdict().ok()).count(),
                    timeline.snapshot().runs().stream().map(r -> r.node() + " " + r.outcome() + " " + r.failureReason()).toList().toString());
        }
        assertEquals(before, pirackThreads(), "no loop, rack, drill or informer-health threads left running");
    }
}
