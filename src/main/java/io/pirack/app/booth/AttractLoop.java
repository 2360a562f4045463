package io.pirack.app.booth;

import io.pirack.concurrent.Background;

import io.pirack.app.ClusterSession;
import io.pirack.app.Drill;
import io.pirack.app.PlugService;
import io.pirack.core.booth.Spread;
import io.pirack.core.booth.VisitorPolicy;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.kube.RolloutRestart;
import io.pirack.sim.SimClock;
import io.pirack.timeline.TimelineService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * For unattended hours: every {@code interval} pull the eligible worker with the most movable pods,
 * wait for the failover to recover, plug it back in, and rebalance so the next pull moves something. Someone touching the booth pushes the next cycle back; after
 * {@code maxFailures} failed cycles in a row the loop rests and says why. Runs on its own thread;
 * waits on a monitor (woken by stop or interaction), never by sleeping.
 */
public final class AttractLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AttractLoop.class);
    /** After a skipped cycle (cluster not settled yet), look again this soon. */
    static final Duration RETRY = Duration.ofSeconds(15);
    /** The longest a cycle waits for the returned Pi and then for an even spread. */
    static final Duration REBALANCE_WAIT = Duration.ofMinutes(2);

    /** What the booth screen shows about the loop. */
    public record Status(Phase phase, int cyclesDone, int failuresInARow, String message) {
    }

    public enum Phase { WAITING, PULLING, RECOVERING, RESTING, STOPPED }

    private final ClusterSession session;
    private final PlugService plugs;
    private final TimelineService timeline;
    private final Supplier<RackSpec> rack;
    private final FailoverSettings settings;
    private final Duration interval;
    private final int maxFailures;
    private final RandomGenerator random;
    private final Consumer<Status> listener;
    private final Object monitor = new Object();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile Instant lastInteraction;
    private int cycles;
    private boolean retrySoon;
    private int failures;

    public AttractLoop(ClusterSession session, PlugService plugs, TimelineService timeline, Supplier<RackSpec> rack,
                       FailoverSettings settings, Duration interval, int maxFailures, RandomGenerator random,
                       Consumer<Status> listener) {
        this.session = session;
        this.plugs = plugs;
        this.timeline = timeline;
        this.rack = rack;
        this.settings = settings;
        this.interval = interval;
        this.maxFailures = maxFailures;
        this.random = random;
        this.listener = listener;
        this.thread = Background.daemon("attract-loop").newThread(this::loop);
    }

    public void start() {
        thread.start();
    }

    /** A visitor or the operator did something: the next automatic pull waits a full interval from now. */
    public void notifyInteraction() {
        lastInteraction = session.clock().instant();
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    private void loop() {
        try {
            while (!stopped) {
                if (!waitForNextCycle()) {
                    break;
                }
                runCycle();
                if (failures >= maxFailures) {
                    String why = "demo resting after " + failures + " failed cycles in a row";
                    LOG.warn("attract loop: {}", why);
                    listener.accept(new Status(Phase.RESTING, cycles, failures, why));
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.accept(new Status(Phase.STOPPED, cycles, failures, "attract loop stopped"));
    }

    /** Waits one interval after the later of the last cycle and the last interaction. */
    private boolean waitForNextCycle() throws InterruptedException {
        Instant cycleEnded = session.clock().instant();
        Duration wait = retrySoon ? RETRY.compareTo(interval) < 0 ? RETRY : interval : interval;
        retrySoon = false;
        listener.accept(new Status(Phase.WAITING, cycles, failures, "next automatic pull in " + TimeText.age(wait)));
        synchronized (monitor) {
            while (!stopped) {
                Instant from = lastInteraction != null && lastInteraction.isAfter(cycleEnded) ? lastInteraction : cycleEnded;
                Duration left = Duration.between(session.clock().instant(), from.plus(wait));
                if (left.isNegative() || left.isZero()) {
                    return true;
                }
                monitor.wait(Math.max(1, real(left).toMillis()));
            }
        }
        return false;
    }

    private void runCycle() throws InterruptedException {
        VisitorPolicy.Choice choice = VisitorPolicy.choose(session.store().snapshot(), rack.get(),
                plugs.controller().unpluggedNodes(), session.clock().instant(), null, Duration.ZERO, random);
        if (!(choice instanceof VisitorPolicy.Choice.Pull pull)) {
            // Not a failed cycle: nothing was pulled. Try again soon rather than a whole interval later.
            String why = choice instanceof VisitorPolicy.Choice.Refuse r ? r.reason() : "waiting";
            LOG.info("attract loop skipped a cycle: {}", why);
            listener.accept(new Status(Phase.WAITING, cycles, failures, why));
            retrySoon = true;
            return;
        }
        listener.accept(new Status(Phase.PULLING, cycles, failures, "pulling the plug on " + pull.node()));
        Drill.Result result = new Drill(session, plugs, timeline,
                line -> listener.accept(new Status(Phase.RECOVERING, cycles, failures, line)))
                .run(pull.node(), settings, settings.runTimeout());
        cycles++;
        if (result.recovered()) {
            failures = 0;
            spreadAgain(pull.node());
        } else {
            failures++;
            LOG.warn("attract loop cycle on {} failed: {}", pull.node(), result.reason());
        }
    }

    /**
     * Kubernetes never moves pods back to the Pi that returned: once it is Ready again, restart the
     * unevenly spread demo Deployments and wait until the spread is even, so the next cycle moves
     * something. A rebalance that does not even out in time is logged, not counted as a failure.
     */
    private void spreadAgain(String node) throws InterruptedException {
        try {
            ClusterSnapshot back = session.store().await(s -> s.node(node).map(n -> n.ready() == ConditionStatus.TRUE).orElse(false)
                    && VisitorPolicy.recovered(s), real(REBALANCE_WAIT), node + " Ready again");
            List<Spread.DeploymentRef> uneven = Spread.uneven(back);
            if (uneven.isEmpty()) {
                return;
            }
            listener.accept(new Status(Phase.RECOVERING, cycles, failures, "spreading the pods over the Pis again"));
            RolloutRestart.Outcome outcome = new RolloutRestart(session.client(), java.time.Clock.systemDefaultZone()).restart(uneven);
            if (!outcome.problems().isEmpty()) {
                LOG.warn("attract loop: rebalance problems {}", outcome.problems());
            }
            session.store().await(Spread::isEven, real(REBALANCE_WAIT), "an even spread");
        } catch (TimeoutException e) {
            LOG.warn("attract loop: {}", e.getMessage());
        }
    }

    private Duration real(Duration clusterTime) {
        double scale = session.clock() instanceof SimClock sim ? sim.scale() : 1.0;
        return Duration.ofNanos((long) (clusterTime.toNanos() / scale));
    }

    public int cyclesDone() {
        return cycles;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        synchronized (monitor) {
            monitor.notifyAll();
        }
        thread.join(10_000);
    }
}
