package io.pirack.cli;

import io.pirack.core.preflight.PreflightInputs;

/**
 * Gathers what {@code pirack preflight} judges, from a real cluster or the rehearsal rack. The
 * command's default is {@link SessionPreflightSource} (the Tuning screen's backend); tests pass
 * their own, so the command holds no logic of its own.
 */
@FunctionalInterface
public interface PreflightSource {

    /**
     * @throws PreflightUnavailableException when the inputs cannot be gathered at all (no cluster,
     *         bad kubeconfig); its message is shown to the user as is
     */
    PreflightInputs gather(PiRackCommand.ClusterOptions cluster) throws PreflightUnavailableException;

    /** A source that never connects, for tests of the "could not check" path. */
    static PreflightSource unavailable() {
        return cluster -> {
            throw new PreflightUnavailableException("preflight is not connected to a cluster source in this build");
        };
    }

    /** The inputs could not be gathered; the message says why, for the user. */
    final class PreflightUnavailableException extends Exception {
        public PreflightUnavailableException(String message) {
            super(message);
        }
    }
}
