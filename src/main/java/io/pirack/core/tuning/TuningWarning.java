package io.pirack.core.tuning;

/** Something about the failure-detection settings the presenter should know, with the fix. */
public record TuningWarning(Severity severity, String message, String fix) {

    public enum Severity {
        /** The cluster breaks (a component will not start). */
        FATAL,
        /** The demo misbehaves (flapping, slow or no failover). */
        WARNING,
        /** Worth knowing. */
        INFO
    }
}
