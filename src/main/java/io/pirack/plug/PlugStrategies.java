package io.pirack.plug;

import io.pirack.core.rack.RackSpec;
import io.pirack.net.ProcessRunner;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshTargetResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Builds the real-hardware strategies from what the app or CLI knows; the rehearsal one is added by the caller. */
public final class PlugStrategies {

    /** Long enough for a slow Pi to stop a kubelet, short enough that a hung command is noticed on stage. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private PlugStrategies() {
    }

    /**
     * @param apiServer     the API server the cluster uses (from the kubeconfig), or null: no API partition
     * @param uhubctl       uhubctl's name or path
     * @param turingPiToken asked at each request; only used when the rack has a Turing Pi URL
     */
    public static List<PlugStrategy> forRack(Supplier<RackSpec> rack, RemoteShell shell, SshTargetResolver targets,
                                             ApiEndpoint apiServer, ProcessRunner processes, String uhubctl,
                                             HttpClient http, Supplier<String> turingPiToken) {
        List<PlugStrategy> strategies = new ArrayList<>();
        strategies.add(new StopAgentStrategy(shell, targets, () -> rack.get().deadManSeconds(), COMMAND_TIMEOUT));
        if (apiServer != null) {
            strategies.add(new ApiPartitionStrategy(shell, targets, apiServer, () -> rack.get().deadManSeconds(), COMMAND_TIMEOUT));
        }
        strategies.add(new UhubctlStrategy(processes, uhubctl, COMMAND_TIMEOUT));
        String turingPiUrl = rack.get().turingPiUrl();
        if (turingPiUrl != null && TuringPiStrategy.parseBaseUrl(turingPiUrl).isValid()) {
            URI base = TuringPiStrategy.parseBaseUrl(turingPiUrl).orThrow();
            strategies.add(new TuringPiStrategy(http, base, turingPiToken, COMMAND_TIMEOUT));
        }
        return strategies;
    }
}
