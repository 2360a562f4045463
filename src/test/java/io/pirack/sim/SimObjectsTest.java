package io.pirack.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimObjectsTest {

    @Test
    void microTimeAlwaysHasSixFractionDigitsSoClientsCanReadItBack() {
        assertEquals("2026-11-26T08:18:31.914000Z", SimObjects.microTimeText(Instant.parse("2026-11-26T08:18:31.914Z")));
        assertEquals("2026-11-26T08:18:31.000000Z", SimObjects.microTimeText(Instant.parse("2026-11-26T08:18:31Z")));
        assertEquals("2026-11-26T08:18:31.123456Z", SimObjects.microTimeText(Instant.parse("2026-11-26T08:18:31.123456789Z")));
    }
}
