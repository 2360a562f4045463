package io.pirack.core.plug;

import java.util.List;
import java.util.Optional;

/** Everything the guardrails found for one intended pull, most serious first. */
public record GuardrailReport(String node, List<GuardrailFinding> findings) {

    public GuardrailReport {
        findings = findings.stream()
                .sorted((a, b) -> b.severity().compareTo(a.severity()))
                .toList();
    }

    public boolean isClear() {
        return findings.isEmpty();
    }

    /** True when the UI must ask "pull anyway?" even if the presenter chose "don't ask again". */
    public boolean needsExplicitConfirmation() {
        return findings.stream().anyMatch(f -> f.severity() == GuardrailFinding.Severity.CONFIRM);
    }

    public Optional<GuardrailFinding> finding(GuardrailFinding.Rule rule) {
        return findings.stream().filter(f -> f.rule() == rule).findFirst();
    }
}
