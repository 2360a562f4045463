package io.pirack.timeline;

import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.EventInfo;
import io.pirack.core.cluster.LeaseInfo;
import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.PodInfo;
import io.pirack.core.timeline.DomainListener;
import io.pirack.core.timeline.FailoverSettings;
import java.time.Instant;

/**
 * One line of a recording: one call a {@link DomainListener} received, with the time it was recorded.
 * Only the fields of its {@link #type()} are set; the rest are null (and left out of the JSON).
 *
 * @param detail     the plug strategy or the probe name
 * @param checkpoint true for the state repeated at the top of a rotated file (null otherwise), so a
 *                   file is complete on its own even after older files were deleted
 */
public record RecordedEntry(long seq, Instant at, Type type, NodeInfo nodeBefore, NodeInfo nodeAfter,
                            PodInfo podBefore, PodInfo podAfter, LeaseInfo leaseBefore, LeaseInfo leaseAfter,
                            EventInfo event, ApiState apiBefore, ApiState apiAfter, String node, String detail,
                            FailoverSettings settings, Boolean checkpoint) {

    public enum Type {
        NODE, POD, LEASE, EVENT, API, PLUG_PULLED, PLUG_RESTORED, LINK_LOST, LINK_REGAINED, TUNING
    }

    static RecordedEntry node(long seq, Instant at, NodeInfo before, NodeInfo after) {
        return new RecordedEntry(seq, at, Type.NODE, before, after, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    static RecordedEntry pod(long seq, Instant at, PodInfo before, PodInfo after) {
        return new RecordedEntry(seq, at, Type.POD, null, null, before, after, null, null, null, null, null, null,
                null, null, null);
    }

    static RecordedEntry lease(long seq, Instant at, LeaseInfo before, LeaseInfo after) {
        return new RecordedEntry(seq, at, Type.LEASE, null, null, null, null, before, after, null, null, null, null,
                null, null, null);
    }

    static RecordedEntry event(long seq, Instant at, EventInfo event) {
        return new RecordedEntry(seq, at, Type.EVENT, null, null, null, null, null, null, event, null, null, null,
                null, null, null);
    }

    static RecordedEntry api(long seq, Instant at, ApiStatus before, ApiStatus after) {
        return new RecordedEntry(seq, at, Type.API, null, null, null, null, null, null, null, ApiState.of(before),
                ApiState.of(after), null, null, null, null);
    }

    static RecordedEntry action(long seq, Instant at, Type type, String node, String detail) {
        return new RecordedEntry(seq, at, type, null, null, null, null, null, null, null, null, null, node, detail,
                null, null);
    }

    static RecordedEntry tuning(long seq, Instant at, FailoverSettings settings) {
        return new RecordedEntry(seq, at, Type.TUNING, null, null, null, null, null, null, null, null, null, null,
                null, settings, null);
    }

    /** The same entry, marked as part of a rotated file's checkpoint. */
    RecordedEntry asCheckpoint(long checkpointSeq) {
        return new RecordedEntry(checkpointSeq, at, type, nodeBefore, nodeAfter, podBefore, podAfter, leaseBefore,
                leaseAfter, event, apiBefore, apiAfter, node, detail, settings, Boolean.TRUE);
    }

    public boolean isCheckpoint() {
        return Boolean.TRUE.equals(checkpoint);
    }

    /** Makes the same call on {@code listener} that was recorded. */
    public void deliverTo(DomainListener listener) {
        switch (type) {
            case NODE -> listener.nodeChanged(nodeBefore, nodeAfter);
            case POD -> listener.podChanged(podBefore, podAfter);
            case LEASE -> listener.leaseChanged(leaseBefore, leaseAfter);
            case EVENT -> listener.eventReceived(event);
            case API -> listener.apiStatusChanged(ApiState.toStatus(apiBefore), ApiState.toStatus(apiAfter));
            case PLUG_PULLED -> listener.plugPulled(node, detail, at);
            case PLUG_RESTORED -> listener.plugRestored(node, detail, at);
            case LINK_LOST -> listener.linkLost(node, detail, at);
            case LINK_REGAINED -> listener.linkRegained(node, detail, at);
            case TUNING -> listener.tuningApplied(settings, at);
            default -> throw new IllegalStateException("unknown entry type " + type);
        }
    }

    /** {@link ApiStatus} as plain data (the sealed interface has no single JSON shape). */
    public record ApiState(String state, Instant since, String reason) {

        static ApiState of(ApiStatus status) {
            if (status == null) {
                return null;
            }
            if (status instanceof ApiStatus.Connecting) {
                return new ApiState("connecting", status.since(), null);
            }
            if (status instanceof ApiStatus.Connected) {
                return new ApiState("connected", status.since(), null);
            }
            if (status instanceof ApiStatus.Reconnecting r) {
                return new ApiState("reconnecting", status.since(), r.reason());
            }
            return new ApiState("unreachable", status.since(), ((ApiStatus.Unreachable) status).reason());
        }

        static ApiStatus toStatus(ApiState state) {
            if (state == null) {
                return null;
            }
            return switch (state.state()) {
                case "connecting" -> new ApiStatus.Connecting(state.since());
                case "connected" -> new ApiStatus.Connected(state.since());
                case "reconnecting" -> new ApiStatus.Reconnecting(state.since(), state.reason());
                case "unreachable" -> new ApiStatus.Unreachable(state.since(), state.reason());
                default -> throw new IllegalArgumentException("unknown API state \"" + state.state() + "\"");
            };
        }
    }
}
