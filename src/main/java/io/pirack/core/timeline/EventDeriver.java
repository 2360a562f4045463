package io.pirack.core.timeline;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeCondition;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.Toleration;
import io.pirack.core.timeline.TimelineEvent.ApiOutage;
import io.pirack.core.timeline.TimelineEvent.ApiRestored;
import io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed;
import io.pirack.core.timeline.TimelineEvent.HeartbeatsStopped;
import io.pirack.core.timeline.TimelineEvent.KubeEvent;
import io.pirack.core.timeline.TimelineEvent.LinkLost;
import io.pirack.core.timeline.TimelineEvent.LinkRegained;
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
import io.pirack.core.timeline.TimelineEvent.TaintRemoved;
import io.pirack.core.timeline.TimelineEvent.TuningApplied;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns cluster changes and PiRack's actions into {@link TimelineEvent}s.
 *
 * <p>It diffs each new object against what <em>it</em> has already reported rather than against the
 * {@code before} it is handed: after a relist an informer may deliver an object again as an add or as
 * an update with no change, and neither may produce a second marker. A pod is known by its uid, so a
 * StatefulSet pod re-created under the same name counts as a new pod.
 *
 * <p>Thread-safe: informer, probe and plug threads may call it at once; events reach the sink one at a
 * time, in the order they were derived. The sink must be quick.
 */
public final class EventDeriver implements DomainListener {

    /** Missing this many renewals in a row means the heartbeats stopped. */
    private static final int MISSED_RENEWALS = 2;
    private static final long DEFAULT_LEASE_SECONDS = 40;

    private final Consumer<TimelineEvent> sink;
    private final Clock clock;

    private final Map<String, ConditionStatus> nodeReady = new HashMap<>();
    private final Map<String, Map<String, Taint>> nodeTaints = new HashMap<>();
    private final Map<String, LeaseMemory> leases = new HashMap<>();
    private final Map<String, PodMemory> podsByUid = new HashMap<>();
    private final Map<String, String> podNodeByKey = new HashMap<>();
    private final Set<String> kubeEventsSeen = new HashSet<>();
    private final Map<String, Boolean> linkUp = new HashMap<>();
    private boolean apiWasConnected;
    private boolean apiOutage;

