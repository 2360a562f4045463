package io.pirack.core.net;

import java.util.List;

/**
 * What bootpd would make of one bootptab: the entries it loads and every problem found, by
 * bootpd's own rules (skipped or truncated lines, rejected addresses) and PiRack's (subnet,
 * duplicates, RFC 1123 names).
 */
public record BootptabReport(List<BootptabEntry> entries, List<BootptabProblem> problems,
                             boolean hasPercentLine, boolean endsWithNewline) {

    public BootptabReport {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    public List<BootptabProblem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }
}
