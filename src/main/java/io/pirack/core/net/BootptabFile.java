package io.pirack.core.net;

import io.pirack.core.validate.Ipv4Subnet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A bootptab as lines of text, with PiRack's own entries kept between two marker comments.
 * Rendering changes only that block (plus the '%%' line and the final newline when missing): every
 * other byte, comments and foreign entries included, comes back as it was.
 */
public final class BootptabFile {

    public static final String BEGIN_MARKER = "# BEGIN PiRack";
    public static final String END_MARKER = "# END PiRack";
    static final String BEGIN_LINE = BEGIN_MARKER + " entries (managed by PiRack; edits inside this block are replaced)\n";
    static final String END_LINE = END_MARKER + " entries\n";
    static final String TAKEN_OVER_PREFIX = "# taken over by PiRack: ";

    private final String text;
    private final List<String> lines;

    private BootptabFile(String text) {
        this.text = text;
        this.lines = splitLines(text);
    }

    public static BootptabFile of(byte[] content) {
        return new BootptabFile(new String(content, StandardCharsets.ISO_8859_1));
    }

    public static BootptabFile of(String latin1Text) {
        return new BootptabFile(latin1Text);
    }

    public static BootptabFile empty() {
        return new BootptabFile("");
    }

    public String text() {
        return text;
    }

    public BootptabReport report(Optional<Ipv4Subnet> subnet) {
        return BootptabParser.parse(text, subnet);
    }

    /** True for an entry inside PiRack's marked block. */
    public boolean isManaged(BootptabEntry entry) {
        int[] block = block();
        int index = entry.line() - 1;
        return block[0] >= 0 && index > block[0] && (block[1] < 0 || index < block[1]);
    }

    /**
     * The file with PiRack's block replaced by {@code leases}, or the problems that stop it. Leases
     * must come from {@link StaticLeasePlan} (validated).
     */
    public RenderedFile render(List<StaticLease> leases, ConflictPolicy policy) {
        int[] block = block();
        if (block[0] >= 0 && block[1] < 0) {
            return RenderedFile.refused(List.of(new BootptabProblem(block[0] + 1, Severity.ERROR,
                    "PiRack's block starts here but its '" + END_MARKER + "' line is missing; restore it or delete the block")));
        }
        List<String> foreign = new ArrayList<>();
        List<Integer> originalLine = new ArrayList<>();
        int insertAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (block[0] >= 0 && i >= block[0] && i <= block[1]) {
                if (i == block[0]) {
                    insertAt = foreign.size();
                }
                continue;
            }
            foreign.add(lines.get(i));
            originalLine.add(i + 1);
        }
        if (!foreign.isEmpty() && !foreign.get(foreign.size() - 1).endsWith("\n")) {
            foreign.set(foreign.size() - 1, foreign.get(foreign.size() - 1) + "\n");
        }
        BootptabReport foreignReport = BootptabParser.parse(String.join("", foreign), Optional.empty());
        List<BootptabProblem> problems = new ArrayList<>();
        // A hand-written line that already says exactly what PiRack would write stays the source of truth.
        List<StaticLease> toWrite = new ArrayList<>();
        List<BootptabEntry> alreadyRight = new ArrayList<>();
        for (StaticLease lease : leases) {
            Optional<BootptabEntry> same = foreignReport.entries().stream().filter(e -> matches(e, lease)).findFirst();
            if (same.isPresent()) {
                alreadyRight.add(same.get());
            } else {
                toWrite.add(lease);
            }
        }
        for (BootptabEntry entry : foreignReport.entries()) {
            if (alreadyRight.contains(entry)) {
                continue;
            }
            Optional<String> clash = conflict(entry, leases);
            if (clash.isEmpty()) {
                continue;
            }
            int index = entry.line() - 1;
            if (policy == ConflictPolicy.TAKE_OVER) {
                String line = foreign.get(index);
                foreign.set(index, TAKEN_OVER_PREFIX + line);
            } else {
                problems.add(new BootptabProblem(originalLine.get(index), Severity.ERROR, "entry '"
                        + entry.normalised() + "' was not written by PiRack and " + clash.get()
                        + "; delete that line or let PiRack take it over"));
            }
        }
        if (!problems.isEmpty()) {
            return RenderedFile.refused(problems);
        }
        int percent = percentLineIndex(foreign);
        if (percent < 0) {
            foreign.add("%%\n");
            percent = foreign.size() - 1;
        }
        if (insertAt <= percent) {
            insertAt = foreign.size();
        }
        if (!toWrite.isEmpty()) {
            foreign.add(insertAt, blockText(toWrite));
        }
        String rendered = String.join("", foreign);
        return selfCheck(rendered, leases);
    }

    private static boolean matches(BootptabEntry entry, StaticLease lease) {
        return entry.hwtype() == BootptabEntry.HTYPE_ETHERNET && entry.hwaddress().equals(lease.mac().canonical())
                && entry.ip().equals(lease.ip()) && entry.hostname().equals(lease.hostname());
    }

    private static Optional<String> conflict(BootptabEntry entry, List<StaticLease> leases) {
        for (StaticLease lease : leases) {
            if (entry.hwtype() == BootptabEntry.HTYPE_ETHERNET && entry.hwaddress().equals(lease.mac().canonical())) {
                return Optional.of("has the MAC address of " + lease.hostname());
            }
            if (entry.ip().equals(lease.ip())) {
                return Optional.of("has the IP address planned for " + lease.hostname());
            }
            if (entry.hostname().toLowerCase(Locale.ROOT).equals(lease.hostname())) {
                return Optional.of("uses the hostname " + lease.hostname());
            }
        }
        return Optional.empty();
    }

    static String blockText(List<StaticLease> leases) {
        StringBuilder sb = new StringBuilder(BEGIN_LINE);
        for (StaticLease lease : leases) {
            sb.append(lease.hostname()).append('\t').append(BootptabEntry.HTYPE_ETHERNET).append('\t')
                    .append(lease.mac().canonical()).append('\t').append(lease.ip()).append('\n');
        }
        return sb.append(END_LINE).toString();
    }

    /** Re-reads what will be written: every planned entry must load exactly as planned. */
    private static RenderedFile selfCheck(String rendered, List<StaticLease> leases) {
        BootptabReport report = BootptabParser.parse(rendered, Optional.empty());
        for (StaticLease lease : leases) {
            boolean loaded = report.entries().stream().anyMatch(e -> e.hostname().equals(lease.hostname())
                    && e.hwaddress().equals(lease.mac().canonical()) && e.ip().equals(lease.ip()));
            if (!loaded) {
                return RenderedFile.refused(List.of(new BootptabProblem(0, Severity.ERROR,
                        "the rendered bootptab would not load " + lease.hostname() + "; nothing was written")));
            }
        }
        return new RenderedFile(rendered, List.of());
    }

    /** Index of the first line bootpd takes as the '%%' line, or -1. */
    private static int percentLineIndex(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("%")) {
                return i;
            }
        }
        return -1;
    }

    /** [begin, end] line indexes of PiRack's block; -1 where absent. */
    private int[] block() {
        int begin = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (begin < 0 && lines.get(i).startsWith(BEGIN_MARKER)) {
                begin = i;
            } else if (begin >= 0 && lines.get(i).startsWith(END_MARKER)) {
                return new int[] {begin, i};
            }
        }
        return new int[] {begin, -1};
    }

    private static List<String> splitLines(String text) {
        List<String> result = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline + 1;
            result.add(text.substring(start, end));
            start = end;
        }
        return result;
    }
}
