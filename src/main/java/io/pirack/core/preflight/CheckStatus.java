package io.pirack.core.preflight;

/**
 * The outcome of one check, for the preflight checklist and the network doctor alike; words, not
 * colours, so a washed-out projector still tells. SKIP means the check's inputs were not available
 * (or it is not needed here); the message says why. Declared from best to worst.
 */
public enum CheckStatus {
    PASS, SKIP, WARN, FAIL;

    public CheckStatus worst(CheckStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
