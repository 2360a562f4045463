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
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;

/**
 * Wires the Network screen: its own SSH client (host-key and passphrase questions on the FX thread),
 * the booth-network adapters for this machine with {@code ~/.ssh/config}, the session's rack, and the
 * doctor's memory in the settings folder. Built on the first visit; {@link #close()} on quit.
 */
public final class NetworkScreen implements AutoCloseable {

    private final Supplier<Window> owner;
    private final Supplier<RackSpec> rack;
    private final Consumer<RackSpec> save;
    private final Supplier<ClusterSession> session;
    private final Executor background;
    private final AppPaths paths;
    private SshRemoteShell shell;
    private NetworkView view;
    private NetworkViewModel model;

    /**
     * @param rack    the session's rack now (the rehearsal rack or the saved real one)
     * @param save    persists a changed rack (assignments, planned and applied addresses)
     * @param session the open session, or null before the first connect
     */
    public NetworkScreen(Supplier<Window> owner, Supplier<RackSpec> rack, Consumer<RackSpec> save, Supplier<ClusterSession> session,
                  Executor background, AppPaths paths) {
        this.owner = owner;
        this.rack = rack;
        this.save = save;
        this.session = session;
        this.background = background;
        this.paths = paths;
    }

    private void build() {
        shell = SshRemoteShell.forHome(Path.of(System.getProperty("user.home")), FxPrompts.hostKeys(owner), FxPrompts.passphrases(owner));
        BoothNetwork network = BoothNetwork.forThisMachine(Optional.of(shell), Clock.systemUTC(), BoothNetwork.homeSshConfig());
        SessionNetworkBackend backend = new SessionNetworkBackend(network, SnapshotSource.thisMachine(network), rack, save,
                () -> session.get() != null && session.get().source() instanceof ClusterSession.Rehearsal,
                () -> roles(session.get()), Optional.of(new DoctorMemory(paths.dataDir())));
        model = new NetworkViewModel(backend, background, Platform::runLater);
        model.rerun();
        view = new NetworkView(model);
    }

    private static Map<String, NodeRole> roles(ClusterSession session) {
        if (session == null) {
            return Map.of();
        }
        return session.store().snapshot().nodes().values().stream().collect(Collectors.toMap(NodeInfo::name, NodeInfo::role, (a, b) -> a));
    }

    /** A new session (rehearsal rack or real cluster) was opened: check again for it. Call on the FX thread. */
    public void sessionChanged() {
        if (model != null) {
            model.rerun();
        }
    }

    /** The screen; MainWindow calls it on the first visit, which builds it. */
    public Node view() {
        if (view == null) {
            build();
        }
        return view;
    }

    @Override
    public void close() {
        if (shell != null) {
            shell.close();
        }
    }
}
