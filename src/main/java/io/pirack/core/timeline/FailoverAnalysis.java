package io.pirack.core.timeline;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.OwnerKind;
import io.pirack.core.cluster.Taint;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.timeline.TimelineEvent.ApiOutage;
import io.pirack.core.timeline.TimelineEvent.ApiRestored;
import io.pirack.core.timeline.TimelineEvent.HeartbeatRenewed;
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
import io.pirack.core.timeline.TimelineEvent.TuningApplied;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure function behind {@link FailoverCorrelator}: from a time-ordered, de-duplicated list of
 * events to the failover runs they contain. Because it always works on the whole sorted list, the order
 * in which events were delivered cannot change the result.
 */
final class FailoverAnalysis {

    /** A link loss this long before a spontaneous NotReady still belongs to its run. */
    private static final Duration LINK_LOSS_LOOKBACK_MARGIN = Duration.ofSeconds(10);

    private final List<TimelineEvent> events;
    private final FailoverSettings defaults;
    private final Instant now;

    private final Map<String, PodTrack> pods = new LinkedHashMap<>();
    private final Map<String, List<TimelineEvent>> lanes = new LinkedHashMap<>();
    private final TreeMap<Instant, FailoverSettings> tuning = new TreeMap<>();
    private final List<Outage> outages = new ArrayList<>();
    private final List<DownCount> downCounts = new ArrayList<>();
    private final Set<String> linkedReplacements = new HashSet<>();

    private FailoverAnalysis(List<TimelineEvent> sortedEvents, FailoverSettings defaults, Instant now) {
        this.events = sortedEvents;
        this.defaults = defaults;
        this.now = now;
    }

    /**
     * @param sortedEvents events ordered by {@link #ORDER}, one per identity
     * @param now          the injected clock's time; runs older than their timeout at {@code now} are
     *                     reported as timed out, younger unfinished ones as in progress
     */
    static List<FailoverRun> analyse(List<TimelineEvent> sortedEvents, FailoverSettings defaults, Instant now) {
        FailoverAnalysis analysis = new FailoverAnalysis(sortedEvents, defaults, now);
        analysis.index();
        return analysis.findRuns();
    }

    /**
     * How far the node lifecycle controller's clock (it stamps NotReady) may run ahead of the API server's
     * (it stamps a pod's creation) before a replacement is taken for a pod that was there already. A pod
     * that existed before the pull was created at least a grace period (seconds) before NotReady.
     */
    static final Duration SERVER_CLOCK_MARGIN = Duration.ofSeconds(2);

    /** The one order used everywhere: receive time, then kind, then identity (stable for equal times). */
    static final Comparator<TimelineEvent> ORDER = Comparator.comparing(TimelineEvent::receivedAt)
            .thenComparing(TimelineEvent::kind)
            .thenComparing(TimelineEvent::identity);

    private void index() {
        Map<String, ConditionStatus> ready = new HashMap<>();
        for (TimelineEvent event : events) {
            if (event instanceof PodCreated c) {
                PodTrack track = track(c.pod());
                track.created = c;
            } else if (event instanceof PodScheduled s) {
                track(s.pod()).scheduled = s;
            } else if (event instanceof PodRunning r) {
                track(r.pod()).running = r;
            } else if (event instanceof PodReady r) {
                track(r.pod()).ready = r;
            } else if (event instanceof PodMarkedForDeletion m) {
                track(m.pod()).marked = m;
            } else if (event instanceof PodDeleted d) {
                track(d.pod()).deleted = d;
            } else if (event instanceof ApiOutage o) {
                if (outages.isEmpty() || outages.get(outages.size() - 1).end != null) {
                    outages.add(new Outage(o.receivedAt(), o.reason()));
                }
            } else if (event instanceof ApiRestored r) {
                if (!outages.isEmpty() && outages.get(outages.size() - 1).end == null) {
                    outages.get(outages.size() - 1).end = r.receivedAt();
                }
            } else if (event instanceof TuningApplied t) {
                tuning.put(t.receivedAt(), t.settings());
            } else if (event.node() != null && !(event instanceof KubeEvent)) {
                lanes.computeIfAbsent(event.node(), n -> new ArrayList<>()).add(event);
                if (event instanceof NodeReadyChanged r) {
                    ready.put(r.node(), r.to());
                    downCounts.add(DownCount.of(r.receivedAt(), ready));
                }
            }
        }
    }

