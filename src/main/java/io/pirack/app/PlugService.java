package io.pirack.app;

import io.pirack.core.plug.GuardrailReport;
import io.pirack.core.plug.Guardrails;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.RackSpec;
import io.pirack.net.SystemProcessRunner;
import io.pirack.plug.ApiEndpoint;
import io.pirack.plug.PiExecutors;
import io.pirack.plug.PlugActionEvent;
import io.pirack.plug.PlugController;
import io.pirack.plug.PlugListener;
import io.pirack.plug.PlugStrategies;
import io.pirack.plug.PlugStrategy;
import io.pirack.plug.SimulatedPowerStrategy;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshRemoteShell;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pull-the-plug for one cluster session: the strategies that fit it (the rehearsal rack's power
 * switch, or SSH / USB / BMC for real Pis), the controller holding each Pi's state, and the
 * guardrail assessment a UI shows before asking to confirm.
 */
public final class PlugService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlugService.class);

    private final ClusterSession session;
    private final Supplier<RackSpec> rack;
    private final PlugController controller;
    private final SshRemoteShell shell;
    private final PiExecutors.PerPi lanes = PiExecutors.threadPerPi("pirack-plug");
    private final CopyOnWriteArrayList<PlugListener> listeners = new CopyOnWriteArrayList<>();

    /** Each Pi's plug work runs on its own thread, so a Pi that never answers delays nothing else. */
    public PlugService(ClusterSession session, Supplier<RackSpec> rack, HostKeyPrompt hostKeys, PassphrasePrompt passphrases) {
        this.session = session;
        this.rack = rack;
        List<PlugStrategy> strategies = new ArrayList<>();
        if (session.rehearsal().isPresent()) {
            strategies.add(new SimulatedPowerStrategy(session.rehearsal().get(),
                    () -> Duration.ofSeconds(rack.get().deadManSeconds())));
            this.shell = null;
        } else {
            Path home = Path.of(System.getProperty("user.home"));
            this.shell = SshRemoteShell.forHome(home, hostKeys, passphrases);
            SshConfigResolver targets;
            try {
                targets = SshConfigResolver.load(home.resolve(".ssh/config"), home, System.getProperty("user.name"));
            } catch (IOException e) {
                LOG.warn("could not read ~/.ssh/config ({}); using the rack's settings only", e.getMessage());
                targets = SshConfigResolver.parse("", home, System.getProperty("user.name"));
            }
            var api = ApiEndpoint.fromServerUrl(session.client().getMasterUrl().toString());
            strategies.addAll(PlugStrategies.forRack(rack, shell, targets, api.isValid() ? api.orThrow() : null,
                    new SystemProcessRunner(), "uhubctl", HttpClient.newHttpClient(),
                    () -> System.getenv("PIRACK_TURINGPI_TOKEN")));
        }
        this.controller = new PlugController(rack, strategies, lanes, session.clock(), new PlugListener() {
            @Override
            public void plugStateChanged(String node, PlugState state) {
                listeners.forEach(l -> l.plugStateChanged(node, state));
            }

            @Override
            public void plugAction(PlugActionEvent event) {
                LOG.info("{}", event.describe());
                listeners.forEach(l -> l.plugAction(event));
            }
        });
    }

    public void addListener(PlugListener listener) {
        listeners.add(listener);
    }

    /** Told in one sentence (any thread) when a Pi's SSH connect is slow and a fresh connection is tried. */
    public void onSlowConnect(java.util.function.Consumer<String> listener) {
        if (shell != null) {
            shell.onSlowConnect(listener);
        }
    }

    /** On start: find Pis a previous run left unplugged, so PiRack never loses track of one. */
    public CompletableFuture<Void> refreshAll() {
        return controller.refreshAll();
    }

    /** Asks the unplugged Pis that are due whether their dead-man switch restored them (see PlugController). */
    public CompletableFuture<Void> pollUnplugged() {
        return controller.refreshDeadManExpired();
    }

    public PlugController controller() {
        return controller;
    }

    /** What pulling this Pi's plug will do, in words ("stop k3s-agent on rpi3 over SSH"). */
    public java.util.Optional<String> describe(String node) {
        return rack.get().slot(node).flatMap(slot -> controller.strategyFor(node).map(s -> s.describe(slot)));
    }

    public GuardrailReport assess(String node) {
        return Guardrails.assess(session.store().snapshot(), node, controller.unpluggedNodes());
    }

    /**
     * Whether the dead-man restore would bring this Pi back before Kubernetes has moved its pods. Known on the
     * rehearsal rack, and on a real cluster once its settings were read (the Tuning screen); empty otherwise.
     */
    public java.util.Optional<io.pirack.core.tuning.TuningWarning> deadManWarning(String node) {
        java.util.Optional<io.pirack.core.tuning.EffectiveSettings> settings = session.rehearsal()
                .map(r -> SessionTuningBackend.preset(r.timings()).toSettings())
                .or(session::settingsRead);
        return settings.flatMap(s -> io.pirack.core.tuning.DeadManCheck.beforePull(rack.get().deadManSeconds(), s,
                session.store().snapshot().podsOn(node)));
    }

    public CompletableFuture<PlugState> pull(String node) {
        return controller.pull(node);
    }

    public CompletableFuture<PlugState> restore(String node) {
        return controller.restore(node);
    }

    /** Plug state words per Pi for the rack (plugged Pis are left out: nothing to say). */
    public Map<String, String> stateWords() {
        Map<String, String> words = new TreeMap<>();
        controller.states().forEach((node, state) -> {
            if (!(state instanceof PlugState.Plugged)) {
                words.put(node, state.describe());
            }
        });
        return words;
    }

    @Override
    public void close() {
        lanes.close();
        if (shell != null) {
            shell.close();
        }
    }
}
