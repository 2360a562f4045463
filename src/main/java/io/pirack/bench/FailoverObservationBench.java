package io.pirack.bench;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.pirack.app.ClusterSession;
import io.pirack.app.Drill;
import io.pirack.app.PlugService;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.Milestone;
import io.pirack.core.timeline.RunMilestone;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.timeline.TimelineService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Failover observation: drills on the rehearsal rack, comparing when the simulator wrote each
 * transition (ground truth, from {@code RehearsalRack.addWriteListener}) with the milestone
 * PiRack's timeline recorded for it. Differences are reported in real milliseconds.
 */
final class FailoverObservationBench {

    private static final List<RunMilestone> OBSERVED = List.of(RunMilestone.NOT_READY, RunMilestone.NO_EXECUTE_TAINT,
            RunMilestone.FIRST_EVICTION, RunMilestone.FIRST_REPLACEMENT_READY);

    /** First write of each transition since the plug was pulled, in simulated time. */
    private final Map<RunMilestone, Instant> truth = new ConcurrentHashMap<>();
    private volatile String pulledNode;
    private volatile java.util.Set<String> podsAtPull = java.util.Set.of();
    private volatile SimClock clock;

    Map<String, Object> run(int drills, double timeScale, Consumer<String> progress) throws Exception {
        RackSpec base = RackSpec.rehearsal(4);
        RackSpec spec = new RackSpec(base.name(), base.slots(), base.subnet(), base.defaultPlugMethod(), base.turingPiUrl(), 3600);
        SimTimings timings = SimTimings.demoTuned();
        Duration timeout = Duration.ofSeconds(300);
        FailoverSettings settings = timings.failoverSettings(timeout);
        Map<RunMilestone, Samples> observationDelay = new EnumMap<>(RunMilestone.class);
        OBSERVED.forEach(m -> observationDelay.put(m, new Samples()));
        Samples all = new Samples();
        List<String> problems = new ArrayList<>();
        List<String> staying = new ArrayList<>();
        try (ClusterSession session = ClusterSession.open(new ClusterSession.Rehearsal(spec, timings, timeScale));
             PlugService plugs = new PlugService(session, () -> spec, Executors.newCachedThreadPool(), HostKeyPrompt.REFUSE,
                     PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(settings, session.clock())) {
            Drill.connect(session, plugs, timeline);
            var rack = session.rehearsal().orElseThrow();
            clock = rack.clock();
            rack.addWriteListener(this::written);
            rack.addPowerListener((node, powered) -> {
                if (!powered) {
                    // Pods that exist when the plug goes are not replacements.
                    podsAtPull = session.store().snapshot().pods().values().stream().map(p -> p.uid())
                            .collect(java.util.stream.Collectors.toSet());
                    truth.clear();
                    pulledNode = node;
                }
            });
            session.start();
            for (int i = 0; i < drills; i++) {
                String node = spec.slots().get(2 + i % 2).hostname();
                Drill.Result result = new Drill(session, plugs, timeline, line -> { }).run(node, settings, timeout);
                pulledNode = null;
                if (result.run() == null || !result.recovered()) {
                    problems.add("drill " + (i + 1) + ": " + result.reason());
                    continue;
                }
                if (result.run().verdict().kind() == io.pirack.core.timeline.RunVerdict.Kind.RECOVERED_WITH_STAYING) {
                    staying.add("drill " + (i + 1) + " (" + node + "): " + result.reason());
                }
                for (RunMilestone m : OBSERVED) {
                    Milestone recorded = m.of(result.run());
                    Instant written = truth.get(m);
                    if (recorded == null || written == null) {
                        problems.add("drill " + (i + 1) + ": " + m.label() + (recorded == null ? " not recorded" : " not written"));
                        continue;
                    }
                    long realNanos = (long) (Duration.between(written, recorded.receivedAt()).toNanos() / clock.scale());
                    observationDelay.get(m).add(Math.abs(realNanos));
                    all.add(Math.abs(realNanos));
                }
                progress.accept("drills: " + (i + 1) + "/" + drills);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("path", "rehearsal rack (4 Pis, demo-tuned, time x" + timeScale + "), pirack drill's services; |milestone"
                + " receivedAt - simulator write time|, converted to real ms");
        result.put("drills", drills);
        Map<String, Object> byMilestone = new LinkedHashMap<>();
        observationDelay.forEach((m, s) -> byMilestone.put(m.key(), s.summary()));
        result.put("by_milestone", byMilestone);
        result.put("all", all.summary());
        result.put("problems", problems);
        result.put("runs_with_expected_stuck_pods", staying.size());
        result.put("expected_stuck_pods", staying);
        result.put("target_p99_ms", 50);
        result.put("met", problems.isEmpty() && all.percentileMillis(99) <= 50);
        return result;
    }

    private void written(HasMetadata object) {
        String node = pulledNode;
        if (node == null) {
            return;
        }
        if (object instanceof Node n && node.equals(n.getMetadata().getName())) {
            boolean unknown = n.getStatus() != null && n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && !"True".equals(c.getStatus()));
            if (unknown) {
                first(RunMilestone.NOT_READY);
            }
            if (n.getSpec().getTaints().stream().anyMatch(t -> "NoExecute".equals(t.getEffect()))) {
                first(RunMilestone.NO_EXECUTE_TAINT);
            }
        } else if (object instanceof Pod p && p.getStatus() != null) {
            boolean disrupted = p.getStatus().getConditions().stream()
                    .anyMatch(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()));
            if (disrupted && node.equals(p.getSpec().getNodeName())) {
                first(RunMilestone.FIRST_EVICTION);
            }
            boolean ready = p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (ready && !node.equals(p.getSpec().getNodeName()) && !"kube-system".equals(p.getMetadata().getNamespace())
                    && !podsAtPull.contains(p.getMetadata().getUid())) {
                first(RunMilestone.FIRST_REPLACEMENT_READY);
            }
        }
    }

    private void first(RunMilestone milestone) {
        truth.putIfAbsent(milestone, clock.instant());
    }
}
