package io.pirack.frames;

import io.pirack.core.rack.FrameSource;
import io.pirack.core.rack.RackFrame;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view side of a {@link FrameSource}: the subscribed views and the last frame they got. A view
 * that throws is logged and keeps neither this frame nor later ones from the other views.
 */
public abstract class FrameFanOut implements FrameSource {

    private static final Logger LOG = LoggerFactory.getLogger(FrameFanOut.class);

    private final List<Consumer<RackFrame>> sinks = new CopyOnWriteArrayList<>();
    private volatile RackFrame last;

    /** Hands {@code frame} to every view; call on the FX thread. */
    protected final void deliver(RackFrame frame) {
        last = frame;
        for (Consumer<RackFrame> sink : sinks) {
            try {
                sink.accept(frame);
            } catch (RuntimeException e) {
                LOG.error("a view failed to show a frame; the other views still get it", e);
            }
        }
    }

    /** Adds a view; it gets a fresh frame soon (the source is signalled) and then every new one. */
    @Override
    public final void subscribe(Consumer<RackFrame> sink) {
        sinks.add(sink);
        signal();
    }

    @Override
    public final void unsubscribe(Consumer<RackFrame> sink) {
        sinks.remove(sink);
    }

    @Override
    public final RackFrame lastFrame() {
        return last;
    }

    protected final void unsubscribeAll() {
        sinks.clear();
    }
}
