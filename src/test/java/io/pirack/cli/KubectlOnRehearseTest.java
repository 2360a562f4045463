package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.kube.ClusterConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real kubectl against {@code pirack rehearse}: discovery, server-side tables, field selectors,
 * a streamed watch and a strategic-merge patch all have to be right for these commands to print the
 * rows a presenter expects. On CI ({@code CI=true}) a missing kubectl fails the test; .ci/run installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlOnRehearseTest {

    @TempDir
    static Path dir;

    private RehearseCommand command;
    private Thread server;
    private Path kubeconfig;
    private String apiUrl;

    @BeforeAll
    void startRack() throws Exception {
        boolean present = kubectlPresent();
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("kubectl is missing on CI: .ci/run installs Debian's kubernetes-client");
        }
        Assumptions.assumeTrue(present, "kubectl is not installed here");
        kubeconfig = dir.resolve("kubeconfig.yaml");
        command = new RehearseCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        server = new Thread(() -> commandLine.execute("--kubeconfig-out", kubeconfig.toString(), "--time-scale", "4"), "rehearse");
        server.start();
        apiUrl = command.serving.get(90, TimeUnit.SECONDS);
        try (KubernetesClient client = ClusterConnection.forUrl(apiUrl)) {
            client.pods().inNamespace("demo").withLabel("app", "hello")
                    .informOnCondition(pods -> pods.size() == 6).get(90, TimeUnit.SECONDS);
        }
        // kubectl wait is itself a list + streamed watch with a label selector.
        Result ready = kubectl("wait", "--for=condition=Ready", "pod", "-l", "app=hello", "-n", "demo", "--timeout=60s");
        assertEquals(0, ready.exit(), ready.text());
    }

    @AfterAll
    void stopRack() throws InterruptedException {
        if (command != null) {
            command.stop.countDown();
            server.join(TimeUnit.SECONDS.toMillis(20));
        }
    }

    @Test
    void getNodesListsEveryPiWithStatusAndRole() throws Exception {
        Result r = kubectl("get", "nodes");
        assertEquals(0, r.exit(), r.text());
        List<String> lines = r.text().lines().toList();
        assertTrue(lines.get(0).matches("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION"), r.text());
        assertTrue(lines.stream().anyMatch(l -> l.matches("rpi1\\s+Ready\\s+control-plane\\s+\\S+\\s+v1\\.34\\.\\d+")), r.text());
        for (String worker : List.of("rpi2", "rpi3", "rpi4")) {
            assertTrue(lines.stream().anyMatch(l -> l.matches(worker + "\\s+Ready\\s+<none>\\s+.*")), r.text());
        }
    }

    @Test
    void getPodsWideShowsEveryNamespaceWithNodeAndIp() throws Exception {
        Result r = kubectl("get", "pods", "-A", "-o", "wide");
        assertEquals(0, r.exit(), r.text());
        assertTrue(r.text().lines().findFirst().orElseThrow().matches(
                "NAMESPACE\\s+NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES"), r.text());
        long helloRows = r.text().lines()
                .filter(l -> l.matches("demo\\s+hello-\\S+\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+10\\.42\\.\\d+\\.\\d+\\s+rpi[234]\\s+.*"))
                .count();
        assertEquals(6, helloRows, r.text());
        assertTrue(r.text().lines().anyMatch(l -> l.matches("kube-system\\s+kube-apiserver-rpi1\\s+.*rpi1\\s+.*")), r.text());
    }

    @Test
    void describeNodeShowsItsPodsAndSystemInfo() throws Exception {
        Result r = kubectl("describe", "node", "rpi3");
        assertEquals(0, r.exit(), r.text());
        assertTrue(r.text().contains("Architecture:               arm64"), r.text());
        assertTrue(r.text().matches("(?s).*Non-terminated Pods:\\s+\\([1-9]\\d* in total\\).*"),
                "the field selector spec.nodeName=rpi3 finds the Pi's pods: " + r.text());
        assertTrue(r.text().contains("kube-proxy-"), r.text());
        assertTrue(r.text().matches("(?s).*Events:\\s+Type.*Starting.*"), "node events found by involvedObject: " + r.text());
    }

    @Test
    void cordonMarksTheNodeUnschedulableAndAWatchSeesIt() throws Exception {
        Process watch = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "nodes", "-w")
                .redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = readLines(watch, lines);
        try {
            Result cordon = kubectl("cordon", "rpi4");
            assertEquals(0, cordon.exit(), cordon.text());
            assertTrue(cordon.text().contains("node/rpi4 cordoned"), cordon.text());
            try (KubernetesClient client = ClusterConnection.forUrl(apiUrl)) {
                assertEquals(Boolean.TRUE, client.nodes().withName("rpi4").get().getSpec().getUnschedulable());
            }
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            do {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } while (line != null && !line.matches("rpi4\\s+Ready,SchedulingDisabled\\s+.*"));
            assertTrue(line != null, "kubectl get nodes -w printed the cordoned node: " + lines);
        } finally {
            watch.destroy();
            reader.join(5000);
            kubectl("uncordon", "rpi4");
        }
    }

    @Test
    void getEventsShowsWhatTheControllersDid() throws Exception {
        Result r = kubectl("get", "events", "-n", "demo");
        assertEquals(0, r.exit(), r.text());
        assertTrue(r.text().lines().findFirst().orElseThrow().matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), r.text());
        assertTrue(r.text().lines().anyMatch(l -> l.matches("\\S+\\s+Normal\\s+ScalingReplicaSet\\s+deployment/hello\\s+.*")), r.text());
    }

    @Test
    void unknownKindsAndBadPathsAnswerAsAnApiServerDoes() throws Exception {
        Result r = kubectl("get", "widgets");
        assertFalse(r.exit() == 0);
        assertTrue(r.text().contains("the server doesn't have a resource type \"widgets\""), r.text());
        Result version = kubectl("version", "-o", "json");
        assertEquals(0, version.exit(), version.text());
        assertTrue(version.text().contains("\"gitVersion\": \"v1.34."), version.text());
    }

    private record Result(int exit, String text) {
    }

    private Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--request-timeout=20s"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("kubectl " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private Thread readLines(Process p, BlockingQueue<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "kubectl-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static boolean kubectlPresent() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }
}