    private PodTrack track(PodRef ref) {
        return pods.computeIfAbsent(ref.uid(), uid -> new PodTrack(ref));
    }

    /** Runs are built in start order across all nodes, so replacements go to the earliest claim. */
    private List<FailoverRun> findRuns() {
        List<TimelineEvent> starts = new ArrayList<>();
        for (List<TimelineEvent> lane : lanes.values()) {
            lane.stream().filter(FailoverAnalysis::startsRun).forEach(starts::add);
        }
        starts.sort(ORDER);
        Map<String, Instant> busyUntil = new HashMap<>();
        List<FailoverRun> runs = new ArrayList<>();
        for (TimelineEvent start : starts) {
            String node = start.node();
            if (busyUntil.containsKey(node) && !start.receivedAt().isAfter(busyUntil.get(node))) {
                continue;
            }
            FailoverRun run = buildRun(node, start, lanes.get(node));
            runs.add(run);
            busyUntil.put(node, run.end() == null ? Instant.MAX : run.end());
        }
        return runs;
    }

    private static boolean startsRun(TimelineEvent event) {
        return event instanceof PlugPulled || event instanceof NodeReadyChanged r && r.wentDown();
    }

    private FailoverRun buildRun(String node, TimelineEvent startEvent, List<TimelineEvent> lane) {
        Instant start = startEvent.receivedAt();
        if (startEvent instanceof PlugPulled && wasDownAt(lane, start)) {
            return alreadyDown(node, startEvent);
        }
        Map.Entry<Instant, FailoverSettings> tuned = tuning.floorEntry(start);
        FailoverSettings settings = tuned == null ? defaults : tuned.getValue();
        Instant timeoutAt = start.plus(settings.runTimeout());
        boolean pulled = startEvent instanceof PlugPulled;
        String trigger = pulled ? pullTrigger(startEvent) : "node NotReady";

        TimelineEvent linkLost = null;
        TimelineEvent notReady = pulled ? null : startEvent;
        TimelineEvent noExecute = null;
        TimelineEvent nodeBack = null;
        TimelineEvent restored = null;
        TimelineEvent lastHeartbeat = null;
        TimelineEvent outOfService = null;
        Instant lookback = pulled ? start
                : start.minus(settings.nodeMonitorGracePeriod()).minus(settings.nodeMonitorPeriod())
                        .minus(LINK_LOSS_LOOKBACK_MARGIN);
        for (TimelineEvent event : lane) {
            Instant at = event.receivedAt();
            if (at.isAfter(timeoutAt)) {
                break;
            }
            if (event instanceof HeartbeatRenewed && (notReady == null || at.isBefore(notReady.receivedAt()))) {
                lastHeartbeat = event;
            }
            if (at.isBefore(lookback)) {
                continue;
            }
            if (event instanceof LinkLost && linkLost == null) {
                linkLost = event;
            } else if (event instanceof LinkRegained && at.isBefore(start)) {
                linkLost = null; // the link came back before the node went down: not this run's loss
            }
            if (at.isBefore(start)) {
                continue;
            }
            if (event instanceof NodeReadyChanged r) {
                if (notReady == null && (r.to() == ConditionStatus.UNKNOWN || r.to() == ConditionStatus.FALSE)) {
                    notReady = event;
                } else if (notReady != null && nodeBack == null && r.cameBack()) {
                    nodeBack = event;
                }
            } else if (event instanceof TaintAdded t && noExecute == null && isNodeDownTaint(t)) {
                noExecute = event;
            } else if (event instanceof TaintAdded t && outOfService == null && Taint.OUT_OF_SERVICE.equals(t.key())
                    && Taint.NO_EXECUTE.equals(t.effect())) {
                outOfService = event;
            } else if (event instanceof PlugRestored && restored == null) {
                restored = event;
            }
        }

        Instant victimCutoff = notReady != null ? notReady.receivedAt() : now;
        String taintKey = notReady instanceof NodeReadyChanged r && r.to() == ConditionStatus.FALSE
                ? Taint.NOT_READY : Taint.UNREACHABLE;
        List<PodTrack> victims = victims(node, start, victimCutoff, taintKey);
        Map<PodTrack, PodTrack> replacements = linkReplacements(victims, start, timeoutAt, notReady);
        boolean forced = outOfService != null;
        List<PodTrack> movable = victims.stream().filter(v -> Movable.kind(v.ref.ownerKind(), forced)).toList();

        // End: recovery of what Kubernetes moves, the node coming back, a restore before NotReady, or the timeout.
        Instant recoveredAt = recoveredAt(movable, replacements, notReady, noExecute);
        if (recoveredAt != null && recoveredAt.isAfter(timeoutAt)) {
            recoveredAt = null; // too late: the run had already timed out
        }
        Instant end = null;
        RunOutcome outcome = RunOutcome.IN_PROGRESS;
        if (recoveredAt != null) {
            end = recoveredAt;
            outcome = movable.isEmpty() ? RunOutcome.NOTHING_TO_MOVE : RunOutcome.RECOVERED;
        }
        Instant backAt = nodeBack != null ? nodeBack.receivedAt()
                : restored != null && (notReady == null || restored.receivedAt().isBefore(notReady.receivedAt()))
                        ? restored.receivedAt() : null;
        if (backAt != null && (end == null || backAt.isBefore(end))) {
            end = backAt;
            outcome = RunOutcome.RESTORED;
        }
        if (end == null && !now.isBefore(timeoutAt)) {
            end = timeoutAt;
            outcome = RunOutcome.TIMED_OUT;
        }
        Instant until = end != null ? end : now;

        List<PodFailover> podFailovers = new ArrayList<>();
        Instant taintBase = noExecute != null ? noExecute.receivedAt() : notReady != null ? notReady.receivedAt() : null;
        for (PodTrack victim : victims) {
            podFailovers.add(podFailover(victim, replacements.get(victim), taintKey, taintBase, until,
                    movable.contains(victim)));
        }
        List<StayingPod> staying = new ArrayList<>();
        for (PodFailover pod : podFailovers) {
            if (!pod.movable()) {
                staying.add(new StayingPod(pod.evicted(), StayingPod.Reason.of(pod.evicted().ownerKind()), pod.fate()));
            }
        }
        for (PodTrack daemon : daemonPods(node, start, victimCutoff)) {
            staying.add(new StayingPod(daemon.ref, StayingPod.Reason.DAEMON_SET, null));
        }
        Milestone firstEviction = earliest(podFailovers.stream().map(PodFailover::marked).toList());
        List<PodFailover> moved = podFailovers.stream().filter(PodFailover::movable).toList();
        List<Milestone> readies = moved.stream().map(PodFailover::replacementReady).toList();
        Milestone firstReady = earliest(readies);
        Milestone lastReady = moved.stream().allMatch(p -> p.fate() == PodFate.REPLACED) && !readies.isEmpty()
                ? latest(readies) : null;

        String haltReason = haltReason(notReady != null ? notReady.receivedAt() : start, until);
        List<String> notes = new ArrayList<>();
        Outage openAtEnd = null;
        for (Outage outage : outages) {
            if (outage.start.isAfter(until) || outage.end != null && outage.end.isBefore(start)) {
                continue;
            }
            notes.add(outage.describe());
            if (outage.end == null || outage.end.isAfter(until)) {
                openAtEnd = outage;
            }
        }
        if (haltReason != null) {
            notes.add(haltReason);
        }
        List<String> imageTrouble = ImageTrouble.of(podFailovers, events, until);
        notes.addAll(imageTrouble);
        Prediction prediction = predict(settings, start, lastHeartbeat, notReady, noExecute,
                moved.isEmpty() ? podFailovers : moved);
        String failure = failureReason(outcome, openAtEnd, haltReason, podFailovers, notReady, noExecute, firstEviction,
                settings, prediction);
        if (outcome == RunOutcome.TIMED_OUT && firstEviction != null && !imageTrouble.isEmpty()) {
            // "replacement never Ready" is true but useless on stage; the image is why.
            failure = "timed out after " + TimeText.age(settings.runTimeout()) + ": " + imageTrouble.get(0);
        }
        return new FailoverRun(node, trigger, settings, start, end, outcome, failure, haltReason, notes,
                Milestone.of(lastHeartbeat), within(linkLost, until), within(notReady, until),
                within(noExecute, until), firstEviction, firstReady, lastReady, within(nodeBack, until),
                podFailovers, prediction, runEvents(node, start, until, victims, replacements), staying);
    }

