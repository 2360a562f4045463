package io.pirack.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lab's API server: {@code pirack rehearse --address 10.77.0.1 --port 6443 --external-kubelets} as its
 * own process, the same command a person runs by hand. Its control plane is simulated; every node's
 * kubelet is a lab Pi's {@code sim-kubelet}, so a Pi that cannot reach the bridge address really stops
 * heartbeating.
 */
final class LabApi implements AutoCloseable {

    /** The port a real API server listens on; the lab bridge address is new, so it is free there. */
    static final int PORT = 6443;

    private final Process process;
    private final Path output;

    private LabApi(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts the API on the bridge (which must exist) and waits until it serves. */
    static LabApi start(int pis, Path kubeconfig) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(VirtualLab.pirackCommand().split(" ")));
        command.addAll(List.of("rehearse", "--address", VirtualLab.GATEWAY, "--port", Integer.toString(PORT),
                "--pis", Integer.toString(pis), "--tuning", "demo", "--external-kubelets",
                "--kubeconfig-out", kubeconfig.toString()));
        Files.createDirectories(VirtualLab.LOGS);
        Path output = VirtualLab.LOGS.resolve("rehearse.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        LabApi api = new LabApi(process, output);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.readString(output).contains("API: ")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                api.close();
                throw new IOException("pirack rehearse did not start serving: " + Files.readString(output).strip());
            }
            Thread.sleep(100);  // waiting for another process's output, nothing to sync with
        }
        return api;
    }

    /** The API URL the Pis and PiRack use: the bridge address, never loopback. */
    static String url() {
        return "http://" + VirtualLab.GATEWAY + ":" + PORT + "/";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();  // SIGTERM: rehearse stops through its shutdown hook
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
