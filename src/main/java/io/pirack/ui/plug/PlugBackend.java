package io.pirack.ui.plug;

import io.pirack.core.plug.GuardrailReport;
import io.pirack.core.tuning.TuningWarning;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the operator's and the visitor's plug commands ask of the current session's plugs. The app
 * implements it over its plug service; with no session connected, {@link #connected()} is false
 * and nothing can be pulled. Pulls and restores run in the background; a failure completes the
 * future with a {@link PlugFailure} whose message says what went wrong and what to do.
 */
public interface PlugBackend {

    boolean connected();

    /** Pis PiRack has unplugged and not yet plugged back in. */
    Set<String> unpluggedNodes();

    boolean isUnplugged(String node);

    /** Plugged in, not busy, and PiRack has a way to pull this Pi's plug. */
    boolean canPull(String node);

    /** What pulling this Pi will do to the demo (control plane, eviction halt, StatefulSets, nothing to move). */
    GuardrailReport assess(String node);

    /**
     * Whether the dead-man restore would plug this Pi back in before Kubernetes has moved its pods (the
     * audience would see nothing move); empty when it would not, or when the cluster's settings are not
     * known yet. Cheap: no I/O.
     */
    default Optional<TuningWarning> deadManWarning(String node) {
        return Optional.empty();
    }

    /** How the plug is pulled, in words ("switch off rpi3's simulated power"). */
    Optional<String> describe(String node);

    CompletableFuture<Void> pull(String node);

    CompletableFuture<Void> restore(String node);

    /** Why a pull or restore failed; the sudoers line to install when that is the cause. */
    final class PlugFailure extends RuntimeException {
        private final String sudoersSnippet;

        public PlugFailure(String message, String sudoersSnippet, Throwable cause) {
            super(message, cause);
            this.sudoersSnippet = sudoersSnippet;
        }

        public Optional<String> sudoersSnippet() {
            return Optional.ofNullable(sudoersSnippet);
        }
    }
}