    /** "plug pulled (sim)". */
    private static String pullTrigger(TimelineEvent pull) {
        return pull.describe().replace("Plug pulled", "plug pulled");
    }

    /** Whether the node's last Ready change before {@code at} left it Unknown or False. */
    private static boolean wasDownAt(List<TimelineEvent> lane, Instant at) {
        ConditionStatus status = ConditionStatus.ABSENT;
        for (TimelineEvent event : lane) {
            if (!event.receivedAt().isBefore(at)) {
                break;
            }
            if (event instanceof NodeReadyChanged r) {
                status = r.to();
            }
        }
        return status == ConditionStatus.UNKNOWN || status == ConditionStatus.FALSE;
    }

    private FailoverRun alreadyDown(String node, TimelineEvent pull) {
        Map.Entry<Instant, FailoverSettings> tuned = tuning.floorEntry(pull.receivedAt());
        FailoverSettings settings = tuned == null ? defaults : tuned.getValue();
        Instant at = pull.receivedAt();
        return new FailoverRun(node, pullTrigger(pull), settings, at, at,
                RunOutcome.ALREADY_DOWN, "node " + node + " was already NotReady when the plug was pulled", null,
                List.of(), null, null, null, null, null, null, null, null, List.of(),
                new Prediction(at, at, at, null, null, null), List.of(pull), List.of());
    }

