package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import io.pirack.net.BoothNetwork;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.network.NetworkView;
import io.pirack.ui.network.NetworkViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;

/** The Network screen, built on first visit with its own SSH client (closed with the app). */
public final class NetworkScreen implements AutoCloseable {

    private final AppPaths paths;
    private final Supplier<RackSpec> realRack;
    private final Executor background;
    private final FxPrompts prompts;
    private SshRemoteShell shell;

    public NetworkScreen(AppPaths paths, Supplier<RackSpec> realRack, Executor background, Supplier<Window> owner) {
        this.paths = paths;
        this.realRack = realRack;
        this.background = background;
        this.prompts = new FxPrompts(owner);
    }

    /** The screen; MainWindow calls it on the first visit. */
    public Node view() {
        shell = SshRemoteShell.forHome(Path.of(System.getProperty("user.home")), prompts::trustHostKey, prompts::passphrase);
        BoothNetwork network = BoothNetwork.forThisMachine(Optional.of(shell), Clock.systemUTC());
        JsonFileStore<RackSpec> rackStore = new JsonFileStore<>(paths.rackFile(), RackSpec.class, realRack, Clock.systemUTC());
        NetworkViewModel model = new NetworkViewModel(network, NetworkViewModel.Source.thisMachine(network), realRack,
                rack -> rackStore.saveInBackground(rack, background, "the rack", problem -> { }), background, Platform::runLater);
        model.rerun();
        return new NetworkView(model);
    }

    @Override
    public void close() {
        if (shell != null) {
            shell.close();
        }
    }
}
