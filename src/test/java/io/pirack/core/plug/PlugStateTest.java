package io.pirack.core.plug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pirack.core.cluster.TimeText;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlugStateTest {

    private static final Instant PULLED = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void unpluggedSaysSinceWhenAndWhenItComesBack() {
        PlugState state = new PlugState.Unplugged(PULLED, PULLED.plusSeconds(180), true);
        assertEquals("unplugged since " + TimeText.clock(PULLED) + " · back at " + TimeText.clock(PULLED.plusSeconds(180)),
                state.describe());
        assertTrue(state.isUnplugged());
    }

    @Test
    void unpluggedFoundAfterRestartStillSaysTheDeadManIsArmed() {
        assertEquals("unplugged · auto-restore armed", new PlugState.Unplugged(null, null, true).describe());
        assertEquals("unplugged", new PlugState.Unplugged(null, null, false).describe());
    }

    @Test
    void onlyPullingAndRestoringAreBusy() {
        assertTrue(new PlugState.Pulling(PULLED).isBusy());
        assertTrue(new PlugState.Restoring(PULLED).isBusy());
        assertFalse(PlugState.PLUGGED.isBusy());
        assertFalse(new PlugState.Failed("x", PULLED).isBusy());
        assertEquals("failed: sudo wants a password", new PlugState.Failed("sudo wants a password", PULLED).describe());
    }
}
