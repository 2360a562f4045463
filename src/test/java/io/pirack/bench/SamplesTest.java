package io.pirack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SamplesTest {

    private static Samples millis(int from, int to) {
        Samples samples = new Samples();
        // Added in reverse to show that order does not matter.
        for (int ms = to; ms >= from; ms--) {
            samples.add(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        return samples;
    }

    @Test
    void percentilesUseTheNearestRank() {
        Samples samples = millis(1, 100);
        assertEquals(50.0, samples.percentileMillis(50));
        assertEquals(95.0, samples.percentileMillis(95));
        assertEquals(99.0, samples.percentileMillis(99));
        assertEquals(100.0, samples.percentileMillis(100));
    }

    @Test
    void aSingleSlowSampleIsTheP99OfASmallRun() {
        Samples samples = millis(1, 10);
        assertEquals(10.0, samples.percentileMillis(99));
        assertEquals(5.0, samples.percentileMillis(50));
    }

    @Test
    void countAboveCountsOnlyStrictlyLargerSamples() {
        assertEquals(92, millis(1, 100).countAbove(TimeUnit.MILLISECONDS.toNanos(8)));
    }

    @Test
    void anEmptyRunHasNoPercentiles() {
        Samples samples = new Samples();
        assertTrue(Double.isNaN(samples.percentileMillis(99)));
        assertEquals(0, samples.summary().get("count"));
    }

    @Test
    void growsPastItsInitialCapacity() {
        Samples samples = millis(1, 5000);
        assertEquals(5000, samples.count());
        assertEquals(4950.0, samples.percentileMillis(99));
    }
}
