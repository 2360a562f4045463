package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pirack.core.images.ImageFailureExplainer;
import io.pirack.core.images.Platform;
import io.pirack.kube.ClusterConnection;
import io.pirack.sim.SimWorkload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pirack rehearse --workload amd64-only}: a Deployment whose image has only a linux/amd64
 * build fails on the arm64 Pis as it does on a real rack — container waiting ErrImagePull with
 * containerd's message, then ImagePullBackOff, the kubelet's Failed/BackOff events — and
 * {@code pirack images check} against the same rack, through the real registry client, says the
 * image runs on no Pi and names the multi-architecture tag.
 */
class Amd64OnlyWorkloadOnRehearseTest {

    @TempDir
    Path dir;

    private RehearseUnderTest rack;
    private String previousHome;

    @BeforeEach
    void startRack() throws Exception {
        previousHome = System.getProperty("pirack.home");
        System.setProperty("pirack.home", dir.resolve("home").toString());
        rack = new RehearseUnderTest(dir, "--time-scale", "4", "--workload", "amd64-only");
    }

    @AfterEach
    void stopRack() throws InterruptedException {
        rack.close();
        if (previousHome == null) {
            System.clearProperty("pirack.home");
        } else {
            System.setProperty("pirack.home", previousHome);
        }
    }

    @Test
    void podsOfAnAmd64OnlyImageFailToPullOnTheArm64PisAndTheCheckSaysWhy() throws Exception {
        try (KubernetesClient client = ClusterConnection.forUrl(rack.apiUrl)) {
            var report = client.pods().inNamespace(SimWorkload.DEMO_NAMESPACE).withLabel("app", SimWorkload.AMD64_ONLY_DEPLOYMENT);
            List<Pod> pulling = report.informOnCondition(pods -> pods.size() == 2 && pods.stream().allMatch(waiting("ErrImagePull")))
                    .get(90, TimeUnit.SECONDS);
            ContainerStateWaiting failed = pulling.get(0).getStatus().getContainerStatuses().get(0).getState().getWaiting();
            String image = pulling.get(0).getSpec().getContainers().get(0).getImage();
            assertEquals("rpc error: code = NotFound desc = failed to pull and unpack image \"" + image
                    + "\": no match for platform in manifest: not found", failed.getMessage());
            assertEquals("Pending", pulling.get(0).getStatus().getPhase());

            List<Pod> backingOff = report.informOnCondition(pods -> pods.size() == 2 && pods.stream().allMatch(waiting("ImagePullBackOff")))
                    .get(90, TimeUnit.SECONDS);
            assertEquals("Back-off pulling image \"" + image + "\"",
                    backingOff.get(0).getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage());

            String podName = backingOff.get(0).getMetadata().getName();
            List<Event> events = client.v1().events().inNamespace(SimWorkload.DEMO_NAMESPACE)
                    .withField("involvedObject.name", podName).list().getItems();
            List<String> said = events.stream().map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage()).toList();
            assertTrue(said.contains("Normal Pulling: Pulling image \"" + image + "\""), said.toString());
            assertTrue(said.contains("Warning Failed: Failed to pull image \"" + image + "\": " + failed.getMessage()), said.toString());
            assertTrue(said.contains("Warning Failed: Error: ErrImagePull"), said.toString());
            assertTrue(said.contains("Normal BackOff: Back-off pulling image \"" + image + "\""), said.toString());
            assertTrue(said.contains("Warning Failed: Error: ImagePullBackOff"), said.toString());
            assertTrue(events.stream().filter(e -> !"Scheduled".equals(e.getReason()))
                    .allMatch(e -> "kubelet".equals(e.getSource().getComponent())), said.toString());

            // The pod details' "Why:" line reads these events.
            Optional<String> why = ImageFailureExplainer.explain(failed.getMessage(), Optional.of(Platform.ofNode("linux", "arm64", "")),
                    Optional.empty());
            assertTrue(why.orElseThrow().contains("no build for linux/arm64"), why.orElseThrow());

            StringWriter out = new StringWriter();
            CommandLine check = PiRackCommand.commandLine();
            check.setOut(new PrintWriter(out, true));
            check.setErr(new PrintWriter(new StringWriter(), true));
            int exit = check.execute("images", "check", "--kubeconfig", rack.kubeconfig.toString(), "-n", "demo", "--json");
            assertEquals(1, exit, out.toString());
            JsonNode entry = null;
            for (JsonNode e : JsonMapper.builder().build().readTree(out.toString()).path("images")) {
                if (e.path("image").asString("").equals(image)) {
                    entry = e;
                }
            }
            assertTrue(entry != null, out.toString());
            assertEquals("runs-on-none", entry.path("verdict").asString(""), entry.toString());
            assertEquals("linux/amd64", entry.path("platforms").get(0).path("platform").asString(""), entry.toString());
            assertEquals(image + "-multiarch", entry.path("suggestion").asString(""), entry.toString());
        }
    }

    private static Predicate<Pod> waiting(String reason) {
        return pod -> pod.getStatus() != null && !pod.getStatus().getContainerStatuses().isEmpty()
                && pod.getStatus().getContainerStatuses().get(0).getState() != null
                && pod.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                && reason.equals(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
    }
}
