package io.pirack.testing;

import io.pirack.core.plug.GuardrailReport;
import io.pirack.ui.plug.PlugBackend;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The plug port as the app implements it for a rack whose Pis are all plugged in, with nothing to warn about a
 * pull: every pull and restore completes at once. Tests override what their case is about.
 */
public class PluggedInPlugs implements PlugBackend {

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public Set<String> unpluggedNodes() {
        return Set.of();
    }

    @Override
    public boolean isUnplugged(String node) {
        return false;
    }

    @Override
    public boolean canPull(String node) {
        return true;
    }

    @Override
    public GuardrailReport assess(String node) {
        return new GuardrailReport(node, List.of());
    }

    @Override
    public Optional<String> describe(String node) {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Void> pull(String node) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> restore(String node) {
        return CompletableFuture.completedFuture(null);
    }
}
