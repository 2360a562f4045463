package io.pirack.core.preflight;

import java.util.List;

/** The checklist; ready when nothing fails (warnings are shown but do not block the show). */
public record PreflightReport(List<PreflightItem> items) {

    public static final String READY = "Ready for the show";

    public PreflightReport {
        items = List.copyOf(items);
    }

    public boolean ready() {
        return items.stream().noneMatch(i -> i.status() == CheckStatus.FAIL);
    }

    public List<PreflightItem> toFix() {
        return items.stream().filter(i -> i.status() == CheckStatus.FAIL).toList();
    }

    /** "Ready for the show" or "Not ready: 2 items to fix". */
    public String headline() {
        if (ready()) {
            long warnings = items.stream().filter(i -> i.status() == CheckStatus.WARN).count();
            return READY + (warnings == 0 ? "" : " (" + warnings + (warnings == 1 ? " warning)" : " warnings)"));
        }
        int n = toFix().size();
        return "Not ready: " + n + (n == 1 ? " item" : " items") + " to fix";
    }

    /** Plain text for the CLI: one line per item, the fix indented under anything not passing. */
    public String text() {
        StringBuilder out = new StringBuilder(headline()).append('\n');
        int width = items.stream().mapToInt(i -> i.title().length()).max().orElse(0);
        for (PreflightItem item : items) {
            out.append('[').append(item.status()).append("] ")
                    .append(item.title()).append(" ".repeat(width - item.title().length())).append("  ")
                    .append(item.detail()).append('\n');
            if (item.status() != CheckStatus.PASS && !item.fix().isEmpty()) {
                out.append("       fix: ").append(item.fix()).append('\n');
            }
        }
        return out.toString();
    }
}
