package io.pirack.core.timeline;

import static io.pirack.testing.ClusterFixtures.at;
import static io.pirack.testing.ClusterFixtures.serverAt;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.Taint;
import io.pirack.core.timeline.TimelineEvent.ApiOutage;
import io.pirack.core.timeline.TimelineEvent.ApiRestored;
import io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed;
import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import io.pirack.core.timeline.TimelineEvent.LinkLost;
import io.pirack.core.timeline.TimelineEvent.NodeReadyChanged;
import io.pirack.core.timeline.TimelineEvent.PlugPulled;
import io.pirack.core.timeline.TimelineEvent.PlugRestored;
import io.pirack.core.timeline.TimelineEvent.PodCreated;
import io.pirack.core.timeline.TimelineEvent.PodDeleted;
import io.pirack.core.timeline.TimelineEvent.PodMarkedForDeletion;
import io.pirack.core.timeline.TimelineEvent.PodReady;
import io.pirack.core.timeline.TimelineEvent.PodRunning;
import io.pirack.core.timeline.TimelineEvent.PodScheduled;
import io.pirack.core.timeline.TimelineEvent.TaintAdded;
import io.pirack.core.timeline.TimelineEvent.TuningApplied;
import io.pirack.testing.ClusterFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Scripted timeline events with times in seconds after {@link ClusterFixtures#T0}. */
final class Script {

    static final String RS = "web-7d4b9";
    static final FailoverSettings DEMO = new FailoverSettings(FailoverSettings.DEMO_TUNED, Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(120));

    final List<TimelineEvent> events = new ArrayList<>();

    static PodRef web(String name) {
        return new PodRef("demo", name, "uid-" + name, OwnerKind.REPLICA_SET, RS);
    }

    Script add(TimelineEvent event) {
        events.add(event);
        return this;
    }

    Script tuning(double s, FailoverSettings settings) {
        return add(new TuningApplied(at(s), settings));
    }

    Script nodes(double s, String... names) {
        for (String name : names) {
            add(new NodeReadyChanged(at(s), name, ConditionStatus.ABSENT, ConditionStatus.TRUE, "KubeletReady",
                    serverAt(-3600)));
        }
        return this;
    }

    /** A pod already running on {@code node} when PiRack started (seen in the first list). */
    Script existingPod(double s, PodRef pod, String node, Long tolerance) {
        add(new PodCreated(at(s), node, pod, serverAt(-600), tolerance, tolerance));
        add(new PodScheduled(at(s), node, pod));
        add(new PodRunning(at(s), node, pod));
        return add(new PodReady(at(s), node, pod, serverAt(-590)));
    }

    Script pull(double s, String node) {
        return add(new PlugPulled(at(s), node, "sim"));
    }

    Script restore(double s, String node) {
        return add(new PlugRestored(at(s), node, "sim"));
    }

    Script linkLost(double s, String node) {
        return add(new LinkLost(at(s), node, "tcp/22"));
    }

    Script heartbeat(double s, String node) {
        return add(new HeartbeatRenewed(at(s), node, serverAt(s)));
    }

    Script notReady(double s, String node) {
        return add(new NodeReadyChanged(at(s), node, ConditionStatus.TRUE, ConditionStatus.UNKNOWN,
                "NodeStatusUnknown", serverAt(s)));
    }

    Script readyAgain(double s, String node) {
        return add(new NodeReadyChanged(at(s), node, ConditionStatus.UNKNOWN, ConditionStatus.TRUE, "KubeletReady",
                serverAt(s)));
    }

    Script noExecute(double s, String node) {
        add(new TaintAdded(at(s - 0.1), node, Taint.UNREACHABLE, Taint.NO_SCHEDULE, null));
        return add(new TaintAdded(at(s), node, Taint.UNREACHABLE, Taint.NO_EXECUTE, serverAt(s)));
    }

    Script marked(double s, PodRef pod, String node) {
        return add(new PodMarkedForDeletion(at(s), node, pod, serverAt(s + 30), true));
    }

    Script deleted(double s, PodRef pod, String node) {
        return add(new PodDeleted(at(s), node, pod));
    }

    /** A replacement's whole start: created, scheduled 0.2 s later, Running after 2 s, Ready at {@code readyS}. */
    Script replacement(double createdS, PodRef pod, String node, double readyS) {
        add(new PodCreated(at(createdS), null, pod, serverAt(createdS), 5L, 5L));
        add(new PodScheduled(at(createdS + 0.2), node, pod));
        add(new PodRunning(at(createdS + 2), node, pod));
        return add(new PodReady(at(readyS), node, pod, serverAt(readyS)));
    }

    Script apiOutage(double s) {
        return add(new ApiOutage(at(s), "watch closed"));
    }

    Script apiRestored(double s) {
        return add(new ApiRestored(at(s)));
    }

    Script kubeEvent(double s, String node, String kind, String subject, String reason, String message) {
        return add(new KubeEvent(at(s), node, kind, subject, reason, message, "Normal", serverAt(s),
                "ev-" + reason + "-" + subject, 1));
    }

    /**
     * The reference story on a 4-node rack with demo tuning: pi2 pulled at 0 with web-a and web-b
     * (5 s tolerations) and a DaemonSet pod; link lost 0.8, NotReady 10.4, NoExecute 10.6, evictions
     * 15.7/15.8, replacements on pi3/pi4 Ready at 19.0 and 21.0.
     */
    static Script reference() {
        Script s = new Script().tuning(-200, DEMO).nodes(-100, "pi1", "pi2", "pi3", "pi4");
        s.existingPod(-100, web("web-a"), "pi2", 5L).existingPod(-100, web("web-b"), "pi2", 5L)
                .existingPod(-100, web("web-z"), "pi3", 5L)
                .existingPod(-100, new PodRef("kube-system", "proxy-x", "uid-proxy-x", OwnerKind.DAEMON_SET, "proxy"),
                        "pi2", null);
        s.heartbeat(-10.5, "pi2").heartbeat(-0.5, "pi2").pull(0, "pi2").linkLost(0.8, "pi2")
                .notReady(10.4, "pi2").noExecute(10.6, "pi2")
                .marked(15.7, web("web-a"), "pi2").marked(15.8, web("web-b"), "pi2")
                .replacement(15.9, web("web-c"), "pi3", 19.0).replacement(16.0, web("web-d"), "pi4", 21.0);
        return s;
    }

    FailoverCorrelator correlator() {
        FailoverCorrelator correlator = new FailoverCorrelator(FailoverSettings.kubernetesDefaults());
        correlator.acceptAll(events);
        return correlator;
    }
}
