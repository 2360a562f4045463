package io.pirack.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts renders in the output of JavaFX's pulse logger ({@code -Djavafx.pulseLogger=true
 * -Djavafx.pulseLogger.threshold=-1}: every pulse printed in full, when its render is over). A pulse
 * block starts with {@code PULSE: n [interval:total]}; one that rendered nothing says "Required No
 * Rendering". A render that painted dirty regions logs "N different dirty regions to render" (Prism's
 * {@code ViewPainter}); a render without that line painted the <b>whole window</b> — either the
 * dirty-region walk found no region (or one containing the window), or dirty regions were off. The
 * "Painting" phases' milliseconds are summed per kind (software pipeline: where the render time goes).
 */
final class PulseLogCounts {

    private static final Pattern PAINTING = Pattern.compile("\\(\\d+ \\+(\\d+)ms\\): Painting");

    int pulses;
    int rendered;
    int wholeWindow;
    int partial;
    long wholeWindowPaintMs;
    long partialPaintMs;

    /** Counts the pulse blocks in {@code log} (other lines, e.g. the app's own log, are ignored). */
    static PulseLogCounts count(String log) {
        PulseLogCounts c = new PulseLogCounts();
        for (String block : ("\n" + log).split("\nPULSE: ")) {
            int eol = block.indexOf('\n');
            String header = eol < 0 ? block : block.substring(0, eol);
            if (!header.matches("\\d+ \\[.*")) {
                continue;
            }
            c.pulses++;
            if (header.contains("Required No Rendering")) {
                continue;
            }
            c.rendered++;
            long paint = 0;
            Matcher m = PAINTING.matcher(block);
            while (m.find()) {
                paint += Long.parseLong(m.group(1));
            }
            if (block.contains("different dirty regions to render")) {
                c.partial++;
                c.partialPaintMs += paint;
            } else {
                c.wholeWindow++;
                c.wholeWindowPaintMs += paint;
            }
        }
        return c;
    }

    /** The counts, and per change when {@code changes} > 0. */
    Map<String, Object> summary(int changes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pulses", pulses);
        m.put("rendered_pulses", rendered);
        m.put("whole_window_renders", wholeWindow);
        m.put("partial_renders", partial);
        m.put("whole_window_paint_ms", wholeWindowPaintMs);
        m.put("partial_paint_ms", partialPaintMs);
        if (changes > 0) {
            m.put("whole_window_renders_per_change", Samples.round(wholeWindow / (double) changes));
            m.put("rendered_pulses_per_change", Samples.round(rendered / (double) changes));
        }
        return m;
    }
}
