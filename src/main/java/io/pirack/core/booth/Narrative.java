package io.pirack.core.booth;

import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.RunVerdict;
import io.pirack.core.timeline.StayingPod;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The audience's short story of the current failover, one sentence per milestone reached, in
 * plain words ("Node rpi3 stopped sending heartbeats… marked NotReady… 4 pods rescheduled").
 */
public final class Narrative {

    private Narrative() {
    }

    /**
     * Between runs: the invitation, but only when it is true — while connecting, or with a Pi not
     * Ready, it says so instead of "All Pis healthy".
     */
    public static List<String> between(ClusterSnapshot cluster) {
        if (!cluster.api().isLive()) {
            return List.of("Connecting to the cluster…");
        }
        long ready = cluster.nodes().values().stream().filter(n -> n.ready() == ConditionStatus.TRUE).count();
        if (cluster.nodes().isEmpty() || ready < cluster.nodes().size()) {
            return List.of(ready + " of " + cluster.nodes().size() + " Pis Ready. Waiting for the cluster to settle…");
        }
        return of(null);
    }

    public static List<String> of(FailoverRun run) {
        List<String> lines = new ArrayList<>();
        if (run == null) {
            lines.add("All Pis healthy. Pull a plug and watch Kubernetes heal the cluster.");
            return lines;
        }
        String node = run.node();
        lines.add("The plug of " + node + " was pulled.");
        if (run.linkLost() != null) {
            lines.add(node + " vanished from the network after " + seconds(run.timeTo(run.linkLost())) + ".");
        }
        if (run.lastHeartbeat() != null) {
            lines.add(node + " stopped sending heartbeats.");
        }
        if (run.notReady() != null) {
            lines.add("Kubernetes marked " + node + " NotReady after " + seconds(run.timeTo(run.notReady())) + ".");
        } else {
            lines.add("Kubernetes waits for the grace period before it believes the Pi is gone…");
        }
        if (run.firstEviction() != null) {
            lines.add("It evicted the pods of " + node + " after " + seconds(run.timeTo(run.firstEviction())) + ".");
        }
        long replaced = run.replacedCount();
        if (replaced > 0) {
            lines.add(replaced + (replaced == 1 ? " pod" : " pods") + " rescheduled on the other Pis"
                    + (run.lastReplacementReady() != null ? " — all Ready after " + seconds(run.timeTo(run.lastReplacementReady())) : "")
                    + ".");
        }
        if (!run.inProgress()) {
            RunVerdict verdict = run.verdict();
            if (verdict.ok()) {
                run.staying().stream().filter(p -> p.reason() != StayingPod.Reason.DAEMON_SET)
                        .forEach(p -> lines.add(p.shortText() + ", as Kubernetes intends."));
            } else {
                lines.add(verdict.headline() + ".");
            }
        }
        return lines;
    }

    /**
     * The run's Pi once PiRack plugged it back in. Its LINK light comes back seconds before Kubernetes
     * sees the Pi again (it boots, its kubelet starts): without a word the rack would look wrong.
     */
    public static String pluggedBackIn(String node, ClusterSnapshot cluster) {
        boolean ready = cluster.node(node).map(n -> n.ready() == ConditionStatus.TRUE).orElse(false);
        return node + (ready ? " is plugged back in and Ready again." : " is plugged back in and starting up…");
    }

    private static String seconds(java.time.Duration d) {
        return d == null ? "—" : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
