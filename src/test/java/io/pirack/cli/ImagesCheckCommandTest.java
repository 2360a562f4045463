package io.pirack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.pirack.testing.LocalRegistry;
import io.pirack.testing.LocalRegistry.Plat;
import io.pirack.tuning.CrudApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code pirack images check} against an API server with arm64 Pis and a real registry on loopback. */
class ImagesCheckCommandTest {

    @RegisterExtension
    static final LocalRegistry REGISTRY = new LocalRegistry();

    @TempDir
    Path home;

    private CrudApiServer api;
    private String previousHome;

    @BeforeAll
    static void pushImages() throws Exception {
        REGISTRY.pushIndex("demo/hello", "1.0", false, new Plat("linux", "amd64", ""), new Plat("linux", "arm64", "v8"));
        REGISTRY.pushSinglePlatform("demo/legacy", "1.0", "linux", "amd64", "");
        REGISTRY.pushSinglePlatform("demo/legacy", "1.0-amd64", "linux", "amd64", "");
        REGISTRY.pushIndex("demo/legacy", "1.0-multi", true, new Plat("linux", "amd64", ""), new Plat("linux", "arm64", "v8"));
    }

    @BeforeEach
    void cluster() {
        previousHome = System.getProperty("pirack.home");
        System.setProperty("pirack.home", home.toString());
        api = new CrudApiServer();
        for (String name : List.of("rpi1", "rpi2")) {
            api.client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .withLabels(Map.of("kubernetes.io/arch", "arm64", "kubernetes.io/os", "linux")).endMetadata()
                    .withNewStatus().withNewNodeInfo().withArchitecture("arm64").withOperatingSystem("linux").withKernelVersion("6.6.31+rpt-rpi-v8")
                    .endNodeInfo().endStatus().build()).create();
        }
        deploy("hello", REGISTRY.host() + "/demo/hello:1.0");
        deploy("legacy", REGISTRY.host() + "/demo/legacy:1.0");
    }

    @AfterEach
    void stop() {
        api.close();
        if (previousHome == null) {
            System.clearProperty("pirack.home");
        } else {
            System.setProperty("pirack.home", previousHome);
        }
    }

    private void deploy(String name, String image) {
        api.client.apps().deployments().inNamespace("demo").resource(new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("demo")
                .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName(name).withImage(image).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    @Test
    void amd64OnlyImageFailsWithTheMultiArchTagSuggestedAndTheGoodOnePasses() throws Exception {
        CliRun run = CliRun.of("images", "check", "--kubeconfig", api.writeKubeconfig(home).toString());
        assertEquals(1, run.exitCode(), run.out() + run.err());
        String[] lines = run.out().split("\n");
        assertEquals("Pis: rpi1 linux/arm64/v8, rpi2 linux/arm64/v8", lines[0]);
        assertTrue(lines[1].startsWith("FAIL  " + REGISTRY.host() + "/demo/legacy:1.0  built only for linux/amd64; the Pis are linux/arm64/v8"), run.out());
        assertTrue(run.out().contains("fix: use " + REGISTRY.host() + "/demo/legacy:1.0-multi (it has a build for every Pi)"), run.out());
        assertTrue(run.out().contains("PASS  " + REGISTRY.host() + "/demo/hello:1.0  runs on every Pi (linux/amd64, linux/arm64/v8)."), run.out());
        assertTrue(Files.readString(home.resolve("image-platforms.json")).contains("demo/legacy:1.0"), "answers are cached for an offline booth");
    }

    @Test
    void jsonHasOneEntryPerImageWithPlatformsNodesAndVerdict() throws Exception {
        CliRun run = CliRun.of("images", "check", "--json", "--kubeconfig", api.writeKubeconfig(home).toString());
        JsonNode images = JsonMapper.builder().build().readTree(run.out()).path("images");
        assertEquals(2, images.size());
        JsonNode legacy = images.get(0);
        assertEquals("runs-on-none", legacy.path("verdict").asString());
        assertEquals(List.of("rpi1", "rpi2"), legacy.path("failsOn").valueStream().map(JsonNode::asString).toList());
        assertEquals("linux/amd64", legacy.path("platforms").get(0).path("platform").asString());
        assertTrue(legacy.path("platforms").get(0).path("digest").asString().startsWith("sha256:"));
        JsonNode hello = images.get(1);
        assertEquals("runs-on-every-pi", hello.path("verdict").asString());
        assertEquals(List.of("demo/hello (Deployment)"), hello.path("usedBy").valueStream().map(JsonNode::asString).toList());
    }

    @Test
    void offlineAfterACheckFallsBackToTheCacheAndWarnsInsteadOfFailing() throws Exception {
        Path kubeconfig = api.writeKubeconfig(home);
        assertEquals(1, CliRun.of("images", "check", "--kubeconfig", kubeconfig.toString()).exitCode());
        api.client.apps().deployments().inNamespace("demo").withName("legacy").delete();
        // The registry is gone (a booth without network): the cached answer stands, marked as such.
        REGISTRY.stop();
        try {
            CliRun offline = CliRun.of("images", "check", "--kubeconfig", kubeconfig.toString());
            assertTrue(offline.out().contains("WARN  " + REGISTRY.host() + "/demo/hello:1.0  runs on every Pi"), offline.out());
            assertTrue(offline.out().contains("registry not reachable now: cannot reach " + REGISTRY.host() + ": connection refused; as checked at"),
                    offline.out());
        } finally {
            REGISTRY.restart();
        }
    }

    @Test
    void badCaFileIsOneLineAndExitTwo() throws Exception {
        Path bad = Files.writeString(home.resolve("ca.pem"), "not a certificate");
        CliRun run = CliRun.of("images", "check", "--registry-ca", bad.toString(), "--kubeconfig", api.writeKubeconfig(home).toString());
        assertEquals(2, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("pirack images check: " + bad), run.err());
    }
}