    private static boolean isNodeDownTaint(TaintAdded taint) {
        return Taint.NO_EXECUTE.equals(taint.effect())
                && (Taint.UNREACHABLE.equals(taint.key()) || Taint.NOT_READY.equals(taint.key()));
    }

    /**
     * The pods the failure displaces: bound to the node before it went NotReady, not already on their
     * way out at the start. DaemonSet pods and pods that tolerate the taint forever stay, so they are
     * left out.
     */
    private List<PodTrack> victims(String node, Instant start, Instant cutoff, String taintKey) {
        List<PodTrack> victims = new ArrayList<>();
        for (PodTrack pod : pods.values()) {
            if (pod.scheduled == null || !node.equals(pod.scheduled.node())
                    || pod.scheduled.receivedAt().isAfter(cutoff)
                    || pod.ref.ownerKind() == OwnerKind.DAEMON_SET
                    || pod.marked != null && pod.marked.receivedAt().isBefore(start)
                    || pod.deleted != null && pod.deleted.receivedAt().isBefore(start)
                    || pod.created != null && pod.tolerance(taintKey) == null) {
                continue;
            }
            victims.add(pod);
        }
        victims.sort(Comparator.comparing((PodTrack p) -> p.marked == null ? Instant.MAX : p.marked.receivedAt())
                .thenComparing(p -> p.ref.key()));
        return victims;
    }

    /** DaemonSet pods bound to the node: they stay by design, named in the outcome. */
    private List<PodTrack> daemonPods(String node, Instant start, Instant cutoff) {
        List<PodTrack> daemons = new ArrayList<>();
        for (PodTrack pod : pods.values()) {
            if (pod.ref.ownerKind() == OwnerKind.DAEMON_SET && pod.scheduled != null && node.equals(pod.scheduled.node())
                    && !pod.scheduled.receivedAt().isAfter(cutoff)
                    && (pod.deleted == null || !pod.deleted.receivedAt().isBefore(start))) {
                daemons.add(pod);
            }
        }
        daemons.sort(Comparator.comparing(p -> p.ref.key()));
        return daemons;
    }

