package io.pirack.cli;

import io.pirack.app.AppPaths;
import io.pirack.core.rack.RackSpec;
import io.pirack.core.validate.Ipv4Address;
import io.pirack.sim.RehearsalRack;
import io.pirack.sim.SimClock;
import io.pirack.sim.SimTimings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pirack rehearse}: the rehearsal rack as a headless API server that kubectl, PiRack on another
 * machine or a virtual Pi lab can use. Writes a kubeconfig, says how to use it, runs until Ctrl-C.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "Run the rehearsal rack as a Kubernetes API server (for kubectl and other tools) until Ctrl-C.")
public final class RehearseCommand implements Callable<Integer> {

    static final int USAGE = 2;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RehearsalOptions rehearsal = new RehearsalOptions();

    @Option(names = "--port", defaultValue = "0", paramLabel = "P",
            description = "API port (default: any free port, printed at start).")
    int port;

    @Option(names = "--address", defaultValue = "127.0.0.1", paramLabel = "A",
            description = "Listen on this address of this machine (default: ${DEFAULT-VALUE}, this machine only).")
    String address;

    @Option(names = "--kubeconfig-out", paramLabel = "FILE",
            description = "Where to write the kubeconfig (default: rehearsal-kubeconfig.yaml in PiRack's data folder).")
    Path kubeconfigOut;

    @Option(names = "--pis", defaultValue = "4", paramLabel = "N", description = "Pis in the rack, 1–100 (default: ${DEFAULT-VALUE}).")
    int pis;

    @Option(names = "--tuning", defaultValue = "demo", paramLabel = "PRESET",
            description = "Timings: demo or defaults (default: ${DEFAULT-VALUE}).")
    String tuning;

    @Option(names = "--workload", paramLabel = "NAME",
            description = "Add a rehearsal workload: amd64-only (Deployment demo/report whose image has no arm64 build;"
                    + " its pods fail with ErrImagePull, then ImagePullBackOff, as on real Pis).")
    String workload;

    @Option(names = "--external-kubelets",
            description = "Simulate no kubelets: every Pi's kubelet runs elsewhere (pirack sim-kubelet, the virtual Pi lab).")
    boolean externalKubelets;

    /** Counted down to stop the server (Ctrl-C does it through a shutdown hook). */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Completed with the API URL once the rack serves; for tests and embedding. */
    final CompletableFuture<String> serving = new CompletableFuture<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String problem = validate().orElse(null);
        InetAddress bind = problem == null ? bindAddress(address).orElse(null) : null;
        if (problem == null && bind == null) {
            problem = "--address must be an IP address of this machine, not '" + address + "'";
        }
        if (problem != null) {
            err.println("pirack rehearse: " + problem);
            serving.completeExceptionally(new IllegalArgumentException(problem));
            return USAGE;
        }
        SimTimings timings = rehearsal.apply(SimTimings.byName(tuning).orElseThrow());
        Path kubeconfig = kubeconfigOut != null ? kubeconfigOut : AppPaths.detect().dataDir().resolve("rehearsal-kubeconfig.yaml");
        RehearsalRack rack;
        try {
            rack = RehearsalRack.start(RackSpec.rehearsal(pis), timings, SimClock.realTime(rehearsal.timeScale()),
                    rackOptions().at(bind, port));
        } catch (UncheckedIOException e) {
            String why = e.getCause() instanceof java.net.BindException
                    ? "port " + port + " on " + address + " is in use" : e.getMessage();
            err.println("pirack rehearse: " + why);
            serving.completeExceptionally(e);
            return USAGE;
        }
        Thread hook = new Thread(() -> {
            stop.countDown();
        }, "rehearse-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (rack) {
            writeKubeconfig(kubeconfig, rack.apiUrl());
            out.println("Rehearsal rack: " + pis + " Pis, " + timings.name() + " timings, Kubernetes "
                    + timings.version().shortName() + ", " + rehearsal.timeScale() + "× speed");
            out.println("API: " + rack.apiUrl());
            if (workload != null) {
                out.println("Image registry: " + rack.registryHost() + " (demo/report uses " + rack.amd64OnlyImage()
                        + ", which has no arm64 build; pirack images check suggests the fix)");
            }
            out.println("kubeconfig: " + kubeconfig);
            out.println();
            out.println("  export KUBECONFIG=" + kubeconfig);
            out.println("  kubectl get nodes");
            out.println("  kubectl get pods -A -o wide -w");
            out.println("  pirack --kubeconfig " + kubeconfig);
            out.println();
            out.println("Ctrl-C stops the rack.");
            out.flush();
            serving.complete(rack.apiUrl());
            stop.await();
            return 0;
        } catch (IOException e) {
            err.println("pirack rehearse: cannot write " + kubeconfig + ": " + e.getMessage());
            serving.completeExceptionally(e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook has run
            }
        }
    }

    private RehearsalRack.Options rackOptions() {
        RehearsalRack.Options defaults = RehearsalRack.Options.defaults();
        if ("amd64-only".equals(workload)) {
            defaults = defaults.withAmd64OnlyWorkload();
        }
        if (!externalKubelets) {
            return defaults;
        }
        java.util.Set<String> all = new java.util.HashSet<>();
        RackSpec.rehearsal(pis).slots().forEach(slot -> all.add(slot.hostname()));
        return new RehearsalRack.Options(defaults.demoReplicas(), defaults.imagesPrePulled(), all, defaults.seed(), defaults.port(),
                defaults.address(), defaults.amd64OnlyWorkload());
    }

    private Optional<String> validate() {
        if (pis < 1 || pis > 100) {
            return Optional.of("--pis must be 1–100, not " + pis);
        }
        if (port < 0 || port > 65535) {
            return Optional.of("--port must be 0–65535, not " + port);
        }
        if (workload != null && !"amd64-only".equals(workload)) {
            return Optional.of("--workload must be amd64-only, not '" + workload + "'");
        }
        if (SimTimings.byName(tuning).isEmpty()) {
            return Optional.of("--tuning must be demo or defaults, not '" + tuning + "'");
        }
        return rehearsal.problem();
    }

    /** A literal IP address configured on one of this machine's interfaces (never the wildcard). */
    static Optional<InetAddress> bindAddress(String text) {
        InetAddress candidate;
        try {
            if (Ipv4Address.parse(text).isValid()) {
                candidate = InetAddress.getByName(text);
            } else if (text.contains(":") && text.matches("[0-9A-Fa-f:.%\\[\\]a-z0-9]+")) {
                candidate = InetAddress.getByName(text.replace("[", "").replace("]", ""));
            } else {
                return Optional.empty();
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        if (candidate.isAnyLocalAddress()) {
            return Optional.empty();
        }
        try {
            return candidate.isLoopbackAddress() || NetworkInterface.getByInetAddress(candidate) != null
                    ? Optional.of(candidate) : Optional.empty();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    static void writeKubeconfig(Path file, String apiUrl) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: pirack-rehearsal
                  cluster:
                    server: %s
                users:
                - name: pirack-rehearsal
                  user: {}
                contexts:
                - name: pirack-rehearsal
                  context:
                    cluster: pirack-rehearsal
                    user: pirack-rehearsal
                    namespace: demo
                current-context: pirack-rehearsal
                """.formatted(apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl);
        Path temp = Files.createTempFile(parent, "kubeconfig", ".tmp");
        Files.writeString(temp, text);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
