package io.pirack.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.pirack.core.cluster.ApiPermission;
import io.pirack.core.cluster.ApiStatus;
import io.pirack.core.cluster.ApiStatusText;
import io.pirack.core.cluster.ClusterSnapshot;
import io.pirack.core.cluster.Forbidden;
import io.pirack.core.preflight.CheckStatus;
import io.pirack.core.preflight.Preflight;
import io.pirack.core.preflight.PreflightInputs;
import io.pirack.core.preflight.PreflightItem;
import io.pirack.testing.RbacApiServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 403 is said at once with the verb, the resource and the user — never as "connecting", a silent
 * retry or "API unreachable" — and the preflight names every permission the kubeconfig lacks.
 * Against fabric8's embedded API server answering as the API server's RBAC does ({@link RbacApiServer}).
 */
class ForbiddenApiTest {

    @TempDir
    Path dir;

    private final RbacApiServer server = new RbacApiServer();
    private KubernetesClient client;
    private ClusterWatcher watcher;

    private KubernetesClient clientAs(String user) throws Exception {
        client = ClusterConnection.fromKubeconfig(server.writeKubeconfig(dir, user), null);
        return client;
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void aForbiddenListShowsInTheStatusBarWithVerbResourceAndUserAtOnce() throws Exception {
        server.deny("pirack-demo", "list", "nodes");
        ClusterStore store = new ClusterStore(Clock.systemUTC(), "rbac");
        watcher = new ClusterWatcher(clientAs("pirack-demo"), store, Clock.systemUTC());
        long start = System.nanoTime();
        watcher.start();

        ClusterSnapshot shown = store.await(s -> ApiStatusText.statusBar(s.api(), Instant.now()).contains("Forbidden"),
                Duration.ofSeconds(20), "the 403 in the status bar");
        System.out.printf("403 shown after %d ms%n", (System.nanoTime() - start) / 1_000_000);

        String expected = "Forbidden: cannot list nodes (user pirack-demo) — see docs/rbac.yaml";
        assertEquals("✖ " + expected, ApiStatusText.statusBar(shown.api(), Instant.now()));
        assertEquals(ApiStatusText.Look.UNREACHABLE, ApiStatusText.look(shown.api(), Instant.now()), "an alarm, not a calm 'connecting'");
        assertTrue(ApiStatusText.banner(shown.api(), Instant.now()).startsWith(expected), "the banner says it too");
        assertFalse(shown.api() instanceof ApiStatus.Unreachable, "the API answers: it is not unreachable");
        assertTrue(server.forbiddenAnswers().contains("list nodes"));
    }

    @Test
    void aForbiddenPatchNamesTheVerbTheNodeResourceAndTheUser() throws Exception {
        KubernetesClient admin = clientAs("admin");
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata().withNewSpec().endSpec().build()).create();
        server.deny("pirack-demo", "patch", "nodes");
        KubernetesClient demo = ClusterConnection.fromKubeconfig(server.writeKubeconfig(dir, "pirack-demo"), null);
        try (demo) {
            KubernetesClientException e = assertThrows(KubernetesClientException.class,
                    () -> OutOfServiceTaint.add(demo, "rpi2", Instant.now()));

            assertEquals("Forbidden: cannot patch nodes (user pirack-demo) — see docs/rbac.yaml", KubeErrors.describe(e));
        }
    }

    @Test
    void aForbiddenTaintRemovalIsSaidAtOnceNotRetried() throws Exception {
        KubernetesClient admin = clientAs("admin");
        admin.nodes().resource(new NodeBuilder().withNewMetadata().withName("rpi2").endMetadata().withNewSpec().endSpec().build()).create();
        OutOfServiceTaint.add(admin, "rpi2", Instant.now());
        server.deny("pirack-demo", "patch", "nodes");
        KubernetesClient demo = ClusterConnection.fromKubeconfig(server.writeKubeconfig(dir, "pirack-demo"), null);
        try (demo) {
            KubernetesClientException e = assertThrows(KubernetesClientException.class,
                    () -> OutOfServiceTaint.remove(demo, "rpi2"));

            assertEquals("Forbidden: cannot patch nodes (user pirack-demo) — see docs/rbac.yaml", KubeErrors.describe(e));
            assertEquals(1, server.forbiddenAnswers().stream().filter("patch nodes"::equals).count(),
                    "a 403 is not a lost race: one refused patch, not five");
        }
    }

    @Test
    void preflightNamesEveryMissingPermissionAndFails() throws Exception {
        server.deny("pirack-demo", "create", "daemonsets").deny("pirack-demo", "watch", "pods")
                .deny("pirack-demo", "patch", "nodes");

        List<ApiPermission.Check> checks = AccessReview.check(clientAs("pirack-demo"), ApiPermission.PIRACK);
        PreflightItem item = Preflight.check(inputs().withPermissions(checks)).items().stream()
                .filter(i -> i.id().equals("permissions")).findFirst().orElseThrow();

        assertEquals(CheckStatus.FAIL, item.status());
        assertEquals("missing: watch pods, create daemonsets; optional, also missing: patch nodes "
                + "(drill --force-statefulset (out-of-service taint))", item.detail());
        assertTrue(item.fix().contains("kubectl apply -f " + Forbidden.RBAC_FILE), item.fix());
    }

    @Test
    void preflightPassesWhenEveryPermissionIsGranted() throws Exception {
        List<ApiPermission.Check> checks = AccessReview.check(clientAs("admin"), ApiPermission.PIRACK);
        PreflightItem item = Preflight.check(inputs().withPermissions(checks)).items().stream()
                .filter(i -> i.id().equals("permissions")).findFirst().orElseThrow();

        assertEquals(CheckStatus.PASS, item.status());
        assertEquals("all " + ApiPermission.PIRACK.size() + " granted", item.detail());
    }

    private static PreflightInputs inputs() {
        return new PreflightInputs(List.of(), List.of(), Optional.empty(), List.of(), Optional.empty(), List.of(), List.of(),
                PreflightInputs.DEFAULT_CLOCK_SKEW_LIMIT);
    }
}