    /**
     * Pairs each evicted pod with the pod its controller created for it: a new pod of the same
     * ReplicaSet (or Job), in the order PiRack saw them. A StatefulSet pod's replacement has the same name
     * and a new uid. "New" is said twice:
     * <ul>
     * <li>PiRack first saw the pod after the run started. Comparing with the run start rather than the
     * deletion mark tolerates a replacement that arrives before the mark.</li>
     * <li>The API server created it no earlier than the node's NotReady transition (server clock with
     * server clock, whole seconds, {@link #SERVER_CLOCK_MARGIN} for a controller and an API server on
     * different hosts). This keeps out pods that existed before the pull but reached PiRack after it, as
     * when the plug is pulled while PiRack is still connecting: no controller replaces a pod before its
     * node is NotReady. Neither a laptop's clock skew nor a re-list's order moves a pod across this line.</li>
     * </ul>
     */
    private Map<PodTrack, PodTrack> linkReplacements(List<PodTrack> victims, Instant start, Instant timeoutAt,
                                                     TimelineEvent notReady) {
        Set<PodTrack> victimSet = new HashSet<>(victims);
        Instant notReadyOnServer = notReady instanceof NodeReadyChanged r && r.transitionTime() != null
                ? r.transitionTime().truncatedTo(ChronoUnit.SECONDS).minus(SERVER_CLOCK_MARGIN) : null;
        List<PodTrack> candidates = pods.values().stream()
                .filter(p -> p.created != null && !p.created.receivedAt().isBefore(start)
                        && !p.created.receivedAt().isAfter(timeoutAt)
                        && !createdBefore(p.created, notReadyOnServer)
                        && !victimSet.contains(p) && !linkedReplacements.contains(p.ref.uid()))
                .sorted(Comparator.comparing((PodTrack p) -> p.created.receivedAt()).thenComparing(p -> p.ref.key()))
                .toList();
        Map<PodTrack, PodTrack> links = new HashMap<>();
        for (PodTrack victim : victims) {
            if (victim.marked == null || victim.ref.ownerName() == null) {
                continue;
            }
            for (PodTrack candidate : candidates) {
                if (linkedReplacements.contains(candidate.ref.uid()) || !replaces(candidate.ref, victim.ref)) {
                    continue;
                }
                linkedReplacements.add(candidate.ref.uid());
                links.put(victim, candidate);
                break;
            }
        }
        return links;
    }

    private static boolean createdBefore(PodCreated created, Instant notReadyOnServer) {
        return notReadyOnServer != null && created.createdAt() != null
                && created.createdAt().truncatedTo(ChronoUnit.SECONDS).isBefore(notReadyOnServer);
    }

    private static boolean replaces(PodRef candidate, PodRef old) {
        if (!candidate.namespace().equals(old.namespace()) || candidate.ownerKind() != old.ownerKind()
                || !old.ownerName().equals(candidate.ownerName())) {
            return false;
        }
        return old.ownerKind() != OwnerKind.STATEFUL_SET || candidate.name().equals(old.name());
    }

    private static Instant recoveredAt(List<PodTrack> victims, Map<PodTrack, PodTrack> replacements,
                                       TimelineEvent notReady, TimelineEvent noExecute) {
        if (notReady == null) {
            return null;
        }
        if (victims.isEmpty()) {
            return notReady.receivedAt(); // nothing Kubernetes would move
        }
        Instant latest = noExecute == null ? notReady.receivedAt() : noExecute.receivedAt();
        for (PodTrack victim : victims) {
            PodTrack replacement = replacements.get(victim);
            if (victim.marked == null || replacement == null || replacement.ready == null) {
                return null;
            }
            latest = max(latest, max(victim.marked.receivedAt(), replacement.ready.receivedAt()));
        }
        return latest;
    }

