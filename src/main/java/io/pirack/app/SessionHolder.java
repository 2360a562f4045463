package io.pirack.app;

import io.pirack.concurrent.Background;
import io.pirack.core.plug.PlugState;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.settings.Settings;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.kube.ClusterConnection;
import io.pirack.plug.PlugActionEvent;
import io.pirack.plug.PlugListener;
import io.pirack.sim.KubernetesVersion;
import io.pirack.sim.SimTimings;
import io.pirack.timeline.TimelineService;
import io.pirack.frames.FramePublisher;
import io.pirack.ui.common.FxPrompts;
import io.pirack.ui.shell.MainWindow;
import io.pirack.ui.shell.StatusViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the one current {@link Session}: opens connections off the FX thread with visible progress,
 * swaps in the new session once it is up (then closes the old one) and keeps the rack the session
 * draws, saving reordering to the rack file. Screens follow {@link #sessionProperty()}.
 */
public final class SessionHolder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHolder.class);

    private final AppPaths paths;
    private final AppSettings settings;
    private final ShownFrames shown;
    private final MainWindow window;
    private final StatusViewModel status;
    private final ExecutorService background;
    private java.util.function.BiConsumer<Path, java.util.List<JsonFileStore.Problem>> rackFileProblem = (file, problems) -> { };
    private final ExecutorService recordingIo = Background.newPool("pirack-recording", 1);
    private final Supplier<Window> owner;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    /** Read by the frame builder thread too. */
    private volatile RackSpec rackSpec;
    private volatile JsonFileStore<RackSpec> rackSpecStore;
    /** A reorder of the skeleton rack before the first session was attached; the session opens with it. */
    private volatile RackSpec reorderedWhileConnecting;
    private volatile boolean stopping;

    public SessionHolder(AppPaths paths, AppSettings settings, ShownFrames shown, MainWindow window, StatusViewModel status,
                         ExecutorService background, Supplier<Window> owner) {
        this.paths = paths;
        this.settings = settings;
        this.shown = shown;
        this.window = window;
        this.status = status;
        this.background = background;
        this.owner = owner;
    }

    /** The current session; null until the first connection is up. Changes on the FX thread. */
    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public Session current() {
        return session.get();
    }

    public ClusterSession cluster() {
        Session s = session.get();
        return s == null ? null : s.cluster();
    }

    public PlugService plugs() {
        Session s = session.get();
        return s == null ? null : s.plugs();
    }

    public TimelineService timeline() {
        Session s = session.get();
        return s == null ? null : s.timeline();
    }

    /** The rack as drawn (any thread). */
    public RackSpec rackSpec() {
        return rackSpec;
    }

    /** The failover timings of the current session (Kubernetes defaults before the first). */
    public FailoverSettings failoverSettings() {
        ClusterSession current = cluster();
        return current == null ? FailoverSettings.kubernetesDefaults() : failoverSettings(current);
    }

    /** Where the command line, or else the remembered settings, say to connect first. */
    public ClusterSession.Source initialSource(LaunchOptions options) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        ClusterSession.Source source = SessionSources.initialSource(paths, settings.get(), options, problems::add);
        if (!problems.isEmpty()) {
            realRack(); // the rack file is broken: its notice and the app's dialog
        }
        return source;
    }

    public ClusterSession.Source rehearsalSource() {
        return rehearsalSource(null, 0);
    }

    /**
     * The rehearsal rack as remembered (File → Rehearsal rack…), with the command line's
     * {@code --k8s-version} / {@code --time-scale} (null / 0 = not given) taking precedence.
     */
    public ClusterSession.Source rehearsalSource(String k8sVersion, double timeScale) {
        return SessionSources.rehearsalSource(paths, settings.get(), k8sVersion, timeScale);
    }

    /**
     * What File → Rehearsal rack… opens with: the remembered settings, with the running rehearsal rack's
     * release and speed when on it (they may come from the command line).
     */
    public Settings.Rehearsal rehearsalSettings() {
        Settings.Rehearsal remembered = settings.get().rehearsal();
        ClusterSession current = cluster();
        if (current == null || current.rehearsal().isEmpty()) {
            return remembered;
        }
        var rack = current.rehearsal().get();
        Settings.SimPreset preset = java.util.Arrays.stream(Settings.SimPreset.values())
                .filter(p -> p.id().equals(rack.timings().name())).findFirst().orElse(remembered.preset());
        return new Settings.Rehearsal(preset, remembered.pis(), rack.clock().scale(), rack.timings().version().shortName());
    }

    /** Remembers new rehearsal rack settings; on the rehearsal rack, restarts it with them. */
    public void applyRehearsal(Settings.Rehearsal chosen) {
        settings.update(s -> s.withRehearsal(chosen));
        if (onRehearsalRack()) {
            connect(rehearsalSource());
        }
    }

    /** Whether the current session is the rehearsal rack. */
    public boolean onRehearsalRack() {
        ClusterSession current = cluster();
        return current != null && current.rehearsal().isPresent();
    }

    /** Told (on the calling thread) when the rack file cannot be used: the app shows {@link RackFileDialog}. */
    public void onRackFileProblem(java.util.function.BiConsumer<Path, java.util.List<JsonFileStore.Problem>> handler) {
        this.rackFileProblem = handler;
    }

    /** The real rack from the rack file; a problem reading it becomes the notice and the app's dialog. */
    public RackSpec realRack() {
        JsonFileStore.Loaded<RackSpec> loaded = SessionSources.realRackStore(paths).load();
        if (loaded.problem() != null) {
            status.noticeProperty().set(loaded.problem());
            rackFileProblem.accept(paths.rackFile(), loaded.problems());
        }
        return loaded.value();
    }

    /** Opens a session off the FX thread with visible progress; the old one closes once the new one is up. */
    public void connect(ClusterSession.Source source) {
        connect(source, null);
    }

    /**
     * Like {@link #connect(ClusterSession.Source)}, with the session already opening since before
     * JavaFX started ({@code opening} completes with it, or with why it could not open).
     */
    void connect(ClusterSession.Source source, CompletableFuture<ClusterSession> opening) {
        window.setBusy(source instanceof ClusterSession.Rehearsal ? "Starting the rehearsal rack…" : "Connecting to " + source.describe() + "…");
        shown.showSkeleton(skeleton(source));
        // The skeleton can be reordered before the session is up: that order goes to this source's file, and
        // the session opens with it (see attach).
        rackSpecStore = source instanceof ClusterSession.Rehearsal ? SessionSources.rehearsalRackStore(paths, settings.get()) : SessionSources.realRackStore(paths);
        reorderedWhileConnecting = null;
        background.execute(() -> {
            try {
                ClusterSession opened = opening == null ? ClusterSession.open(source) : opened(opening);
                Platform.runLater(() -> attach(opened));
            } catch (ClusterConnection.KubeconfigException | RuntimeException e) {
                LOG.warn("could not connect to {}: {}", source.describe(), e.getMessage());
                if (stopping) {
                    return;
                }
                Platform.runLater(() -> {
                    window.setBusy("");
                    status.noticeProperty().set("Could not connect to " + source.describe() + ": " + e.getMessage());
                    if (session.get() == null && !(source instanceof ClusterSession.Rehearsal)) {
                        connect(rehearsalSource());
                    }
                });
            }
        });
    }

    private static ClusterSession opened(CompletableFuture<ClusterSession> opening) throws ClusterConnection.KubeconfigException {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ClusterConnection.KubeconfigException k) {
                throw k;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The rack as last saved, every Kubernetes LED "unknown" until the first list arrives. */
    private static io.pirack.core.rack.RackFrame skeleton(ClusterSession.Source source) {
        RackSpec spec = source instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) source).rack();
        java.time.Instant now = java.time.Instant.now();
        return new io.pirack.core.rack.RackFrame(io.pirack.core.cluster.ClusterSnapshot.empty(source.describe(),
                new io.pirack.core.cluster.ApiStatus.Connecting(now)), java.util.Map.of(), spec, java.util.Map.of(), now);
    }

    private void attach(ClusterSession opened) {
        if (stopping) {
            // The app was closed while this session was starting: nothing will show it.
            opened.close();
            return;
        }
        Session previous = session.get();
        rackSpec = opened.source() instanceof ClusterSession.Rehearsal r ? r.rack() : ((ClusterSession.Kubeconfig) opened.source()).rack();
        RackSpec reordered = reorderedWhileConnecting;
        if (reordered != null && sameHosts(reordered, rackSpec)) {
            rackSpec = reordered;
        }
        reorderedWhileConnecting = null;
        PlugService plugs = new PlugService(opened, this::rackSpec, FxPrompts.hostKeys(owner)::trust, FxPrompts.passphrases(owner)::passphrase);
        FramePublisher publisher = new FramePublisher(opened.store(), opened.links(), this::rackSpec, plugs::stateWords, Platform::runLater);
        plugs.addListener(new PlugListener() {
            @Override
            public void plugStateChanged(String node, PlugState state) {
                publisher.signal();
            }

            @Override
            public void plugAction(PlugActionEvent event) {
                publisher.signal();
            }
        });
        // A pull on a lossy Pi is slow, not stuck: say so while it connects again.
        plugs.onSlowConnect(message -> Platform.runLater(() -> status.noticeProperty().set(message)));
        plugs.refreshAll();
        FailoverSettings failover = failoverSettings(opened);
        TimelineService timeline = TimelineService.recording(failover, opened.clock(), paths.recordingsDir(), opened.source().describe(), recordingIo);
        Drill.connect(opened, plugs, timeline);
        timeline.listener().tuningApplied(failover, opened.clock().instant());
        if (previous != null) {
            previous.timeline().close();
        }
        rackSpecStore = opened.source() instanceof ClusterSession.Rehearsal ? SessionSources.rehearsalRackStore(paths, settings.get()) : SessionSources.realRackStore(paths);
        session.set(new Session(opened, publisher, plugs, timeline));
        shown.showLive(publisher, timeline::snapshot);
        // The store's listeners (the timeline, the frames) are attached: what the informers deliver is heard
        // the same from any thread; creating them is not FX work (issue 20).
        StartupMarks.stepIfAsked("attached");
        background.execute(() -> {
            opened.start();
            StartupMarks.stepIfAsked("informers-started");
        });
        window.setBusy("");
        if (opened.source() instanceof ClusterSession.Kubeconfig k) {
            settings.update(s -> s.withCluster(Settings.Cluster.kubeconfig(k.file().toString(), k.context())));
        } else {
            settings.update(s -> s.withCluster(s.cluster().onRehearsalRack()));
        }
        if (previous != null) {
            previous.publisher().close();
            background.execute(() -> {
                previous.plugs().close();
                previous.cluster().close();
            });
        }
    }

    /** The rack was reordered on screen: draw it so at once, save it in the background. */
    public void saveRackOrder(RackSpec reordered) {
        rackSpec = reordered;
        JsonFileStore<RackSpec> store = rackSpecStore;
        Session current = session.get();
        if (current != null) {
            current.publisher().signal();
        } else {
            reorderedWhileConnecting = reordered;
        }
        if (store == null) {
            return;
        }
        store.saveInBackground(reordered, background, "the rack order",
                problem -> Platform.runLater(() -> status.noticeProperty().set(problem)));
    }

    /** Called once a second: closes timeline runs that have gone quiet and asks unplugged Pis whether they are back. */
    public void tick() {
        TimelineService current = timeline();
        if (current != null) {
            current.tick();
        }
        PlugService currentPlugs = plugs();
        if (currentPlugs != null) {
            currentPlugs.pollUnplugged();
        }
    }

    static FailoverSettings failoverSettings(ClusterSession session) {
        if (session.source() instanceof ClusterSession.Rehearsal r) {
            SimTimings t = r.timings();
            return t.failoverSettings(Duration.ofMinutes(10));
        }
        return FailoverSettings.kubernetesDefaults();
    }

    /** Marks the app as stopping: a session still opening is closed when it arrives. */
    public void stopping() {
        stopping = true;
    }

    @Override
    public void close() {
        stopping = true;
        Session current = session.get();
        if (current != null) {
            current.publisher().close();
            current.timeline().close();
            current.plugs().close();
            current.cluster().close();
        }
        recordingIo.shutdown();
    }

    private static boolean sameHosts(RackSpec a, RackSpec b) {
        return a.slots().stream().map(io.pirack.core.rack.PiSlot::hostname).sorted().toList()
                .equals(b.slots().stream().map(io.pirack.core.rack.PiSlot::hostname).sorted().toList());
    }
}
