package io.pirack.core.plug;

import io.pirack.core.cluster.TimeText;
import java.time.Instant;

/**
 * Where one Pi's plug is, as PiRack knows it. Times may be null when PiRack found the Pi unplugged
 * after a restart and the Pi could not say when that happened.
 */
public sealed interface PlugState {

    /** Words for the rack label; never colour alone. */
    String describe();

    default boolean isUnplugged() {
        return this instanceof Unplugged;
    }

    /** A pull or restore is running: no second action on this Pi until it ends. */
    default boolean isBusy() {
        return this instanceof Pulling || this instanceof Restoring;
    }

    record Plugged() implements PlugState {
        @Override
        public String describe() {
            return "plugged in";
        }
    }

    record Pulling(Instant since) implements PlugState {
        @Override
        public String describe() {
            return "pulling the plug…";
        }
    }

    /**
     * @param since         when the plug was pulled (null: found unplugged after a restart)
     * @param autoRestoreAt when the Pi's dead-man switch brings it back (null: none armed, or unknown)
     * @param deadManArmed  the Pi will restore itself even if PiRack is gone
     */
    record Unplugged(Instant since, Instant autoRestoreAt, boolean deadManArmed) implements PlugState {
        @Override
        public String describe() {
            StringBuilder text = new StringBuilder("unplugged");
            if (since != null) {
                text.append(" since ").append(TimeText.clock(since));
            }
            // Short parts joined by " · ": the rack shows one per line.
            if (autoRestoreAt != null) {
                text.append(" · back at ").append(TimeText.clock(autoRestoreAt));
            } else if (deadManArmed) {
                text.append(" · auto-restore armed");
            }
            return text.toString();
        }
    }

    record Restoring(Instant since) implements PlugState {
        @Override
        public String describe() {
            return "plugging back in…";
        }
    }

    /** The last action failed; {@code reason} is the message for the presenter. */
    record Failed(String reason, Instant at) implements PlugState {
        @Override
        public String describe() {
            return "failed: " + reason;
        }
    }

    PlugState PLUGGED = new Plugged();
}