    /**
     * @param clock only used for deletes, which carry no new {@code receivedAt}; everything else is
     *              stamped with the time the change says it was received
     */
    public EventDeriver(Consumer<TimelineEvent> sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void nodeChanged(NodeInfo before, NodeInfo after) {
        if (after == null) {
            if (before != null) {
                nodeDeleted(before.name());
            }
            return;
        }
        String node = after.name();
        ConditionStatus previous = nodeReady.getOrDefault(node, ConditionStatus.ABSENT);
        ConditionStatus now = after.ready();
        List<TimelineEvent> out = new ArrayList<>();
        if (previous != now) {
            NodeCondition condition = after.condition("Ready").orElse(null);
            NodeReadyChanged change = new NodeReadyChanged(after.receivedAt(), node, previous, now,
                    condition == null ? null : condition.reason(),
                    condition == null ? null : condition.lastTransitionTime());
            if (change.wentDown()) {
                heartbeatsStopped(node, after.receivedAt()).ifPresent(out::add);
            }
            out.add(change);
            nodeReady.put(node, now);
        }
        Map<String, Taint> known = nodeTaints.computeIfAbsent(node, n -> new LinkedHashMap<>());
        Map<String, Taint> current = new LinkedHashMap<>();
        for (Taint taint : after.taints()) {
            current.put(taint.key() + ":" + taint.effect(), taint);
        }
        for (Map.Entry<String, Taint> entry : current.entrySet()) {
            if (!known.containsKey(entry.getKey())) {
                Taint t = entry.getValue();
                out.add(new TaintAdded(after.receivedAt(), node, t.key(), t.effect(), t.timeAdded()));
            }
        }
        for (Map.Entry<String, Taint> entry : known.entrySet()) {
            if (!current.containsKey(entry.getKey())) {
                Taint t = entry.getValue();
                out.add(new TaintRemoved(after.receivedAt(), node, t.key(), t.effect(), t.timeAdded()));
            }
        }
        known.clear();
        known.putAll(current);
        out.forEach(sink);
    }

    private void nodeDeleted(String node) {
        ConditionStatus previous = nodeReady.remove(node);
        nodeTaints.remove(node);
        if (previous != null) {
            sink.accept(new NodeReadyChanged(clock.instant(), node, previous, ConditionStatus.ABSENT,
                    "NodeDeleted", null));
        }
    }

    @Override
    public synchronized void leaseChanged(LeaseInfo before, LeaseInfo after) {
        if (after == null || after.renewTime() == null) {
            return;
        }
        LeaseMemory known = leases.get(after.nodeName());
        if (known != null && known.renewTime.equals(after.renewTime())) {
            return; // a relist or an unrelated metadata change: no new heartbeat
        }
        long seconds = after.durationSeconds() == null ? DEFAULT_LEASE_SECONDS : after.durationSeconds();
        leases.put(after.nodeName(), new LeaseMemory(after.renewTime(), after.receivedAt(), seconds));
        sink.accept(new HeartbeatRenewed(after.receivedAt(), after.nodeName(), after.renewTime()));
    }

    /**
     * Reports every node whose kubelet has missed {@value #MISSED_RENEWALS} renewals (a quarter of
     * the lease duration each) by {@code now}. Call it from a periodic tick; the heartbeats-stopped
     * marker otherwise appears only when the node turns NotReady.
     */
    public synchronized void checkHeartbeats(Instant now) {
        for (String node : List.copyOf(leases.keySet())) {
            LeaseMemory lease = leases.get(node);
            Duration renewInterval = Duration.ofSeconds(lease.durationSeconds).dividedBy(4);
            if (lease.receivedAt.plus(renewInterval.multipliedBy(MISSED_RENEWALS)).isBefore(now)) {
                heartbeatsStopped(node, now).ifPresent(sink);
            }
        }
    }

    private Optional<TimelineEvent> heartbeatsStopped(String node, Instant now) {
        LeaseMemory lease = leases.get(node);
        if (lease == null || lease.stoppedReported) {
            return Optional.empty();
        }
        lease.stoppedReported = true;
        return Optional.of(new HeartbeatsStopped(now, node, lease.renewTime, lease.receivedAt));
    }

    @Override
    public synchronized void podChanged(PodInfo before, PodInfo after) {
        if (after == null) {
            if (before != null) {
                podDeleted(before);
            }
            return;
        }
        PodMemory memory = podsByUid.get(after.uid());
        if (memory != null && memory.deleted) {
            return; // a stale copy of a pod already reported deleted
        }
        PodRef ref = PodRef.of(after);
        Instant at = after.receivedAt();
        List<TimelineEvent> out = new ArrayList<>();
        if (memory == null) {
            memory = new PodMemory();
            podsByUid.put(after.uid(), memory);
            out.add(new PodCreated(at, after.nodeName(), ref, after.createdAt(),
                    tolerance(after.tolerations(), Taint.UNREACHABLE),
                    tolerance(after.tolerations(), Taint.NOT_READY)));
        }
        if (after.scheduled()) {
            podNodeByKey.put(after.key(), after.nodeName());
            if (memory.node == null) {
                memory.node = after.nodeName();
                out.add(new PodScheduled(at, after.nodeName(), ref));
            }
        }
        if (after.phase() == PodPhase.RUNNING && !memory.running) {
            memory.running = true;
            out.add(new PodRunning(at, after.nodeName(), ref));
        }
        if (after.ready() && !memory.ready) {
            memory.ready = true;
            out.add(new PodReady(at, after.nodeName(), ref, after.readySince()));
        }
        memory.disruptionTarget |= after.disruptionTarget();
        if (after.terminating() && !memory.marked) {
            memory.marked = true;
            out.add(new PodMarkedForDeletion(at, after.nodeName(), ref, after.deletionTimestamp(),
                    memory.disruptionTarget));
        }
        out.forEach(sink);
    }

    private void podDeleted(PodInfo last) {
        PodMemory memory = podsByUid.get(last.uid());
        if (memory == null || memory.deleted) {
            return;
        }
        memory.deleted = true;
        podNodeByKey.remove(last.key());
        sink.accept(new PodDeleted(clock.instant(), last.nodeName(), PodRef.of(last)));
    }

    /**
     * How long a pod stays on a node with this NoExecute taint: null = forever; 0 = evicted at once.
     * Upstream's rule ({@link io.pirack.core.cluster.Tolerations#timeToEviction}).
     */
    static Long tolerance(List<Toleration> tolerations, String taintKey) {
        return io.pirack.core.cluster.Tolerations.timeToEviction(taintKey, tolerations).map(java.time.Duration::toSeconds).orElse(null);
    }

    @Override
    public synchronized void eventReceived(EventInfo event) {
        String key = event.uid() + "|" + event.count() + "|" + event.lastTimestamp();
        if (!kubeEventsSeen.add(key)) {
            return;
        }
        String subject;
        String node;
        if ("Node".equals(event.involvedKind())) {
            subject = event.involvedName();
            node = event.involvedName();
        } else if ("Pod".equals(event.involvedKind())) {
            subject = event.namespace() + "/" + event.involvedName();
            node = podNodeByKey.get(subject);
        } else {
            subject = event.namespace() + "/" + event.involvedName();
            node = null;
        }
        sink.accept(new KubeEvent(event.receivedAt(), node, event.involvedKind(), subject, event.reason(),
                event.message(), event.type(), event.lastTimestamp(), event.uid(), event.count()));
    }

    @Override
    public synchronized void apiStatusChanged(ApiStatus before, ApiStatus after) {
        if (after == null) {
            return;
        }
        if (after.isLive()) {
            apiWasConnected = true;
            if (apiOutage) {
                apiOutage = false;
                sink.accept(new ApiRestored(after.since()));
            }
            return;
        }
        // "Connecting" before the first successful list is a start-up, not an outage.
        if (apiWasConnected && !apiOutage) {
            apiOutage = true;
            String reason = after instanceof ApiStatus.Reconnecting r ? r.reason()
                    : after instanceof ApiStatus.Unreachable u ? u.reason() : after.describe();
            sink.accept(new ApiOutage(after.since(), reason));
        }
    }

    @Override
    public synchronized void plugPulled(String node, String strategy, Instant at) {
        sink.accept(new PlugPulled(at, node, strategy));
    }

    @Override
    public synchronized void plugRestored(String node, String strategy, Instant at) {
        sink.accept(new PlugRestored(at, node, strategy));
    }

    @Override
    public synchronized void linkLost(String node, String probe, Instant at) {
        if (!Boolean.FALSE.equals(linkUp.put(node, false))) {
            sink.accept(new LinkLost(at, node, probe));
        }
    }

    @Override
    public synchronized void linkRegained(String node, String probe, Instant at) {
        Boolean previous = linkUp.put(node, true);
        if (Boolean.FALSE.equals(previous)) {
            sink.accept(new LinkRegained(at, node, probe));
        }
    }

    @Override
    public synchronized void tuningApplied(FailoverSettings settings, Instant at) {
        sink.accept(new TuningApplied(at, settings));
    }

    private static final class LeaseMemory {
        final Instant renewTime;
        final Instant receivedAt;
        final long durationSeconds;
        boolean stoppedReported;

        LeaseMemory(Instant renewTime, Instant receivedAt, long durationSeconds) {
            this.renewTime = renewTime;
            this.receivedAt = receivedAt;
            this.durationSeconds = durationSeconds;
        }
    }

    private static final class PodMemory {
        String node;
        boolean running;
        boolean ready;
        boolean disruptionTarget;
        boolean marked;
        boolean deleted;
    }
}
