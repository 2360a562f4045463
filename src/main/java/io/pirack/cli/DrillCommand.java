package io.pirack.cli;

import io.pirack.concurrent.Background;
import io.pirack.app.AppPaths;
import io.pirack.app.ClusterSession;
import io.pirack.app.Drill;
import io.pirack.app.PlugService;
import io.pirack.core.cluster.NodeRole;
import io.pirack.core.rack.PiSlot;
import io.pirack.core.rack.PlugMethod;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.timeline.FailoverSettings;
import io.pirack.core.timeline.RunReport;
import io.pirack.core.validate.Hostname;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimTimings;
import io.pirack.ssh.HostKeyPrompt;
import io.pirack.ssh.PassphrasePrompt;
import io.pirack.timeline.TimelineExport;
import io.pirack.timeline.TimelineService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirack drill}: pull the plug, wait for recovery, restore, and print the run — how a
 * presenter checks the demo's timing from a terminal. Exit 0 when every pod Kubernetes moves is Ready elsewhere
 * (StatefulSet and DaemonSet pods staying on the pulled Pi are expected and printed as such) or the Pi held
 * nothing to move; 1 for a halted eviction or a real failure.
 */
@Command(name = "drill", description = "Pull a plug, watch the failover, restore, and print the timings.")
public final class DrillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @CommandLine.Mixin
    PiRackCommand.ClusterOptions cluster = new PiRackCommand.ClusterOptions();

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "The Pi to unplug.")
    String node;

    @Option(names = "--strategy", paramLabel = "METHOD",
            description = "sim, stop-agent, api-partition, usb-power or turing-pi (default: the rack's choice).")
    String strategy;

    @Option(names = "--tuning", defaultValue = "demo", paramLabel = "PRESET",
            description = "Rehearsal rack timings: defaults or demo (default: ${DEFAULT-VALUE}).")
    String tuning;

    @CommandLine.Mixin
    RehearsalOptions rehearsalOptions = new RehearsalOptions();

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Give up after this many (cluster) seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--json", description = "Print the run as JSON.")
    boolean json;

    @Option(names = "--force-statefulset",
            description = "Once the Pi is NotReady, give it the node.kubernetes.io/out-of-service taint so its "
                    + "StatefulSet pods move too (only for a Pi that is really off); removed after it is back.")
    boolean forceStatefulSet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var name = Hostname.parseSingleLabel(node);
        if (!name.isValid()) {
            err.println("pirack drill: " + name.message());
            return 2;
        }
        SimTimings timings = SimTimings.byName(tuning).orElse(null);
        if (timings == null) {
            err.println("pirack drill: unknown --tuning '" + tuning + "' (defaults, demo)");
            return 2;
        }
        if (rehearsalOptions.problem().isPresent()) {
            err.println("pirack drill: " + rehearsalOptions.problem().get());
            return 2;
        }
        timings = rehearsalOptions.apply(timings);
        if (timeoutSeconds < 10) {
            err.println("pirack drill: --timeout must be at least 10 seconds");
            return 2;
        }
        PlugMethod method = null;
        if (strategy != null) {
            method = PlugMethod.byId(strategy).orElse(null);
            if (method == null) {
                err.println("pirack drill: unknown --strategy '" + strategy + "' (sim, stop-agent, api-partition, usb-power, turing-pi)");
                return 2;
            }
        }
        boolean sim = cluster.sim || (cluster.context == null && cluster.kubeconfig == null);
        if (sim && method != null && method != PlugMethod.SIMULATED_POWER) {
            err.println("pirack drill: the rehearsal rack can only be unplugged with --strategy sim");
            return 2;
        }
        ClusterSession.Source source;
        RackSpec[] rack = new RackSpec[1];
        FailoverSettings settings;
        // The dead-man restore must not end the drill before Kubernetes has had its chance.
        int deadMan = (int) Math.max(RackSpec.DEFAULT_DEAD_MAN_SECONDS, timeoutSeconds + 60);
        if (sim) {
            RackSpec rehearsal = RackSpec.rehearsal(4);
            rack[0] = new RackSpec(rehearsal.name(), rehearsal.slots(), rehearsal.subnet(), rehearsal.defaultPlugMethod(),
                    rehearsal.turingPiUrl(), deadMan);
            source = new ClusterSession.Rehearsal(rack[0], timings, rehearsalOptions.timeScale());
            settings = timings.failoverSettings(Duration.ofSeconds(timeoutSeconds));
        } else {
            AppPaths paths = AppPaths.detect();
            RackSpec saved = SavedFiles.rack();
            PlugMethod chosen = method;
            saved = new RackSpec(saved.name(), saved.slots(), saved.subnet(), saved.defaultPlugMethod(), saved.turingPiUrl(),
                    Math.max(saved.deadManSeconds(), deadMan));
            rack[0] = chosen == null ? saved : Drill.withMethod(saved, name.orThrow().value(), chosen,
                    () -> PiSlot.of(name.orThrow().value(), NodeRole.WORKER));
            Path kubeconfig = cluster.kubeconfig != null ? cluster.kubeconfig : ClusterConnection.defaultKubeconfig();
            source = new ClusterSession.Kubeconfig(kubeconfig, cluster.context, rack[0]);
            settings = FailoverSettings.kubernetesDefaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
        }
        try (ClusterSession session = ClusterSession.open(source);
             PlugService plugs = new PlugService(session, () -> rack[0], Executors.newCachedThreadPool(Background.daemon("drill-plug")),
                     HostKeyPrompt.REFUSE, PassphrasePrompt.NONE);
             TimelineService timeline = TimelineService.unrecorded(settings, session.clock())) {
            Drill.connect(session, plugs, timeline);
            session.start();
            Drill.Result result = new Drill(session, plugs, timeline, line -> {
                if (!json) {
                    err.println("drill: " + line);
                }
            }).run(name.orThrow().value(), settings, Duration.ofSeconds(timeoutSeconds), forceStatefulSet);
            if (result.run() != null) {
                out.println(json ? TimelineExport.runJson(result.run()) : RunReport.text(result.run()));
            }
            out.flush();
            if (!result.recovered()) {
                err.println("pirack drill: " + result.reason());
                return 1;
            }
            if (!json) {
                err.println("drill: " + result.reason());
            }
            return 0;
        } catch (ClusterConnection.KubeconfigException e) {
            err.println("pirack drill: " + e.getMessage());
            return 2;
        }
    }
}
