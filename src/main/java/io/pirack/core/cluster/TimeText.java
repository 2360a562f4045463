package io.pirack.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Short, human time strings used across views and the CLI. */
public final class TimeText {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private TimeText() {
    }

    public static String clock(Instant instant) {
        return instant == null ? "—" : CLOCK.format(instant);
    }

    /** "0.4 s", "12 s", "3 min 05 s", "2 h 10 min". */
    public static String age(Duration duration) {
        if (duration == null) {
            return "—";
        }
        long millis = Math.max(0, duration.toMillis());
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
