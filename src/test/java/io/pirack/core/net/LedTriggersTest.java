package io.pirack.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LedTriggersTest {

    @ParameterizedTest
    @CsvSource({"pi/leds-led0-trigger.pi4.txt, mmc0, 34", "pi/leds-ACT-trigger.cm3.txt, heartbeat, 10"})
    void activeTriggerIsTheOneInBrackets(String fixture, String active, int count) {
        LedTriggers triggers = LedTriggers.parse(Fixtures.text(fixture));
        assertEquals(Optional.of(active), triggers.active());
        assertEquals(count, triggers.available().size());
        assertTrue(triggers.offers("timer"));
    }
}
