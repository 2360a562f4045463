package io.pirack.cli;

import io.pirack.core.preflight.PreflightInputs;

/**
 * Gathers what {@code pirack preflight} judges, from a real cluster or the rehearsal rack. The app
 * wiring supplies the implementation (through a picocli factory), so the command holds no logic of
 * its own.
 */
@FunctionalInterface
public interface PreflightSource {

    /**
     * @throws PreflightUnavailableException when the inputs cannot be gathered at all (no cluster,
     *         bad kubeconfig); its message is shown to the user as is
     */
    PreflightInputs gather(PiRackCommand.ClusterOptions cluster) throws PreflightUnavailableException;

    /** Used until the app wiring provides a real source. */
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