    private static PodFailover podFailover(PodTrack victim, PodTrack replacement, String taintKey, Instant taintBase,
                                           Instant until, boolean movable) {
        Long tolerance = victim.tolerance(taintKey);
        Instant predicted = taintBase == null || tolerance == null ? null : taintBase.plusSeconds(tolerance);
        Milestone marked = within(victim.marked, until);
        PodFate fate;
        if (marked == null) {
            fate = PodFate.AWAITING_EVICTION;
        } else if (replacement != null && within(replacement.ready, until) != null) {
            fate = PodFate.REPLACED;
        } else if (replacement != null && within(replacement.created, until) != null) {
            fate = PodFate.RESCHEDULING;
        } else if (victim.ref.ownerKind() == OwnerKind.STATEFUL_SET && within(victim.deleted, until) == null) {
            fate = PodFate.STUCK_TERMINATING;
        } else if (victim.ref.ownerName() == null || victim.ref.ownerKind() == OwnerKind.NONE) {
            fate = PodFate.NOT_REPLACED;
        } else {
            fate = PodFate.AWAITING_REPLACEMENT;
        }
        boolean disruption = victim.marked != null && victim.marked.disruptionTarget();
        if (replacement == null) {
            return new PodFailover(victim.ref, tolerance, predicted, marked, disruption, within(victim.deleted, until),
                    null, null, null, null, null, null, fate, movable);
        }
        return new PodFailover(victim.ref, tolerance, predicted, marked, disruption, within(victim.deleted, until),
                replacement.ref, within(replacement.created, until),
                replacement.scheduled == null ? null : replacement.scheduled.node(),
                within(replacement.scheduled, until), within(replacement.running, until),
                within(replacement.ready, until), fate, movable);
    }

    /**
     * The node lifecycle controller stops NoExecute-tainting when more than 2 nodes and at least 55 %
     * of the zone are down, and when every node is down.
     */
    private String haltReason(Instant from, Instant until) {
        DownCount worst = null;
        DownCount atStart = null;
        for (DownCount count : downCounts) {
            if (!count.at.isAfter(from)) {
                atStart = count;
                continue;
            }
            if (count.at.isAfter(until)) {
                break;
            }
            if (count.halts() && (worst == null || count.down > worst.down)) {
                worst = count;
            }
        }
        if (atStart != null && atStart.halts() && (worst == null || atStart.down > worst.down)) {
            worst = atStart;
        }
        if (worst == null) {
            return null;
        }
        return worst.down == worst.total
                ? "eviction halted: all " + worst.total + " nodes down"
                : "eviction halted: " + worst.down + " of " + worst.total + " nodes down";
    }

    private static Prediction predict(FailoverSettings settings, Instant start, TimelineEvent lastHeartbeat,
                                      TimelineEvent notReady, TimelineEvent noExecute, List<PodFailover> pods) {
        Instant basis = lastHeartbeat == null ? start : lastHeartbeat.receivedAt();
        Instant notReadyEarliest = basis.plus(settings.nodeMonitorGracePeriod());
        Instant notReadyLatest = notReadyEarliest.plus(settings.nodeMonitorPeriod());
        Long tolerance = pods.stream().map(PodFailover::toleranceSeconds)
                .filter(java.util.Objects::nonNull).min(Long::compare).orElse(null);
        if (tolerance == null) {
            return new Prediction(basis, notReadyEarliest, notReadyLatest, null, null, null);
        }
        // The first node's NoExecute taint follows NotReady at once (rate limiter burst 1).
        Instant taintEarliest = noExecute != null ? noExecute.receivedAt()
                : notReady != null ? notReady.receivedAt() : notReadyEarliest;
        Instant taintLatest = noExecute != null ? noExecute.receivedAt()
                : notReady != null ? notReady.receivedAt() : notReadyLatest;
        return new Prediction(basis, notReadyEarliest, notReadyLatest, tolerance,
                taintEarliest.plusSeconds(tolerance), taintLatest.plusSeconds(tolerance));
    }

