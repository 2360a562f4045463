package io.pirack.net;

/** How a local command ended. {@code timedOut} means it was killed at its deadline. */
public record ProcessResult(int exitCode, String stdout, String stderr, boolean timedOut) {

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }
}
