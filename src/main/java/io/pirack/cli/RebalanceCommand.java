package io.pirack.cli;

import io.pirack.app.AppPaths;
import io.pirack.app.ClusterSession;
import io.pirack.app.JsonFileStore;
import io.pirack.core.booth.Spread;
import io.pirack.core.booth.VisitorPolicy;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.kube.ClusterConnection;
import io.pirack.kube.RolloutRestart;
import io.pirack.sim.SimTimings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirack rebalance}: spread the demo's pods over the Pis again after pulls, by a rollout
 * restart of each demo Deployment whose pods are uneven (what the booth does between visitors).
 * Exit 0 when the spread is even, 1 when it could not be made even, 2 for bad input.
 */
@Command(name = "rebalance", mixinStandardHelpOptions = true,
        description = "Rollout-restart the demo Deployments whose pods are unevenly spread, and wait until they are even.")
public final class RebalanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    PiRackCommand.ClusterOptions cluster = new PiRackCommand.ClusterOptions();

    @Option(names = "--wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "How long to wait for the spread to become even (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--dry-run", description = "Only show the spread and what would be restarted.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (waitSeconds < 1 || waitSeconds > 3600) {
            err.println("pirack rebalance: --wait must be between 1 and 3600 seconds");
            return 2;
        }
        boolean sim = cluster.sim || (cluster.context == null && cluster.kubeconfig == null);
        ClusterSession.Source source;
        if (sim) {
            source = new ClusterSession.Rehearsal(RackSpec.rehearsal(4), SimTimings.demoTuned(), 4);
        } else {
            RackSpec rack = new JsonFileStore<>(AppPaths.detect().rackFile(), RackSpec.class,
                    () -> new RackSpec("My rack", List.of(), "192.168.2.0/24", PlugMethod.STOP_AGENT, null,
                            RackSpec.DEFAULT_DEAD_MAN_SECONDS), Clock.systemUTC()).load().value();
            Path kubeconfig = cluster.kubeconfig != null ? cluster.kubeconfig : ClusterConnection.defaultKubeconfig();
            source = new ClusterSession.Kubeconfig(kubeconfig, cluster.context, rack);
        }
        Duration wait = Duration.ofSeconds(waitSeconds);
        try (ClusterSession session = ClusterSession.open(source)) {
            session.start();
            ClusterSnapshot seen;
            try {
                seen = session.store().await(s -> s.api().isLive() && !Spread.demoDeployments(s).isEmpty()
                        && VisitorPolicy.recovered(s), wait, "the demo Deployments, settled");
            } catch (TimeoutException e) {
                ClusterSnapshot last = session.store().snapshot();
                err.println("pirack rebalance: " + (Spread.demoDeployments(last).isEmpty()
                        ? "no demo Deployments found (Deployments outside the kube-* namespaces)"
                        : "a Pi is down or pods are still moving; rebalance after the failover recovered")
                        + " (" + last.api().describe() + ")");
                return 1;
            }
            Spread.describe(seen).forEach(line -> out.println("before: " + line));
            List<Spread.DeploymentRef> uneven = Spread.uneven(seen);
            if (uneven.isEmpty()) {
                out.println("Already even: nothing to restart.");
                return 0;
            }
            if (dryRun) {
                out.println("Would restart: " + uneven);
                return 0;
            }
            RolloutRestart.Outcome outcome = new RolloutRestart(session.client(), Clock.systemDefaultZone()).restart(uneven);
            outcome.restarted().forEach(d -> out.println("Restarted " + d + " (" + RolloutRestart.ANNOTATION + ")"));
            outcome.problems().forEach(p -> err.println("pirack rebalance: " + p));
            out.flush();
            if (outcome.restarted().isEmpty()) {
                return 1;
            }
            try {
                ClusterSnapshot even = session.store().await(Spread::isEven, wait, "an even spread");
                Spread.describe(even).forEach(line -> out.println("after: " + line));
                return outcome.problems().isEmpty() ? 0 : 1;
            } catch (TimeoutException e) {
                Spread.describe(session.store().snapshot()).forEach(line -> out.println("now: " + line));
                err.println("pirack rebalance: still not even after " + waitSeconds + " s");
                return 1;
            }
        } catch (ClusterConnection.KubeconfigException e) {
            err.println("pirack rebalance: " + e.getMessage());
            return 2;
        }
    }
}
