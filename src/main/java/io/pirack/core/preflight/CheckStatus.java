package io.pirack.core.preflight;

/** The outcome of one preflight item; words, not colours, so a washed-out projector still tells. */
public enum CheckStatus {
    PASS, WARN, FAIL;

    public CheckStatus worst(CheckStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
