package io.pirack.app;

import io.pirack.core.rack.FrameSource;
import io.pirack.timeline.TimelineService;
import io.pirack.frames.FramePublisher;

/**
 * Everything one connection brings, taken together: the cluster (store, links, client), its frames,
 * its plug service and its timeline. {@link SessionHolder} replaces the whole record when the app
 * connects elsewhere, so a screen never mixes parts of two connections.
 */
public record Session(ClusterSession cluster, FramePublisher publisher, PlugService plugs, TimelineService timeline) {

    /** This connection's frames (the screens follow {@link ShownFrames}, which may be a replay instead). */
    public FrameSource frames() {
        return publisher;
    }
}
