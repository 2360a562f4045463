package io.pirack.core.rack;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ConditionStatus;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.cluster.PodPhase;
import io.pirack.core.cluster.Taint;
import java.time.Duration;
import java.time.Instant;

/**
 * The truth table from cluster state to what each LED shows. Pure, so every combination is unit
 * tested; views only turn these values into pseudo-classes. While the API is not live every
 * Kubernetes-derived LED is UNKNOWN — never its last known colour.
 */
public final class LedStates {

    /** How long the heartbeat LED stays lit after a Lease renewal. */
    public static final Duration HEARTBEAT_FLASH = Duration.ofMillis(400);

    private LedStates() {
    }

    public enum LinkLed {
        UP("link up"), DOWN("no link"), UNKNOWN("link not probed yet");

        public final String words;

        LinkLed(String words) {
            this.words = words;
        }
    }

    public enum HeartbeatLed {
        /** Lit: a renewal arrived within the flash window. */
        FLASH("heartbeat"),
        /** Dark between beats, still alive. */
        BEATING("heartbeats arriving"),
        /** No renewal for longer than the lease duration. */
        STOPPED("heartbeats stopped"),
        UNKNOWN("heartbeat unknown");

        public final String words;

        HeartbeatLed(String words) {
            this.words = words;
        }
    }

    public enum NodeLed {
        READY("Ready", "✔"),
        NOT_READY("NotReady", "✖"),
        UNKNOWN_STATUS("NotReady (Unknown)", "?"),
        CORDONED("SchedulingDisabled", "⏸"),
        TAINTED("Ready, tainted", "⚠"),
        MISSING("no Node object", "∅"),
        API_UNKNOWN("unknown (API unreachable)", "…");

        public final String words;
        public final String icon;

        NodeLed(String words, String icon) {
            this.words = words;
            this.icon = icon;
        }
    }

    public enum PodLed {
        PENDING("Pending"),
        STARTING("Running, not ready"),
        READY("Ready"),
        TERMINATING("Terminating"),
        FAILED("Failed"),
        SUCCEEDED("Succeeded"),
        UNKNOWN("unknown");

        public final String words;

        PodLed(String words) {
            this.words = words;
        }
    }

    public static LinkLed link(LinkState state) {
        if (state == null || state.up() == null) {
            return LinkLed.UNKNOWN;
        }
        return state.up() ? LinkLed.UP : LinkLed.DOWN;
    }

    public static NodeLed node(NodeInfo node, ApiStatus api) {
        if (!api.isLive()) {
            return NodeLed.API_UNKNOWN;
        }
        if (node == null) {
            return NodeLed.MISSING;
        }
        ConditionStatus ready = node.ready();
        if (ready == ConditionStatus.UNKNOWN || ready == ConditionStatus.ABSENT) {
            return NodeLed.UNKNOWN_STATUS;
        }
        if (ready == ConditionStatus.FALSE) {
            return NodeLed.NOT_READY;
        }
        if (node.unschedulable()) {
            return NodeLed.CORDONED;
        }
        boolean tainted = node.taints().stream().anyMatch(t -> !t.key().startsWith("node-role.kubernetes.io/")
                && !Taint.UNSCHEDULABLE.equals(t.key()));
        return tainted ? NodeLed.TAINTED : NodeLed.READY;
    }

    /**
     * The heartbeat LED from the node's Lease. Stopped means no renewal for a full lease duration
     * (40 s by default): the kubelet is certainly not heartbeating any more.
     */
    public static HeartbeatLed heartbeat(LeaseInfo lease, ApiStatus api, Instant now) {
        if (!api.isLive() || lease == null || lease.receivedAt() == null) {
            return HeartbeatLed.UNKNOWN;
        }
        Duration sinceReceived = Duration.between(lease.receivedAt(), now);
        if (sinceReceived.compareTo(HEARTBEAT_FLASH) < 0) {
            return HeartbeatLed.FLASH;
        }
        return now.isAfter(stopsAt(lease)) ? HeartbeatLed.STOPPED : HeartbeatLed.BEATING;
    }

    /**
     * When the heartbeat LED changes next with no new renewal — its flash ends, or the heartbeats
     * count as stopped — so a view is redrawn then and not on a steady tick; empty if the clock alone
     * will not change it any more.
     */
    public static java.util.Optional<Instant> nextHeartbeatChange(LeaseInfo lease, ApiStatus api, Instant now) {
        if (!api.isLive() || lease == null || lease.receivedAt() == null) {
            return java.util.Optional.empty();
        }
        Instant flashEnds = lease.receivedAt().plus(HEARTBEAT_FLASH);
        if (now.isBefore(flashEnds)) {
            return java.util.Optional.of(flashEnds);
        }
        Instant stops = stopsAt(lease);
        return now.isAfter(stops) ? java.util.Optional.empty() : java.util.Optional.of(stops.plusMillis(1));
    }

    /** The last instant the heartbeat still counts as beating: a full lease duration after the last renewal. */
    private static Instant stopsAt(LeaseInfo lease) {
        int leaseSeconds = lease.durationSeconds() == null ? 40 : lease.durationSeconds();
        Instant renewed = lease.renewTime() != null ? lease.renewTime() : lease.receivedAt();
        // Compare on PiRack's receive clock when the server's clock runs ahead or behind.
        Instant last = renewed.isAfter(lease.receivedAt()) ? lease.receivedAt() : renewed;
        return last.plusSeconds(leaseSeconds);
    }

    public static PodLed pod(PodInfo pod, ApiStatus api) {
        if (!api.isLive()) {
            return PodLed.UNKNOWN;
        }
        if (pod.terminating()) {
            return PodLed.TERMINATING;
        }
        if (pod.phase() == PodPhase.FAILED) {
            return PodLed.FAILED;
        }
        if (pod.phase() == PodPhase.SUCCEEDED) {
            return PodLed.SUCCEEDED;
        }
        if (pod.phase() == PodPhase.UNKNOWN) {
            return PodLed.UNKNOWN;
        }
        if (pod.phase() == PodPhase.PENDING) {
            return PodLed.PENDING;
        }
        return pod.ready() ? PodLed.READY : PodLed.STARTING;
    }

    /** How many app colours there are: one {@code .app-colour-N} rule each in pirack.css. */
    public static final int APP_COLOURS = 12;

    /** A stable colour slot (0–11) per app, so an app keeps its colour on every Pi and across runs. */
    public static int appColour(String app) {
        if (app == null) {
            return 0;
        }
        int h = 0;
        for (char c : app.toCharArray()) {
            h = 31 * h + c;
        }
        return Math.floorMod(h, APP_COLOURS);
    }
}
