package io.pirack.app;

import io.pirack.core.cluster.NodeInfo;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.RackSpec;
import io.pirack.net.BoothNetwork;
import io.pirack.net.SnapshotSource;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.network.NetworkView;
import io.pirack.ui.network.NetworkViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * The Network screen, built on first visit: its own SSH client (host-key and passphrase questions on
 * the FX thread), the booth-network adapters for this machine with {@code ~/.ssh/config}, the
 * session's rack, and the doctor's memory in the settings folder. A new session checks again.
 */
public final class NetworkScreen implements AutoCloseable {

    private final AppPaths paths;
    private final SessionHolder sessions;
    private final Executor background;
    private final Supplier<Window> owner;
    private SshRemoteShell shell;
    private NetworkViewModel model;
    private NetworkView view;

    public NetworkScreen(AppPaths paths, SessionHolder sessions, Executor background, Supplier<Window> owner) {
        this.paths = paths;
        this.sessions = sessions;
        this.background = background;
        this.owner = owner;
    }

    /** The screen; MainWindow calls it on the first visit. */
    public Node view() {
        if (view != null) {
            return view;
        }
        shell = SshRemoteShell.forHome(Path.of(System.getProperty("user.home")), FxPrompts.hostKeys(owner)::trust, FxPrompts.passphrases(owner)::passphrase);
        BoothNetwork network = BoothNetwork.forThisMachine(Optional.of(shell), Clock.systemUTC(), BoothNetwork.homeSshConfig());
        SessionNetworkBackend backend = new SessionNetworkBackend(network, SnapshotSource.thisMachine(network), this::rack,
                sessions::saveRackOrder, () -> sessions.cluster() != null && sessions.cluster().source() instanceof ClusterSession.Rehearsal,
                this::roles, Optional.of(new DoctorMemory(paths.dataDir())));
        model = new NetworkViewModel(backend, background, Platform::runLater);
        model.rerun();
        // The rehearsal rack or a real cluster came up (or replaced the other): its rack and its checks.
        sessions.sessionProperty().addListener((obs, was, now) -> model.rerun());
        view = new NetworkView(model);
        return view;
    }

    /** The session's rack (the rehearsal rack or the saved real one); the rack file before the first connection. */
    private RackSpec rack() {
        RackSpec shown = sessions.rackSpec();
        return shown != null ? shown : sessions.realRack();
    }

    /** Node name → role as the cluster reports it, so the control plane the Rack screen shows is the one the checks use. */
    private Map<String, NodeRole> roles() {
        ClusterSession cluster = sessions.cluster();
        if (cluster == null) {
            return Map.of();
        }
        return cluster.store().snapshot().nodes().values().stream().collect(Collectors.toMap(NodeInfo::name, NodeInfo::role, (a, b) -> a));
    }

    @Override
    public void close() {
        if (shell != null) {
            shell.close();
        }
    }
}
