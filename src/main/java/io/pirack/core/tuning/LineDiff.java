package io.pirack.core.tuning;

import java.util.ArrayList;
import java.util.List;

/** A small unified line diff (longest common subsequence) for showing edits before applying them. */
public final class LineDiff {

    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    public static String unified(String name, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> script = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add(" " + a.get(i++));
                j++;
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                script.add("-" + a.get(i++));
            } else {
                script.add("+" + b.get(j++));
            }
        }
        StringBuilder out = new StringBuilder("--- " + name + "\n+++ " + name + " (new)\n");
        boolean skipping = false;
        for (int k = 0; k < script.size(); k++) {
            if (nearChange(script, k)) {
                out.append(script.get(k)).append('\n');
                skipping = false;
            } else if (!skipping) {
                out.append("@@\n");
                skipping = true;
            }
        }
        return out.toString();
    }

    private static boolean nearChange(List<String> script, int index) {
        for (int k = Math.max(0, index - CONTEXT); k <= Math.min(script.size() - 1, index + CONTEXT); k++) {
            if (script.get(k).charAt(0) != ' ') {
                return true;
            }
        }
        return false;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
