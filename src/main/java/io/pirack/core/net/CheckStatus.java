package io.pirack.core.net;

/** Outcome of one doctor check; SKIP means its inputs were not available (the message says why). */
public enum CheckStatus {
    PASS, WARN, FAIL, SKIP
}
