package io.pirack.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PulseRateTest {

    @Test
    void linuxPulsesAt120HzWhileAnimationsStillStepAt60() {
        assertEquals(Map.of("javafx.animation.pulse", "120", "javafx.animation.framerate", "60"),
                PulseRate.properties("Linux", null, null));
    }

    @Test
    void macOsAndWindowsKeepTheirDisplaysOwnPace() {
        assertEquals(Map.of(), PulseRate.properties("Mac OS X", null, null));
        assertEquals(Map.of(), PulseRate.properties("Windows 11", null, null));
    }

    @Test
    void theUsersOwnSettingIsNeverOverridden() {
        assertEquals(Map.of(), PulseRate.properties("Linux", "60", null), "a pulse rate given on the command line");
        assertEquals(Map.of(), PulseRate.properties("Linux", null, "30"), "an animation rate given on the command line");
    }
}
