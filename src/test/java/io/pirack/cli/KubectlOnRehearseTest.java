package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.kube.ClusterConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against {@code pirack rehearse}: discovery, server-side tables, field selectors,
 * a streamed watch and a strategic-merge patch all have to be right for these commands to print the
 * rows a presenter expects. On CI ({@code CI=true}) a missing kubectl fails the test; .ci/run installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlOnRehearseTest {

    @TempDir
    static Path dir;

    private RehearseUnderTest rack;
    private Path kubeconfig;
    private String apiUrl;

    @BeforeAll
    void startRack() throws Exception {
        RehearseUnderTest.requireKubectl();
        rack = new RehearseUnderTest(dir, "--time-scale", "4");
        kubeconfig = rack.kubeconfig;
        apiUrl = rack.apiUrl;
        try (KubernetesClient client = ClusterConnection.forUrl(apiUrl)) {
            client.pods().inNamespace("demo").withLabel("app", "hello")
                    .informOnCondition(pods -> pods.size() == 6).get(90, TimeUnit.SECONDS);
        }
        // kubectl wait is itself a list + streamed watch with a label selector.
        RehearseUnderTest.Result ready = kubectl("wait", "--for=condition=Ready", "pod", "-l", "app=hello", "-n", "demo", "--timeout=60s");
        assertEquals(0, ready.exit(), ready.text());
    }

    @AfterAll
    void stopRack() throws InterruptedException {
        if (rack != null) {
            rack.close();
        }
    }

    @Test
    void getNodesListsEveryPiWithStatusAndRole() throws Exception {
        RehearseUnderTest.Result r = kubectl("get", "nodes");
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
        RehearseUnderTest.Result r = kubectl("get", "pods", "-A", "-o", "wide");
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
        RehearseUnderTest.Result r = kubectl("describe", "node", "rpi3");
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
            RehearseUnderTest.Result cordon = kubectl("cordon", "rpi4");
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
        RehearseUnderTest.Result r = kubectl("get", "events", "-n", "demo");
        assertEquals(0, r.exit(), r.text());
        assertTrue(r.text().lines().findFirst().orElseThrow().matches("LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE"), r.text());
        assertTrue(r.text().lines().anyMatch(l -> l.matches("\\S+\\s+Normal\\s+ScalingReplicaSet\\s+deployment/hello\\s+.*")), r.text());
    }

    @Test
    void unknownKindsAndBadPathsAnswerAsAnApiServerDoes() throws Exception {
        RehearseUnderTest.Result r = kubectl("get", "widgets");
        assertFalse(r.exit() == 0);
        assertTrue(r.text().contains("the server doesn't have a resource type \"widgets\""), r.text());
        RehearseUnderTest.Result version = kubectl("version", "-o", "json");
        assertEquals(0, version.exit(), version.text());
        assertTrue(version.text().contains("\"gitVersion\": \"v1.34."), version.text());
    }

    private RehearseUnderTest.Result kubectl(String... args) throws Exception {
        return rack.kubectl(args);
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
}
