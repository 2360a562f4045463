package io.pirack.core.rack;

import java.util.function.Consumer;

/**
 * Where views get their {@link RackFrame}s: every screen (and the benchmarks' views) subscribes the
 * same way. Implementations deliver on the FX thread, at most one frame per pulse, and hand a new
 * subscriber the latest frame soon after it subscribes.
 */
public interface FrameSource {

    /** Adds a view; it gets the latest frame soon and then every new one, on the FX thread. */
    void subscribe(Consumer<RackFrame> sink);

    void unsubscribe(Consumer<RackFrame> sink);

    /** The last frame delivered, or null before the first. */
    RackFrame lastFrame();

    /** Something outside the cluster state changed (rack order, plug words): build a fresh frame. */
    void signal();
}
