package io.pirack.app;

import io.pirack.core.rack.RackSpec;
import io.pirack.core.settings.Settings;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.KubernetesVersion;
import io.pirack.sim.SimTimings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where a session connects, from the command line and the saved files alone (no JavaFX, no session):
 * {@link EarlyStart} asks before JavaFX starts, {@link SessionHolder} afterwards. Also the two rack
 * files a session draws: the real rack's and the rehearsal rack's.
 */
final class SessionSources {

    private SessionSources() {
    }

    /**
     * Where to connect first, from the files alone (no JavaFX): the app calls it before JavaFX has
     * started, so the rehearsal rack or the informers start in parallel with the window.
     */
    static ClusterSession.Source initialSource(AppPaths paths, Settings remembered, LaunchOptions options, Consumer<String> notice) {
        if (options.sim()) {
            return rehearsalSource(paths, remembered, options.k8sVersion(), options.timeScale());
        }
        if (options.context() != null || options.kubeconfig() != null) {
            Path file = options.kubeconfig() != null ? options.kubeconfig() : ClusterConnection.defaultKubeconfig();
            return new ClusterSession.Kubeconfig(file, options.context(), realRack(paths, notice));
        }
        Settings.Cluster saved = remembered.cluster();
        if (saved.source() == Settings.Source.KUBECONFIG) {
            Path file = saved.kubeconfig() != null ? Path.of(saved.kubeconfig()) : ClusterConnection.defaultKubeconfig();
            return new ClusterSession.Kubeconfig(file, saved.context(), realRack(paths, notice));
        }
        return rehearsalSource(paths, remembered, null, 0);
    }

    static ClusterSession.Source rehearsalSource(AppPaths paths, Settings settings, String k8sVersion, double timeScale) {
        Settings.Rehearsal remembered = settings.rehearsal();
        String version = k8sVersion != null ? k8sVersion : remembered.k8sVersion();
        SimTimings timings = SimTimings.byName(remembered.preset().id()).orElse(SimTimings.demoTuned())
                .withVersion(version == null ? KubernetesVersion.newest() : KubernetesVersion.parse(version).orElse(KubernetesVersion.newest()));
        return new ClusterSession.Rehearsal(rehearsalRackStore(paths, settings).load().value(), timings,
                timeScale > 0 ? timeScale : remembered.timeScale());
    }

    /** The same without JavaFX (before the window exists): the problem goes to {@code notice} only. */
    static RackSpec realRack(AppPaths paths, Consumer<String> notice) {
        JsonFileStore.Loaded<RackSpec> loaded = realRackStore(paths).load();
        if (loaded.problem() != null) {
            notice.accept(loaded.problem());
        }
        return loaded.value();
    }

    static JsonFileStore<RackSpec> rehearsalRackStore(AppPaths paths, Settings remembered) {
        return RackFiles.store(paths.dataDir().resolve("rehearsal-rack.json"),
                () -> RackSpec.rehearsal(remembered.rehearsal().pis()), Clock.systemUTC());
    }

    static JsonFileStore<RackSpec> realRackStore(AppPaths paths) {
        return RackFiles.store(paths.rackFile(), RackSpec::empty, Clock.systemUTC());
    }
}
