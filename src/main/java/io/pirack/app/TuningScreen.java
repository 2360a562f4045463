package io.pirack.app;

import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.tuning.TuningView;
import io.pirack.ui.tuning.TuningViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the Tuning screen to whatever session the app currently has: built on first visit, it
 * follows session changes and, while a pre-pull runs, re-reads its progress every few seconds.
 * The SSH shell for control-plane edits and clock checks opens on first use, with the app's prompts.
 */
public final class TuningScreen implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TuningScreen.class);
    /** How often to look for a new session and pre-pull progress. */
    private static final long POLL_SECONDS = 2;

    private final Supplier<ClusterSession> session;
    private final Executor background;
    private final Supplier<Window> owner;
    private final TuningViewModel viewModel;
    private ScheduledExecutorService poll;
    private ClusterSession shown;
    private SshRemoteShell shell;

    public TuningScreen(Supplier<ClusterSession> session, Executor background, Supplier<Window> owner) {
        this.session = session;
        this.background = background;
        this.owner = owner;
        this.viewModel = new TuningViewModel(background, Platform::runLater, Clock.systemDefaultZone());
    }

    /** The screen; call on the FX thread (MainWindow calls it on the first visit). */
    public Node view() {
        TuningView view = new TuningView(viewModel);
        follow();
        poll = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tuning-poll");
            t.setDaemon(true);
            return t;
        });
        poll.scheduleWithFixedDelay(() -> Platform.runLater(this::tick), POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        return view;
    }

    /**
     * Exists from construction, before the first visit: the drill sets the measured failover time
     * with {@code viewModel().measuredFailoverProperty().set(duration)} on the FX thread.
     */
    public TuningViewModel viewModel() {
        return viewModel;
    }

    private void tick() {
        follow();
        if (viewModel.prePullingProperty().get()) {
            viewModel.refreshImages();
        }
    }

    private void follow() {
        ClusterSession current = session.get();
        if (current != shown) {
            shown = current;
            viewModel.connect(current == null ? null : new SessionTuningBackend(current, this::shell, targets(), Clock.systemUTC()));
        }
    }

    private synchronized RemoteShell shell() {
        if (shell == null) {
            shell = SshRemoteShell.forHome(home(), FxPrompts.hostKeys(owner), FxPrompts.passphrases(owner));
        }
        return shell;
    }

    /** How to reach each Pi: the rack merged with ~/.ssh/config. */
    public static SshTargetResolver targets() {
        Path home = home();
        try {
            return SshConfigResolver.load(home.resolve(".ssh/config"), home, System.getProperty("user.name"));
        } catch (IOException e) {
            LOG.warn("could not read ~/.ssh/config ({}); using the rack's settings only", e.getMessage());
            return SshConfigResolver.parse("", home, System.getProperty("user.name"));
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    @Override
    public synchronized void close() {
        if (poll != null) {
            poll.shutdownNow();
        }
        if (shell != null) {
            shell.close();
        }
    }
}
