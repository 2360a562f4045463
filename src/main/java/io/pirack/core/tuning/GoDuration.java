package io.pirack.core.tuning;

import io.pirack.core.validate.Validation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Durations in Go's {@code time.ParseDuration} syntax ({@code 40s}, {@code 1m30s}, {@code 500ms},
 * {@code 1.5h}), the form every Kubernetes component flag uses. Negative durations are rejected:
 * none of the settings PiRack reads or writes may be negative.
 */
public final class GoDuration {

    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "µs", 1_000L,
            "μs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    public static Validation<Duration> parse(String text) {
        if (text == null || text.isBlank()) {
            return Validation.invalid("empty duration (expected e.g. 40s or 1m30s)");
        }
        String s = text.strip();
        if (s.startsWith("-")) {
            return Validation.invalid("negative duration \"" + s + "\" is not allowed");
        }
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Validation.valid(Duration.ZERO);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(numberStart, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (number.isEmpty() || number.equals(".") || number.chars().filter(c -> c == '.').count() > 1) {
                return Validation.invalid("\"" + text + "\" is not a duration (expected e.g. 40s, 1m30s, 500ms)");
            }
            Long nanosPerUnit = NANOS_PER_UNIT.get(unit);
            if (nanosPerUnit == null) {
                return Validation.invalid(unit.isEmpty()
                        ? "\"" + text + "\" lacks a unit (use ns, us, ms, s, m or h)"
                        : "\"" + text + "\" has unknown unit \"" + unit + "\" (use ns, us, ms, s, m or h)");
            }
            totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit)));
        }
        if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Validation.invalid("\"" + text + "\" is too long a duration");
        }
        return Validation.valid(Duration.ofNanos(totalNanos.longValue()));
    }

    /** Go's {@code Duration.String()} shape: {@code 20s}, {@code 1m30s}, {@code 1h0m0s}, {@code 500ms}. */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = duration.toNanos();
            if (nanos % 1_000_000 == 0) {
                return nanos / 1_000_000 + "ms";
            }
            if (nanos % 1_000 == 0) {
                return nanos / 1_000 + "µs";
            }
            return nanos + "ns";
        }
        StringBuilder out = new StringBuilder();
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.toSecondsPart())
                .add(BigDecimal.valueOf(duration.toNanosPart(), 9))
                .stripTrailingZeros();
        out.append(seconds.toPlainString()).append('s');
        return out.toString();
    }
}
