package io.pirack.testing;

import io.pirack.core.rack.RackFrame;
import io.pirack.frames.FrameFanOut;

/** A frame source a test pushes by hand, on the thread it calls from (the FX thread for views). */
public final class PushedFrames extends FrameFanOut {

    public void push(RackFrame frame) {
        deliver(frame);
    }

    @Override
    public void signal() {
    }
}
