package io.pirack.app;

import io.pirack.concurrent.Background;
import io.pirack.ssh.RemoteShell;
import io.pirack.ssh.SshConfigResolver;
import io.pirack.ssh.SshRemoteShell;
import io.pirack.ssh.SshTargetResolver;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.tuning.TuningView;
import io.pirack.ui.tuning.TuningViewModel;
import io.pirack.core.timeline.FailoverRun;
import io.pirack.core.timeline.TimelineSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.scene.Node;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the Tuning screen to whatever session the app currently has: built on first visit, it
 * follows session changes, shows the latest measured failover and, while a pre-pull runs, re-reads its progress every few seconds.
 * The SSH shell for control-plane edits and clock checks opens on first use, with the app's prompts.
 */
public final class TuningScreen implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TuningScreen.class);
    /** How often to re-read pre-pull progress while one runs. */
    private static final long POLL_SECONDS = 2;

    private final ReadOnlyObjectProperty<Session> session;
    private final Executor background;
    private final Supplier<Window> owner;
    private final TuningViewModel viewModel;
    private final OnScreenFeed feed;
    private ScheduledExecutorService poll;
    private ClusterSession shown;
    private SshRemoteShell shell;

    public TuningScreen(ReadOnlyObjectProperty<Session> session, ShownFrames frames, Executor background, Supplier<Window> owner) {
        this.session = session;
        this.background = background;
        this.owner = owner;
        this.viewModel = new TuningViewModel(background, Platform::runLater, Clock.systemDefaultZone());
        // The latest measured failover is correlated only while the screen shows (issue 20).
        feed = new OnScreenFeed(frames, frame -> showMeasured(frames.timeline()));
    }

    /** Compares the prediction with the latest measured failover (pull → pods moving). */
    private void showMeasured(TimelineSnapshot timeline) {
        timeline.runs().stream().filter(r -> r.firstEviction() != null)
                .max(Comparator.comparing(FailoverRun::start))
                .ifPresent(r -> {
                    Duration measured = r.timeTo(r.firstEviction());
                    if (!measured.equals(viewModel.measuredFailoverProperty().get())) {
                        viewModel.measuredFailoverProperty().set(measured);
                    }
                });
    }

    /** The screen; call on the FX thread (MainWindow calls it on the first visit). */
    public Node view() {
        TuningView view = feed.whileShown(new TuningView(viewModel));
        follow();
        session.addListener((o, was, now) -> follow());
        poll = Background.timer("tuning-poll");
        poll.scheduleWithFixedDelay(() -> Platform.runLater(this::tick), POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
        return view;
    }

    private void tick() {
        if (viewModel.prePull().prePullingProperty().get()) {
            viewModel.prePull().refresh();
        }
    }

    private void follow() {
        ClusterSession current = session.get() == null ? null : session.get().cluster();
        if (current != shown) {
            shown = current;
            viewModel.connect(current == null ? null : new SessionTuningBackend(current, this::shell, targets(), Clock.systemUTC()));
        }
    }

    private synchronized RemoteShell shell() {
        if (shell == null) {
            shell = SshRemoteShell.forHome(home(), FxPrompts.hostKeys(owner)::trust, FxPrompts.passphrases(owner)::passphrase);
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
