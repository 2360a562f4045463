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

    /**
     * The heartbeat LEDs' tick (issue 20, quiet idle): a renewal lights its Pi's LED from the first
     * tick after it arrived until the next one, so a rack's flashes — on and off — change together on
     * a few instants a second and cost at most one redraw each, however many Pis renew. A renewal
     * shows at most one tick late; the flash is dark again at most two ticks after the last renewal
     * arrived, so a Pi that stops renewing stops flashing within 2 s. Up to {@link #HEARTBEAT_GROUP}
     * Pis tick together on the whole second; a larger rack's Pis tick in groups spread over the second
     * ({@link #heartbeatPhase}).
     */
    public static final Duration HEARTBEAT_TICK = Duration.ofSeconds(1);

    /**
     * At most this many Pis' heartbeat LEDs change on one tick. Prism's software pipeline keeps at
     * most 15 changed rectangles apart and merges more: at 100 Pis, every LED turning on the whole
     * second merged into rectangles over most of the grid, whose repaint (1,200 nodes, 40–65 ms on two
     * loaded cores) was the render a node's Ready flip waited behind in the slowest changes (issue 20).
     * Ten leave room for the pod changes of the same frame.
     */
    public static final int HEARTBEAT_GROUP = 10;

    /** Groups tick at least 100 ms apart (more than 100 Pis: groups of more than {@link #HEARTBEAT_GROUP}). */
    static final int MAX_HEARTBEAT_GROUPS = 10;

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
        // ⊘ not ⏸: U+23F8 is missing from DejaVu Sans (Linux laptops, Xvfb), where it was drawn as an empty box.
        CORDONED("SchedulingDisabled", "⊘"),
        TAINTED("Ready, tainted", "⚠"),
        MISSING("no Node object", "∅"),
        API_UNKNOWN("unknown (API unreachable)", "…", "unknown");

        public final String words;
        public final String icon;
        /**
         * The words on the layer's chip: as {@link #words}, except where the reason is said elsewhere on
         * screen (the API's state heads the rack and sits in the status bar) and would not fit the chip.
         */
        public final String chip;

        NodeLed(String words, String icon) {
            this(words, icon, words);
        }

        NodeLed(String words, String icon, String chip) {
            this.words = words;
            this.icon = icon;
            this.chip = chip;
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
     * The heartbeat LED from the node's Lease, for a Pi that ticks on the whole second (a rack of up
     * to {@link #HEARTBEAT_GROUP} Pis, or where only "stopped" matters). See {@link #heartbeat(LeaseInfo,
     * ApiStatus, Instant, Duration)}.
     */
    public static HeartbeatLed heartbeat(LeaseInfo lease, ApiStatus api, Instant now) {
        return heartbeat(lease, api, now, Duration.ZERO);
    }

    /**
     * The heartbeat LED from the node's Lease. Lit (FLASH) during the whole tick after the tick in
     * which the renewal arrived (see {@link #HEARTBEAT_TICK}; this Pi's ticks start {@code phase} after
     * the whole second, {@link #heartbeatPhase}); stopped means no renewal for a full lease duration
     * (40 s by default): the kubelet is certainly not heartbeating any more.
     */
    public static HeartbeatLed heartbeat(LeaseInfo lease, ApiStatus api, Instant now, Duration phase) {
        if (!api.isLive() || lease == null || lease.receivedAt() == null) {
            return HeartbeatLed.UNKNOWN;
        }
        Instant tick = tickStart(now.minus(phase)).plus(phase);
        Instant received = lease.receivedAt();
        if (!received.isBefore(tick.minus(HEARTBEAT_TICK)) && received.isBefore(tick)) {
            return HeartbeatLed.FLASH;
        }
        return now.isAfter(stopsAt(lease)) ? HeartbeatLed.STOPPED : HeartbeatLed.BEATING;
    }

    /** How many tick groups a rack of {@code pis} Pis has: one up to {@link #HEARTBEAT_GROUP} Pis. */
    static int heartbeatGroups(int pis) {
        return Math.max(1, Math.min(MAX_HEARTBEAT_GROUPS, (pis + HEARTBEAT_GROUP - 1) / HEARTBEAT_GROUP));
    }

    /**
     * Where the {@code index}-th Pi of a rack of {@code pis} (in the rack's order) ticks within each
     * second: neighbours fall in different groups, every group the same size give or take one.
     */
    public static Duration heartbeatPhase(int index, int pis) {
        int groups = heartbeatGroups(pis);
        return HEARTBEAT_TICK.dividedBy(groups).multipliedBy(Math.floorMod(index, groups));
    }

    /** The start of the heartbeat tick {@code now} is in: the whole second at or before it. */
    public static Instant tickStart(Instant now) {
        return now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The next tick of any group of a rack of {@code pis} Pis after {@code now}, when LEDs may change by the clock alone. */
    public static Instant nextTick(Instant now, int pis) {
        int groups = heartbeatGroups(pis);
        Duration step = HEARTBEAT_TICK.dividedBy(groups);
        Instant second = tickStart(now);
        long group = Duration.between(second, now).dividedBy(step) + 1;
        // After the last group comes the first one's whole second (a step need not divide the second).
        return group < groups ? second.plus(step.multipliedBy(group)) : second.plus(HEARTBEAT_TICK);
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
