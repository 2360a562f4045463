package io.pirack.core.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({
        "40s, 40000",
        "1m30s, 90000",
        "500ms, 500",
        "1.5s, 1500",
        "1h, 3600000",
        "2h45m, 9900000",
        "0, 0",
        "0s, 0",
        "+5s, 5000",
        "1500us, 1",
        "1m0.5s, 60500",
    })
    void goDurationsParseToMilliseconds(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), GoDuration.parse(text).orThrow().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "40", "5 s", "s", "1.2.3s", "10sec", "-5s", "1d", ".s"})
    void malformedOrNegativeDurationsAreRejected(String text) {
        assertFalse(GoDuration.parse(text).isValid(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20s", "1m30s", "500ms", "1h0m0s", "0s", "2m0.5s"})
    void formatIsGoShapedAndRoundTrips(String text) {
        assertEquals(text, GoDuration.format(GoDuration.parse(text).orThrow()));
    }

    @org.junit.jupiter.api.Test
    void unknownUnitIsNamedInTheMessage() {
        assertTrue(GoDuration.parse("10sec").message().contains("\"sec\""));
    }
}
