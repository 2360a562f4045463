package io.pirack.bench;

import java.util.Map;

/** The results as indented plain text, for a terminal or a quick look. */
final class Summary {

    private Summary() {
    }

    static String text(Map<String, Object> results) {
        StringBuilder sb = new StringBuilder("PiRack benchmarks\n");
        append(sb, results, 0);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<?, ?> map, int depth) {
        map.forEach((key, value) -> {
            sb.append("  ".repeat(depth)).append(key).append(':');
            if (value instanceof Map<?, ?> nested) {
                sb.append('\n');
                append(sb, nested, depth + 1);
            } else {
                sb.append(' ').append(value).append('\n');
            }
        });
    }
}
