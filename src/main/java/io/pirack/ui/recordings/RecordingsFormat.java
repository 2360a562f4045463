package io.pirack.ui.recordings;

import java.util.Locale;

/** How the Recordings screen writes sizes and run counts. */
public final class RecordingsFormat {

    private RecordingsFormat() {
    }

    /** "812 B", "14.2 KB", "3.4 MB", "1.2 GB" (decimal units, as Finder shows them). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** "✔ kept", "● recording now", both, or nothing: words, not only a mark. */
    public static String status(RecordingsBackend.Row row) {
        String kept = row.keep() ? "✔ kept" : "";
        String now = row.current() ? "● recording now" : "";
        return kept.isEmpty() || now.isEmpty() ? kept + now : kept + " · " + now;
    }

    /** "1 failover run", "3 failover runs", or "failover runs not counted". */
    public static String runsInWords(int runs) {
        return runs < 0 ? "failover runs not counted" : runs + (runs == 1 ? " failover run" : " failover runs");
    }

    /** The run count, "…" while counting, "?" when the recording could not be read. */
    public static String runs(int runs) {
        return runs >= 0 ? Integer.toString(runs) : runs == -1 ? "…" : "?";
    }
}