    private static String failureReason(RunOutcome outcome, Outage openOutage, String haltReason,
                                        List<PodFailover> pods, TimelineEvent notReady, TimelineEvent noExecute,
                                        Milestone firstEviction, FailoverSettings settings, Prediction prediction) {
        if (outcome == RunOutcome.RECOVERED || outcome == RunOutcome.NOTHING_TO_MOVE
                || outcome == RunOutcome.IN_PROGRESS && openOutage == null) {
            return null;
        }
        if (openOutage != null) {
            return "API server unreachable";
        }
        if (haltReason != null && firstEviction == null) {
            return haltReason;
        }
        if (outcome == RunOutcome.RESTORED) {
            if (notReady == null) {
                return "node restored before Kubernetes marked it NotReady";
            }
            if (firstEviction == null) {
                return "node restored before any pod was evicted";
            }
            List<PodFailover> movable = pods.stream().filter(PodFailover::movable).toList();
            long replaced = movable.stream().filter(p -> p.fate() == PodFate.REPLACED).count();
            return "node restored before every pod was rescheduled (" + replaced + "/" + movable.size() + ")";
        }
        String timedOut = "timed out after " + TimeText.age(settings.runTimeout());
        if (notReady == null) {
            return timedOut + ": node never marked NotReady";
        }
        if (noExecute == null && !pods.isEmpty()) {
            return timedOut + ": no NoExecute taint on the node";
        }
        if (firstEviction == null) {
            return timedOut + " waiting for eviction (tolerationSeconds " + prediction.toleranceSeconds() + ")";
        }
        return pods.stream().filter(p -> p.movable() && p.fate() != PodFate.REPLACED)
                .map(p -> timedOut + ": " + p.evicted().key() + " " + p.fate().label())
                .findFirst().orElse(timedOut);
    }

    private List<TimelineEvent> runEvents(String node, Instant start, Instant until, List<PodTrack> victims,
                                          Map<PodTrack, PodTrack> replacements) {
        Set<String> subjects = new HashSet<>();
        subjects.add(node);
        for (PodTrack victim : victims) {
            subjects.add(victim.ref.key());
            PodTrack replacement = replacements.get(victim);
            if (replacement != null) {
                subjects.add(replacement.ref.key());
            }
        }
        List<TimelineEvent> selected = new ArrayList<>();
        for (TimelineEvent event : events) {
            if (event.receivedAt().isBefore(start) || event.receivedAt().isAfter(until)
                    || event instanceof HeartbeatRenewed) {
                continue;
            }
            if (node.equals(event.node()) && !(event.subject().contains("/") && !subjects.contains(event.subject()))
                    || subjects.contains(event.subject())
                    || event instanceof ApiOutage || event instanceof ApiRestored) {
                selected.add(event);
            }
        }
        return selected;
    }

    private static Milestone within(TimelineEvent event, Instant until) {
        return event == null || event.receivedAt().isAfter(until) ? null : Milestone.of(event);
    }

    private static Milestone earliest(List<Milestone> milestones) {
        return milestones.stream().filter(java.util.Objects::nonNull)
                .min(Comparator.comparing(Milestone::receivedAt)).orElse(null);
    }

    private static Milestone latest(List<Milestone> milestones) {
        return milestones.stream().filter(java.util.Objects::nonNull)
                .max(Comparator.comparing(Milestone::receivedAt)).orElse(null);
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Everything known about one pod (by uid); the earliest event of each kind wins. */
    private static final class PodTrack {
        final PodRef ref;
        PodCreated created;
        PodScheduled scheduled;
        PodRunning running;
        PodReady ready;
        PodMarkedForDeletion marked;
        PodDeleted deleted;

        PodTrack(PodRef ref) {
            this.ref = ref;
        }

        /** Null = tolerates forever; an unknown pod counts as evicted at once. */
        Long tolerance(String taintKey) {
            if (created == null) {
                return 0L;
            }
            return Taint.NOT_READY.equals(taintKey) ? created.notReadyToleranceSeconds()
                    : created.unreachableToleranceSeconds();
        }
    }

    private static final class Outage {
        final Instant start;
        final String reason;
        Instant end;

        Outage(Instant start, String reason) {
            this.start = start;
            this.reason = reason;
        }

        String describe() {
            String what = "API server unreachable" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
            return end == null ? what + " since " + TimeText.clock(start)
                    : what + " for " + TimeText.age(Duration.between(start, end)) + " from " + TimeText.clock(start);
        }
    }

    private record DownCount(Instant at, int down, int total) {
        static DownCount of(Instant at, Map<String, ConditionStatus> ready) {
            int total = 0;
            int down = 0;
            for (ConditionStatus status : ready.values()) {
                if (status == ConditionStatus.ABSENT) {
                    continue;
                }
                total++;
                if (status != ConditionStatus.TRUE) {
                    down++;
                }
            }
            return new DownCount(at, down, total);
        }

        boolean halts() {
            return total > 0 && (down == total || down > 2 && down * 100 >= 55 * total);
        }
    }
}
