package io.pirack.app;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackFrame;
import io.pirack.core.timeline.TimelineSnapshot;
import io.pirack.frames.FrameFanOut;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the screens show: the live session's frames, or a recording's while one is replayed. Every
 * screen subscribes here once; switching between live and replay (or to a new session) moves one
 * subscription underneath, so no screen has to rebind. FX thread only.
 */
public final class ShownFrames extends FrameFanOut {

    private final Consumer<RackFrame> relay = frame -> {
        timelineOfFrame = null;
        deliver(frame);
    };
    private Shown live;
    private Shown replay;
    /** The timeline as of the frame being delivered: built once for all the screens that ask for it. */
    private TimelineSnapshot timelineOfFrame;

    /** One source of frames with the timeline that goes with them. */
    private record Shown(FrameSource frames, Supplier<TimelineSnapshot> timeline) {
    }

    /** A new live session; shown at once unless a recording is replaying. */
    public void showLive(FrameSource frames, Supplier<TimelineSnapshot> timeline) {
        Shown before = current();
        live = new Shown(frames, timeline);
        switchTo(before);
    }

    /**
     * Shows the last known rack before any session is up (issue 20's instant start): the frame
     * carries the rack spec and an API still connecting, so every Kubernetes LED reads "unknown".
     * Ignored once a live session or a replay is shown.
     */
    public void showSkeleton(RackFrame skeleton) {
        if (current() == null) {
            deliver(skeleton);
        }
    }

    /** Shows a recording instead of the live session until {@link #endReplay}. */
    public void showReplay(FrameSource frames, Supplier<TimelineSnapshot> timeline) {
        Shown before = current();
        replay = new Shown(frames, timeline);
        switchTo(before);
    }

    /** Back to the live session. */
    public void endReplay() {
        Shown before = current();
        replay = null;
        switchTo(before);
    }

    public boolean replaying() {
        return replay != null;
    }

    /**
     * The timeline belonging to the frames shown (empty before the first session); every screen asking
     * while one frame is delivered gets the same snapshot, correlated once.
     */
    public TimelineSnapshot timeline() {
        Shown shown = current();
        if (shown == null) {
            return TimelineSnapshot.empty(Instant.EPOCH);
        }
        if (timelineOfFrame == null) {
            timelineOfFrame = shown.timeline().get();
        }
        return timelineOfFrame;
    }

    private Shown current() {
        return replay != null ? replay : live;
    }

    private void switchTo(Shown before) {
        timelineOfFrame = null;
        Shown now = current();
        if (before == now) {
            return;
        }
        if (before != null) {
            before.frames().unsubscribe(relay);
        }
        if (now != null) {
            now.frames().subscribe(relay);
        }
    }

    @Override
    public void signal() {
        Shown shown = current();
        if (shown != null) {
            shown.frames().signal();
        }
    }
}
