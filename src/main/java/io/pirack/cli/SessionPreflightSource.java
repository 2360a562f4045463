package io.pirack.cli;

import io.pirack.app.AppPaths;
import io.pirack.app.ClusterSession;
import io.pirack.app.SessionTuningBackend;
import io.pirack.app.TuningScreen;
import io.pirack.core.images.ImageVerdict;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.images.ImageArchitectureService;
import io.pirack.images.PlatformCache;
import io.pirack.images.RegistryClient;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import io.pirack.ssh.SshRemoteShell;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Gathers the preflight inputs from the cluster the command line names: the rehearsal rack with
 * {@code --sim}, else the kubeconfig ({@code --kubeconfig}, {@code --context}) with the saved rack
 * for SSH. Uses the same {@link SessionTuningBackend} as the Tuning screen.
 */
public final class SessionPreflightSource implements PreflightSource {

    /** Rehearsal rack size for {@code --sim}: the same four Pis as the app's default rehearsal rack. */
    static final int SIM_PIS = 4;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    @Override
    public PreflightInputs gather(PiRackCommand.ClusterOptions cluster) throws PreflightUnavailableException {
        ClusterSession.Source source = cluster.sim
                ? new ClusterSession.Rehearsal(RackSpec.rehearsal(SIM_PIS), SimTimings.demoTuned(), 1)
                : new ClusterSession.Kubeconfig(cluster.kubeconfig != null ? cluster.kubeconfig : ClusterConnection.defaultKubeconfig(),
                        cluster.context, savedRack());
        ClusterSession session;
        try {
            session = ClusterSession.open(source);
        } catch (ClusterConnection.KubeconfigException | RuntimeException e) {
            throw new PreflightUnavailableException("could not connect to " + source.describe() + ": " + e.getMessage());
        }
        ConsolePrompts prompts = new ConsolePrompts();
        SshRemoteShell[] shell = new SshRemoteShell[1];
        try (session) {
            session.start();
            int nodes = cluster.sim ? SIM_PIS : 1;
            session.store().await(s -> s.api().isLive() && s.nodes().size() >= nodes, CONNECT_TIMEOUT,
                    "the cluster API of " + source.describe());
            SessionTuningBackend backend = new SessionTuningBackend(session, () -> {
                if (shell[0] == null) {
                    shell[0] = SshRemoteShell.forHome(Path.of(System.getProperty("user.home")), prompts, prompts);
                }
                return shell[0];
            }, TuningScreen.targets(), Clock.systemUTC());
            PreflightInputs inputs = backend.preflightInputs(List.of());
            return inputs.withImageArchitecture(imageArchitecture(session));
        } catch (TimeoutException e) {
            throw new PreflightUnavailableException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreflightUnavailableException("interrupted");
        } catch (Exception e) {
            throw new PreflightUnavailableException("could not read " + source.describe() + ": " + e.getMessage());
        } finally {
            if (shell[0] != null) {
                shell[0].close();
            }
        }
    }

    /** The image-architecture item's input: the same check as {@code pirack images check}, offline falling back to the cache. */
    static List<ImageVerdict> imageArchitecture(ClusterSession session) {
        PlatformCache cache = new PlatformCache(AppPaths.detect().dataDir().resolve("image-platforms.json"));
        return new ImageArchitectureService(session.client(), credentials -> RegistryClient.standard(credentials, Clock.systemUTC()), cache)
                .check(List.of(), List.of()).verdicts();
    }

    private static RackSpec savedRack() {
        return SavedFiles.rack();
    }
}
