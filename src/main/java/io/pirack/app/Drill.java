package io.pirack.app;

import io.pirack.concurrent.Background;

import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.rack.LinkState;
import io.pirack.kube.OutOfServiceTaint;
import io.pirack.sim.SimClock;
import io.pirack.timeline.TimelineService;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One rehearsal of the show from start to end: wait for a steady cluster, pull the plug, watch the
 * failover on the timeline, restore. {@code pirack drill} prints what it returns; the booth's
 * attract loop runs the same steps. Waits are on store changes and futures, never sleeps.
 */
public final class Drill {

    /** How the drill ended, with the run when there was one. */
    public record Result(FailoverRun run, String problem) {
        /**
         * Kubernetes did what it promises: every pod it moves is Ready elsewhere (StatefulSet, DaemonSet and
         * uncontrolled pods staying behind are expected), or the Pi held nothing it would move.
         */
        public boolean recovered() {
            return problem == null && run != null && run.verdict().ok();
        }

        /** The verdict's one line: "recovered; web-0 stays Terminating (StatefulSet)", or why it failed. */
        public String reason() {
            if (problem != null) {
                return problem;
            }
            return run == null ? "no failover run was observed" : run.verdict().headline();
        }
    }

    private final ClusterSession session;
    private final PlugService plugs;
    private final TimelineService timeline;
    private final Consumer<String> progress;
    private final double timeScale;

    public Drill(ClusterSession session, PlugService plugs, TimelineService timeline, Consumer<String> progress) {
        this.session = session;
        this.plugs = plugs;
        this.timeline = timeline;
        this.progress = progress;
        this.timeScale = session.clock() instanceof SimClock sim ? sim.scale() : 1.0;
    }

    /** Feeds the timeline from the store, the link monitor and the plug service (call before {@code session.start()}). */
    public static void connect(ClusterSession session, PlugService plugs, TimelineService timeline) {
        session.store().addListener(timeline.listener());
        session.links().addListener(link -> reportLink(timeline, link));
        plugs.addListener(new io.pirack.plug.PlugListener() {
            @Override
            public void plugStateChanged(String node, io.pirack.core.plug.PlugState state) {
            }

            @Override
            public void plugAction(io.pirack.plug.PlugActionEvent event) {
                if (event.action() == io.pirack.plug.PlugActionEvent.Action.PULLED) {
                    timeline.listener().plugPulled(event.node(), event.method().id(), event.requestedAt());
                } else {
                    timeline.listener().plugRestored(event.node(), event.method().id(), event.requestedAt());
                }
            }
        });
    }

    private static void reportLink(TimelineService timeline, LinkState link) {
        if (link.up() == null) {
            return;
        }
        String probe = "link";
        if (link.up()) {
            timeline.listener().linkRegained(link.node(), probe, link.since());
        } else {
            timeline.listener().linkLost(link.node(), probe, link.since());
        }
    }

    /**
     * Runs the drill on {@code node}. {@code timeout} is in cluster time (simulated on the rehearsal rack).
     */
    public Result run(String node, FailoverSettings settings, Duration timeout) throws InterruptedException {
        return run(node, settings, timeout, false);
    }

