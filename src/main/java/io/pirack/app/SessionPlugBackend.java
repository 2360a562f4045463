package io.pirack.app;

import io.pirack.core.plug.GuardrailReport;
import io.pirack.core.plug.PlugState;
import io.pirack.core.tuning.TuningWarning;
import io.pirack.plug.PlugException;
import io.pirack.ui.plug.PlugBackend;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** {@link PlugBackend} over whichever session is current (none while connecting). */
public final class SessionPlugBackend implements PlugBackend {

    private final Supplier<PlugService> plugs;

    public SessionPlugBackend(Supplier<PlugService> plugs) {
        this.plugs = plugs;
    }

    @Override
    public boolean connected() {
        return plugs.get() != null;
    }

    @Override
    public Set<String> unpluggedNodes() {
        PlugService service = plugs.get();
        return service == null ? Set.of() : service.controller().unpluggedNodes();
    }

    @Override
    public boolean isUnplugged(String node) {
        PlugService service = plugs.get();
        return service != null && service.controller().state(node).isUnplugged();
    }

    @Override
    public boolean canPull(String node) {
        PlugService service = plugs.get();
        if (service == null) {
            return false;
        }
        PlugState state = service.controller().state(node);
        return !state.isBusy() && !state.isUnplugged() && service.controller().strategyFor(node).isPresent();
    }

    @Override
    public GuardrailReport assess(String node) {
        return require().assess(node);
    }

    @Override
    public Optional<TuningWarning> deadManWarning(String node) {
        PlugService service = plugs.get();
        return service == null ? Optional.empty() : service.deadManWarning(node);
    }

    @Override
    public Optional<String> describe(String node) {
        PlugService service = plugs.get();
        return service == null ? Optional.empty() : service.describe(node);
    }

    @Override
    public CompletableFuture<Void> pull(String node) {
        return explained(require().pull(node));
    }

    @Override
    public CompletableFuture<Void> restore(String node) {
        return explained(require().restore(node));
    }

    private PlugService require() {
        PlugService service = plugs.get();
        if (service == null) {
            throw new PlugFailure("not connected to a cluster yet", null, null);
        }
        return service;
    }

    /** Turns the plug layer's exception into the port's, keeping the sudoers fix. */
    private static CompletableFuture<Void> explained(CompletableFuture<PlugState> action) {
        return action.handle((state, error) -> {
            if (error == null) {
                return null;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String snippet = cause instanceof PlugException p ? p.sudoersSnippet().orElse(null) : null;
            throw new PlugFailure(cause.getMessage(), snippet, cause);
        });
    }
}
