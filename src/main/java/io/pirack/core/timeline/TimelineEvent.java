package io.pirack.core.timeline;

import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.TimeText;
import io.pirack.core.images.ImageFailureExplainer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact on the failover timeline. {@link #receivedAt()} is PiRack's own clock (ms precision) and is
 * the primary time: it is the only clock every event has. {@link #serverTime()} is the Kubernetes
 * timestamp where one exists (1 s resolution), shown beside it.
 */
public sealed interface TimelineEvent {

    /** The lane name for events that belong to no node. */
    String CLUSTER_LANE = "cluster";

    Instant receivedAt();

    /** The node whose lane shows this event; null for the cluster lane. */
    String node();

    TimelineEventKind kind();

    /** What the event is about: a node name, a pod key ("ns/name"), or "api". */
    String subject();

    /**
     * Equal for two deliveries of the same fact (e.g. after a relist), whatever their receive time:
     * the correlator keeps only the earliest event per identity.
     */
    String identity();

    /** One line for the audience, e.g. "Ready True → Unknown (NodeStatusUnknown)". */
    String describe();

    default Instant serverTime() {
        return null;
    }

    default String lane() {
        return node() == null ? CLUSTER_LANE : node();
    }

    /** "unreachable" for "node.kubernetes.io/unreachable": the prefix adds nothing on a slide. */
    private static String shortKey(String taintKey) {
        String prefix = "node.kubernetes.io/";
        return taintKey != null && taintKey.startsWith(prefix) ? taintKey.substring(prefix.length()) : taintKey;
    }

    record PlugPulled(Instant receivedAt, String node, String strategy) implements TimelineEvent {
        public PlugPulled {
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(node, "node");
        }

        public TimelineEventKind kind() {
            return TimelineEventKind.PLUG_PULLED;
        }

        public String subject() {
            return node;
        }

        public String identity() {
            return "pull|" + node + "|" + receivedAt;
        }

        public String describe() {
            return "Plug pulled (" + strategy + ")";
        }
    }

    record PlugRestored(Instant receivedAt, String node, String strategy) implements TimelineEvent {
        public PlugRestored {
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(node, "node");
        }

        public TimelineEventKind kind() {
            return TimelineEventKind.PLUG_RESTORED;
        }

        public String subject() {
            return node;
        }

        public String identity() {
            return "restore|" + node + "|" + receivedAt;
        }

        public String describe() {
            return "Plug restored (" + strategy + ")";
        }
    }

    /** PiRack's own TCP probe stopped reaching the node. */
    record LinkLost(Instant receivedAt, String node, String probe) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.LINK_LOST;
        }

        public String subject() {
            return node;
        }

        public String identity() {
            return "linklost|" + node + "|" + receivedAt;
        }

        public String describe() {
            return "Link lost (" + probe + ")";
        }
    }

    record LinkRegained(Instant receivedAt, String node, String probe) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.LINK_REGAINED;
        }

        public String subject() {
            return node;
        }

        public String identity() {
            return "linkback|" + node + "|" + receivedAt;
        }

        public String describe() {
            return "Link regained (" + probe + ")";
        }
    }

    /** The kubelet renewed its Lease in kube-node-lease. */
    record HeartbeatRenewed(Instant receivedAt, String node, Instant renewTime) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.HEARTBEAT_RENEWED;
        }

        public String subject() {
            return node;
        }

        public Instant serverTime() {
            return renewTime;
        }

        public String identity() {
            return "heartbeat|" + node + "|" + renewTime;
        }

        public String describe() {
            return "Heartbeat (Lease renewed " + TimeText.clock(renewTime) + ")";
        }
    }

    /**
     * The heartbeats stopped: concluded at {@code receivedAt}; the last one was received at
     * {@code lastReceivedAt} with server time {@code lastRenewTime} (where the "last heartbeat" marker goes).
     */
    record HeartbeatsStopped(Instant receivedAt, String node, Instant lastRenewTime, Instant lastReceivedAt)
            implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.HEARTBEATS_STOPPED;
        }

        public String subject() {
            return node;
        }

        public Instant serverTime() {
            return lastRenewTime;
        }

        public String identity() {
            return "heartbeatsstopped|" + node + "|" + lastRenewTime;
        }

        public String describe() {
            return "Heartbeats stopped (last Lease renewal " + TimeText.clock(lastRenewTime) + ")";
        }
    }

    record NodeReadyChanged(Instant receivedAt, String node, ConditionStatus from, ConditionStatus to,
                            String reason, Instant transitionTime) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.NODE_READY_CHANGED;
        }

        public String subject() {
            return node;
        }

        public Instant serverTime() {
            return transitionTime;
        }

        public String identity() {
            return "ready|" + node + "|" + from + "|" + to + "|" + transitionTime;
        }

        public String describe() {
            String text = "Ready " + statusText(from) + " → " + statusText(to);
            return reason == null || reason.isEmpty() ? text : text + " (" + reason + ")";
        }

        /** True when the node stopped being Ready (the start of a spontaneous failover). */
        public boolean wentDown() {
            return from == ConditionStatus.TRUE && (to == ConditionStatus.UNKNOWN || to == ConditionStatus.FALSE);
        }

        public boolean cameBack() {
            return to == ConditionStatus.TRUE && from != ConditionStatus.ABSENT;
        }

        private static String statusText(ConditionStatus status) {
            return switch (status) {
                case TRUE -> "True";
                case FALSE -> "False";
                case UNKNOWN -> "Unknown";
                case ABSENT -> "absent";
            };
        }
    }

    record TaintAdded(Instant receivedAt, String node, String key, String effect, Instant timeAdded)
            implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.TAINT_ADDED;
        }

        public String subject() {
            return node;
        }

        public Instant serverTime() {
            return timeAdded;
        }

        public String identity() {
            return "taint+|" + node + "|" + key + "|" + effect + "|" + timeAdded;
        }

        public String describe() {
            return "Taint " + shortKey(key) + ":" + effect;
        }
    }

    record TaintRemoved(Instant receivedAt, String node, String key, String effect, Instant timeAdded)
            implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.TAINT_REMOVED;
        }

        public String subject() {
            return node;
        }

        public String identity() {
            return "taint-|" + node + "|" + key + "|" + effect + "|" + timeAdded;
        }

        public String describe() {
            return "Taint removed " + shortKey(key) + ":" + effect;
        }
    }

    /**
     * A pod got a deletionTimestamp. Kubernetes sets that timestamp to the moment the grace period
     * ends, so it lies in the future; the time of the mark itself is {@code receivedAt}.
     */
    record PodMarkedForDeletion(Instant receivedAt, String node, PodRef pod, Instant deletionTimestamp,
                                boolean disruptionTarget) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.POD_MARKED_FOR_DELETION;
        }

        public String subject() {
            return pod.key();
        }

        public Instant serverTime() {
            return deletionTimestamp;
        }

        public String identity() {
            return "marked|" + pod.uid();
        }

        public String describe() {
            return pod.name() + (disruptionTarget ? " evicted (DisruptionTarget)" : " marked for deletion");
        }
    }

    /**
     * A pod appeared. The two toleration fields say how long it stays on an unreachable / not-ready
     * node: null = forever, 0 = evicted at once (no matching toleration or tolerationSeconds ≤ 0).
     */
    record PodCreated(Instant receivedAt, String node, PodRef pod, Instant createdAt,
                      Long unreachableToleranceSeconds, Long notReadyToleranceSeconds) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.POD_CREATED;
        }

        public String subject() {
            return pod.key();
        }

        public Instant serverTime() {
            return createdAt;
        }

        public String identity() {
            return "created|" + pod.uid();
        }

        public String describe() {
            return pod.name() + " created";
        }
    }

    record PodScheduled(Instant receivedAt, String node, PodRef pod) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.POD_SCHEDULED;
        }

        public String subject() {
            return pod.key();
        }

        public String identity() {
            return "scheduled|" + pod.uid();
        }

        public String describe() {
            return pod.name() + " scheduled to " + node;
        }
    }

    record PodRunning(Instant receivedAt, String node, PodRef pod) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.POD_RUNNING;
        }

        public String subject() {
            return pod.key();
        }

        public String identity() {
            return "running|" + pod.uid();
        }

        public String describe() {
            return pod.name() + " running";
        }
    }

    record PodReady(Instant receivedAt, String node, PodRef pod, Instant readySince) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.POD_READY;
        }

        public String subject() {
            return pod.key();
        }

        public Instant serverTime() {
            return readySince;
        }

        public String identity() {
            return "ready|" + pod.uid();
        }

        public String describe() {
            return pod.name() + " ready";
        }
    }

    record PodDeleted(Instant receivedAt, String node, PodRef pod) implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.POD_DELETED;
        }

        public String subject() {
            return pod.key();
        }

        public String identity() {
            return "deleted|" + pod.uid();
        }

        public String describe() {
            return pod.name() + " deleted";
        }
    }

    /** PiRack lost its connection to the API server (every Kubernetes-derived fact is now stale). */
    record ApiOutage(Instant receivedAt, String reason) implements TimelineEvent {
        public String node() {
            return null;
        }

        public TimelineEventKind kind() {
            return TimelineEventKind.API_OUTAGE;
        }

        public String subject() {
            return "api";
        }

        public String identity() {
            return "apioutage|" + receivedAt;
        }

        public String describe() {
            return "API server unreachable" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    record ApiRestored(Instant receivedAt) implements TimelineEvent {
        public String node() {
            return null;
        }

        public TimelineEventKind kind() {
            return TimelineEventKind.API_RESTORED;
        }

        public String subject() {
            return "api";
        }

        public String identity() {
            return "apirestored|" + receivedAt;
        }

        public String describe() {
            return "API server reachable again";
        }
    }

    /** The cluster's failover settings changed (or were read at start); runs are grouped by its label. */
    record TuningApplied(Instant receivedAt, FailoverSettings settings) implements TimelineEvent {
        public String node() {
            return null;
        }

        public TimelineEventKind kind() {
            return TimelineEventKind.TUNING_APPLIED;
        }

        public String subject() {
            return "tuning";
        }

        public String identity() {
            return "tuning|" + receivedAt + "|" + settings;
        }

        public String describe() {
            return "Tuning: " + settings.describe();
        }
    }

    /** A Kubernetes Event: shown as a label on the nearest marker about the same object. */
    record KubeEvent(Instant receivedAt, String node, String involvedKind, String subject, String reason,
                     String message, String type, Instant lastTimestamp, String uid, int count)
            implements TimelineEvent {
        public TimelineEventKind kind() {
            return TimelineEventKind.KUBE_EVENT;
        }

        public Instant serverTime() {
            return lastTimestamp;
        }

        public String identity() {
            return "event|" + uid + "|" + count + "|" + lastTimestamp;
        }

        /**
         * "Failed: the image has no linux/arm64/v8 build — use a multi-architecture tag" for an architecture
         * mismatch (the runtime's words stay in {@link #message()} and in recordings); otherwise the event
         * as Kubernetes wrote it.
         */
        public String describe() {
            Optional<String> imageTrouble = imageTrouble();
            if (imageTrouble.isPresent()) {
                return reason + ": " + imageTrouble.get() + " — use a multi-architecture tag";
            }
            return reason + (message == null || message.isEmpty() ? "" : ": " + message);
        }

        /** Why the pod's image cannot run on its Pi, when this event says so (pull or exec format error). */
        public Optional<String> imageTrouble() {
            return ImageFailureExplainer.brief(message);
        }
    }
}