    /**
     * Runs the drill; with {@code forceStatefulSet}, once Kubernetes marks the node NotReady the drill gives it the
     * {@code node.kubernetes.io/out-of-service} taint so its StatefulSet pods move too, and removes the taint after
     * the node is back.
     */
    public Result run(String node, FailoverSettings settings, Duration timeout, boolean forceStatefulSet)
            throws InterruptedException {
        timeline.listener().tuningApplied(settings.withTimeout(timeout), session.clock().instant());
        ScheduledExecutorService ticker = Background.timer("drill-ticker");
        ticker.scheduleWithFixedDelay(timeline::tick, 100, 100, TimeUnit.MILLISECONDS);
        try {
            progress.accept("waiting for a steady cluster…");
            try {
                session.store().await(s -> steady(s, node), atLeast(real(Duration.ofMinutes(3))), node + " and the workload to be ready");
            } catch (TimeoutException e) {
                return new Result(null, describeUnsteady(session.store().snapshot(), node));
            }
            Instant pulledAt = session.clock().instant();
            progress.accept("pulling the plug on " + node + " (" + plugs.describe(node).orElse("no strategy") + ")…");
            try {
                plugs.pull(node).get(HOST_ACTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return new Result(null, "could not pull the plug: " + rootMessage(e));
            }
            progress.accept("watching the failover…");
            boolean[] tainted = {false};
            FailoverRun run;
            try {
                if (forceStatefulSet) {
                    tainted[0] = markOutOfService(node, pulledAt, timeout);
                }
                run = timeline.whenRunEnds(node, pulledAt).get(real(timeout.plusSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                run = timeline.runStartedSince(node, pulledAt).orElse(null);
                restore(node, tainted[0]);
                return new Result(run, "timed out after " + timeout.toSeconds() + " s without the failover finishing");
            }
            restore(node, tainted[0]);
            return new Result(run, null);
        } finally {
            ticker.shutdownNow();
        }
    }

    /** Waits for NotReady, then adds the out-of-service taint; false when the run ended first. */
    private boolean markOutOfService(String node, Instant pulledAt, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        FailoverRun run = timeline.whenRun(node, pulledAt, r -> r.notReady() != null || !r.inProgress())
                .get(real(timeout.plusSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);
        if (!run.inProgress()) {
            return false;
        }
        progress.accept(node + " is NotReady: adding the out-of-service taint so its StatefulSet pods move too…");
        try {
            OutOfServiceTaint.add(session.client(), node, session.clock().instant());
            return true;
        } catch (KubernetesClientException e) {
            progress.accept("warning: could not add the out-of-service taint to " + node + ": " + io.pirack.kube.KubeErrors.describe(e));
            return false;
        }
    }

    private void restore(String node, boolean removeOutOfService) throws InterruptedException {
        progress.accept("plugging " + node + " back in…");
        try {
            plugs.restore(node).get(HOST_ACTION_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            session.store().await(s -> s.node(node).map(n -> n.ready() == ConditionStatus.TRUE).orElse(false),
                    atLeast(real(Duration.ofMinutes(2))), node + " Ready again");
        } catch (ExecutionException | TimeoutException e) {
            progress.accept("warning: " + node + " did not come back cleanly: " + rootMessage(e));
        }
        if (removeOutOfService) {
            // Documented order: the node is back, then the taint goes, so pods may be scheduled there again.
            try {
                OutOfServiceTaint.remove(session.client(), node);
                progress.accept("removed the out-of-service taint from " + node);
            } catch (KubernetesClientException e) {
                progress.accept("warning: remove the out-of-service taint by hand: kubectl taint nodes " + node + " "
                        + OutOfServiceTaint.KEY + "-");
            }
        }
    }

    /**
     * The API is live, the node Ready, every ReplicaSet has all its replicas Ready, and no workload
     * pod is pending or terminating — so pods still starting up are never mistaken for replacements.
     */
    static boolean steady(ClusterSnapshot s, String node) {
        var workload = s.pods().values().stream().filter(p -> !"kube-system".equals(p.namespace())).toList();
        return s.api().isLive()
                && s.node(node).map(n -> n.ready() == ConditionStatus.TRUE).orElse(false)
                && !workload.isEmpty()
                && workload.stream().allMatch(p -> !p.terminating() && p.ready())
                && s.replicaSets().values().stream().allMatch(rs -> rs.readyReplicas() >= rs.desiredReplicas());
    }

    private static String describeUnsteady(ClusterSnapshot s, String node) {
        if (!s.api().isLive()) {
            return "API server " + s.api().describe();
        }
        if (s.node(node).isEmpty()) {
            return "there is no node named '" + node + "' (nodes: " + String.join(", ", s.nodes().keySet()) + ")";
        }
        if (s.node(node).get().ready() != ConditionStatus.TRUE) {
            return node + " is not Ready before the drill; plug it back in first";
        }
        return "the workload did not settle (pods pending or terminating) before the drill";
    }

    /**
     * Pulling or restoring a plug is work on this machine (an SSH command, a hub, the rack's power switch):
     * its bound is wall time, not shortened by a fast simulated clock.
     */
    private static final Duration HOST_ACTION_LIMIT = Duration.ofMinutes(1);

    /**
     * A wait for the cluster to settle, in wall time: the simulated span, but never under 30 s, because a
     * rack run 40x faster still needs this machine's CPU for every event (a loaded laptop, CI).
     */
    private static Duration atLeast(Duration real) {
        Duration floor = Duration.ofSeconds(30);
        return real.compareTo(floor) < 0 ? floor : real;
    }

    private Duration real(Duration clusterTime) {
        return Duration.ofNanos((long) (clusterTime.toNanos() / timeScale));
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A rack spec in which {@code node} uses {@code method}, adding the slot if the spec lacks it. */
    public static RackSpec withMethod(RackSpec spec, String node, PlugMethod method, Supplier<io.pirack.core.rack.PiSlot> newSlot) {
        io.pirack.core.rack.PiSlot slot = spec.slot(node).orElseGet(newSlot);
        return spec.replaceSlot(slot.withPlugMethod(method));
    }
}
