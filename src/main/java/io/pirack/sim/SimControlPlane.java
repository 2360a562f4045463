package io.pirack.sim;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated kube-controller-manager and kube-scheduler: the node lifecycle controller, the taint
 * eviction controller, the pod garbage collector, the workload controllers and the scheduler, each
 * in its own class, run one after another on the rack's one simulation thread. Reads come from
 * informer caches, writes go through the API.
 *
 * <p>{@link #stop()} is the control-plane Pi losing power (nothing runs); {@link #restart()} is it
 * booting again: the controllers that keep state in memory start from scratch, as upstream's do.
 */
final class SimControlPlane {

    private static final Logger LOG = LoggerFactory.getLogger(SimControlPlane.class);

    private final SimWriter writer;
    private final SimCache cache;
    private final SimTimings timings;
    private final SimEvents events;
    private final SimAdmission admission;
    private final long seed;
    private NodeLifecycleController nodeLifecycle;
    private TaintEvictionController taintEviction;
    private PodGarbageCollector podGc;
    private WorkloadControllers workloads;
    private SimScheduler scheduler;
    private boolean running;

    SimControlPlane(SimWriter writer, SimCache cache, SimTimings timings, SimEvents events, long seed) {
        this.writer = writer;
        this.cache = cache;
        this.timings = timings;
        this.events = events;
        this.admission = new SimAdmission(timings.defaultTolerationSeconds());
        this.seed = seed;
        restart();
    }

    SimAdmission admission() {
        return admission;
    }

    /** Fresh controllers, as after kube-controller-manager and kube-scheduler (re)start. */
    void restart() {
        nodeLifecycle = new NodeLifecycleController(writer, cache, timings, events);
        taintEviction = new TaintEvictionController(writer, cache, events);
        podGc = new PodGarbageCollector(writer, cache);
        workloads = new WorkloadControllers(writer, cache, events, admission, seed);
        scheduler = new SimScheduler(writer, cache, events);
        running = true;
    }

    void stop() {
        running = false;
    }

    boolean running() {
        return running;
    }

    NodeLifecycleController nodeLifecycle() {
        return nodeLifecycle;
    }

    void sync(Instant now) {
        if (!running) {
            return;
        }
        step("node lifecycle", () -> nodeLifecycle.sync(now));
        step("taint eviction", () -> taintEviction.sync(now));
        step("pod gc", () -> podGc.sync(now));
        workloads.syncAll();
        step("scheduler", scheduler::schedule);
    }

    static void step(String what, Runnable action) {
        try {
            action.run();
        } catch (KubernetesClientException e) {
            LOG.debug("simulated {} pass failed: {}", what, e.getMessage());
        }
    }
}
