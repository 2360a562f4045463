package io.pirack.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Render counts from JavaFX 21's pulse logger output (blocks captured from the app's log, shortened). */
class PulseLogCountsTest {

    private static final String LOG = """
            11:20:01.123 INFO  io.pirack.app - connected

            PULSE: 150 [12ms:53ms] Required No Rendering
            T19 (0 +0ms): CSS Pass


            PULSE: 151 [405ms:5ms]
            T19 (0 +0ms): CSS Pass
            T19 (0 +0ms): Layout Pass
            T19 (0 +0ms): Copy state to render graph
            T16 (1 +0ms): Dirty Opts Computed
            T16 : 4 different dirty regions to render
            T16 : Dirty Region 0: RectBounds { minX:202.0, minY:153.0, maxX:237.0, maxY:188.0} (w:35.0, h:35.0)
            T16 (1 +0ms): Render Roots Discovered
            T16 (1 +1ms): Painting
            T16 (1 +3ms): Painting
            Counters:
            \tNodes rendered: 64


            PULSE: 152 [19ms:111ms]
            T19 (0 +0ms): CSS Pass
            T19 (22 +1ms): Copy state to render graph
            T16 (24 +0ms): Dirty Opts Computed
            T16 : Slow background path for null
            T16 (24 +86ms): Painting
            Counters:
            \tNodes rendered: 532
            [153 16ms:0ms]
            """;

    @Test
    void aRenderWithoutDirtyRegionsIsCountedAsAWholeWindowRepaint() {
        PulseLogCounts c = PulseLogCounts.count(LOG);

        assertEquals(3, c.pulses);
        assertEquals(2, c.rendered);
        assertEquals(1, c.wholeWindow);
        assertEquals(1, c.partial);
        assertEquals(86, c.wholeWindowPaintMs);
        assertEquals(4, c.partialPaintMs);
    }

    @Test
    void aLogCutInTheMiddleOfABlockCountsTheBlocksItHolds() {
        String tail = LOG.substring(LOG.indexOf("Render Roots Discovered"));

        PulseLogCounts c = PulseLogCounts.count(tail);

        assertEquals(1, c.pulses);
        assertEquals(1, c.wholeWindow);
        assertEquals(0.5, c.summary(2).get("whole_window_renders_per_change"));
    }
}
