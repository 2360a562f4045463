package io.pirack.ui.network;

import java.util.ArrayList;
import java.util.List;

/** A line diff (longest common subsequence) for showing a config file change before it is written. */
public final class LineDiff {

    /** One line of the diff: kept, added or removed. */
    public enum Kind { SAME, ADDED, REMOVED }

    public record Line(Kind kind, String text) {
        /** {@code "  "}, {@code "+ "} or {@code "- "} then the text, as a unified diff shows it. */
        public String marked() {
            return (kind == Kind.ADDED ? "+ " : kind == Kind.REMOVED ? "- " : "  ") + text;
        }
    }

    private LineDiff() {
    }

    public static List<Line> of(String before, String after) {
        List<String> a = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> b = after.isEmpty() ? List.of() : after.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add(new Line(Kind.SAME, a.get(i++)));
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                lines.add(new Line(Kind.ADDED, b.get(j++)));
            } else {
                lines.add(new Line(Kind.REMOVED, a.get(i++)));
            }
        }
        return lines;
    }

    public static boolean changes(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }
}
