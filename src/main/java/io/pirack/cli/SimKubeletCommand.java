package io.pirack.cli;

import io.pirack.core.validate.Hostname;
import io.pirack.sim.SimTimings;
import io.pirack.sim.StandaloneKubelet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pirack sim-kubelet --api URL --node NAME}: one fake Pi's kubelet as its own process. */
@Command(name = "sim-kubelet", description = "Run one simulated kubelet against a Kubernetes API (for lab setups).")
public final class SimKubeletCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--api", required = true, paramLabel = "URL", description = "API server URL, e.g. http://127.0.0.1:43121/")
    String api;

    @Option(names = "--node", required = true, paramLabel = "NAME", description = "Node name this kubelet serves.")
    String node;

    @Option(names = "--preset", defaultValue = "demo-tuned", description = "kubernetes-defaults or demo-tuned (default: ${DEFAULT-VALUE}).")
    String preset;

    @Override
    public Integer call() throws InterruptedException {
        var name = Hostname.parseSingleLabel(node);
        if (!name.isValid()) {
            spec.commandLine().getErr().println("pirack sim-kubelet: " + name.message());
            return 2;
        }
        SimTimings timings = SimTimings.byName(preset).orElse(null);
        if (timings == null) {
            spec.commandLine().getErr().println("pirack sim-kubelet: unknown preset '" + preset + "' (kubernetes-defaults, demo-tuned)");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // A real kubelet keeps trying when the API is slow or not up yet; so does this one (with back-off).
        try (StandaloneKubelet kubelet = StandaloneKubelet.connect(api, name.orThrow().value(), timings,
                StandaloneKubelet.Retry.KUBELET, line -> spec.commandLine().getErr().println("pirack sim-kubelet: " + line))) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            spec.commandLine().getOut().println("simulated kubelet for " + node + " running against " + api + " (Ctrl-C stops it)");
            stopped.await();
        }
        return 0;
    }
}
