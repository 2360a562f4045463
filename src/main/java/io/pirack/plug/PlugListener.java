package io.pirack.plug;

import io.pirack.core.plug.PlugState;

/**
 * Hears what the {@link PlugController} does. Called on the controller's executor threads; a UI
 * implementation stores the change and lets its coalescing publisher show it.
 */
public interface PlugListener {

    /** A Pi's plug state changed (every transition, including to Pulling and Restoring). */
    void plugStateChanged(String node, PlugState state);

    /** A plug was pulled or put back: an action event for the timeline. */
    void plugAction(PlugActionEvent event);

    PlugListener NONE = new PlugListener() {
        @Override
        public void plugStateChanged(String node, PlugState state) {
        }

        @Override
        public void plugAction(PlugActionEvent event) {
        }
    };
}
